import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as yaml from "js-yaml";
import { main } from "../../src/cli/entraCts";
import { runExport } from "../../src/cli/export/command";
import { CONTOSO_CALLERS } from "../../src/emulator/fixtures/fixtureIds";
import { resetRuntime } from "../../src/provider/runtime";
import type { ExportOptions } from "../../src/cli/export/args";
import { GraphSession } from "../../src/graph/client";
import { createCredential } from "../../src/graph/credentials";
import { credentialSpecFor, resolveSettings } from "../../src/graph/settings";
import type { ResourceName } from "../../src/resources/typeTokens";
import { DIFF_NONE, type StateEntry } from "../harness/engine";
import { withProviderStack } from "../harness/providerStack";
import {
  CONTOSO_GROUPS,
  CONTOSO_USERS,
  portalConfiguration,
  portalMappings,
  portalPartners,
} from "./exportWorld";

const stack = withProviderStack();
const ROOT = path.resolve(__dirname, "..", "..");
const PROJECT = "cts-exported";

interface Imported {
  type: ResourceName;
  name: string;
  importId: string;
  changes: number;
  entry: StateEntry;
}
const imported: Imported[] = [];

/**
 * The mocks play the engine's part for `import`: each registration is checked and read through
 * the real provider host with its import id and the program's inputs, then diffed; the outputs
 * the provider read go back to the program, so references (servicePrincipalId) resolve to what
 * Graph holds, exactly as in a real `pulumi up`.
 */
pulumi.runtime.setMocks(
  {
    newResource: async (args) => {
      const type = args.type.split(":").pop() as ResourceName;
      if (!args.id) throw new Error(`${args.name} has no import id`);
      const inputs = Object.fromEntries(
        Object.entries(args.inputs as Record<string, unknown>).filter(
          ([key]) => key !== "__provider",
        ),
      );
      const entry = await stack.engine.import(type, args.name, args.id, inputs);
      const diff = await stack.engine.diff(entry, inputs);
      imported.push({ type, name: args.name, importId: args.id, changes: diff.changes, entry });
      return { id: entry.id, state: entry.outputs };
    },
    call: () => ({}),
  },
  PROJECT,
  "dev",
  false,
);

function sessions(): (tenantId: string) => GraphSession {
  const settings = resolveSettings((key) => stack.config[key], {});
  return (tenantId) =>
    new GraphSession({
      tenantId,
      graphUrl: settings.graphUrl,
      credential: createCredential(tenantId, credentialSpecFor(settings, tenantId), settings)
        .credential,
      caFile: settings.caFile,
      operationTimeoutInMs: 20_000,
    });
}

function options(outDir: string, overrides: Partial<ExportOptions> = {}): ExportOptions {
  return {
    tenants: [
      { label: "contoso", tenantId: stack.source },
      { label: "fabrikam", tenantId: stack.target },
    ],
    outDir,
    stack: "dev",
    project: PROJECT,
    force: false,
    concurrency: 4,
    ...overrides,
  };
}

async function settle(count: number): Promise<void> {
  for (let waited = 0; imported.length < count && waited < 20_000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 200));
}

describe("entra-cts export", () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-cts-export-"));
    // The generated program resolves @pulumi/pulumi like a user's project does.
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(outDir, "node_modules"), "dir");
    await portalPartners(stack.emulator, stack.source, stack.target);
    const fabrikam = await portalConfiguration(stack.emulator, stack.source, stack.target, {
      displayName: "Fabrikam",
      scope: "assigned",
      notificationEmail: "identity-ops@contoso.com",
      threshold: 25,
      start: true,
      groups: [CONTOSO_GROUPS.pilot, CONTOSO_GROUPS.sales],
      users: [CONTOSO_USERS.megan],
    });
    await portalMappings(
      stack.emulator,
      stack.source,
      fabrikam.servicePrincipalId,
      fabrikam.jobId!,
    );
    await portalConfiguration(stack.emulator, stack.source, stack.target, {
      displayName: "Fabrikam (everyone)",
      scope: "all",
      start: false,
    });
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it("writes a program whose imports all diff empty against the live tenants", async () => {
    const result = await runExport(options(outDir), { session: sessions() });
    expect(result.model.leftOut).toEqual([]);
    const counts = result.model.resources.reduce<Record<string, number>>((acc, r) => {
      acc[r.type] = (acc[r.type] ?? 0) + 1;
      return acc;
    }, {});
    expect(counts).toEqual({
      PartnerPolicy: 2,
      SyncConfiguration: 2,
      SyncJob: 2,
      Assignment: 3,
      AttributeMapping: 1,
    });

    const program = fs.readFileSync(path.join(outDir, "index.ts"), "utf8");
    // References where the program owns both ends; tenant ids only through config.
    expect(program).toMatch(/servicePrincipalId: fabrikam\.servicePrincipalId/);
    expect(program).toMatch(/jobId: fabrikamJob\.jobId/);
    // Only what differs from the template: the edited displayName and the filter.
    const mapping = result.model.resources.find((r) => r.type === "AttributeMapping")!;
    expect(mapping.inputs.mappings).toEqual([
      { targetAttribute: "displayName", expression: 'Join(" ", [givenName], [surname])' },
    ]);
    expect(mapping.inputs.scopingFilter).toEqual([
      {
        name: "Sales only",
        clauses: [{ sourceAttribute: "department", operator: "EQUALS", values: ["Sales"] }],
      },
    ]);
    expect(program).not.toMatch(/[tT]enantId: "/);
    expect(program).toMatch(/Not expressed here:\n\/\/ - nothing was left out\./);
    // No secret of any tenant's app reaches the files.
    for (const file of result.written) {
      const text = fs.readFileSync(file, "utf8");
      for (const tenant of stack.emulator.settings.tenants)
        expect(text).not.toContain(tenant.clientSecret);
    }

    const stackConfig = yaml.load(
      fs.readFileSync(path.join(outDir, "Pulumi.dev.yaml"), "utf8"),
    ) as { config: Record<string, string> };
    expect(stackConfig.config[`${PROJECT}:contosoTenantId`]).toBe(stack.source);
    pulumi.runtime.setAllConfig(stackConfig.config);

    await import(path.join(outDir, "index.ts"));
    await settle(result.model.resources.length);

    expect(imported.map((i) => [i.type, i.name, i.importId]).sort()).toEqual(
      result.model.resources.map((r) => [r.type, r.name, r.importId]).sort(),
    );
    expect(imported.filter((i) => i.changes !== DIFF_NONE).map((i) => i.name)).toEqual([]);
    // The paused job stays paused, the running one running: enabled came from Graph.
    const jobs = imported.filter((i) => i.type === "SyncJob").map((i) => i.entry.inputs.enabled);
    expect(jobs.sort()).toEqual([false, true]);
  });

  it("refuses to overwrite an earlier export unless forced", async () => {
    await expect(runExport(options(outDir), { session: sessions() })).rejects.toThrow(
      /not overwriting .*index\.ts.*--force/,
    );
    await expect(
      runExport(options(outDir, { force: true }), { session: sessions() }),
    ).resolves.toBeDefined();
  });

  it("writes partial results and lists what it left out: an unknown tenant, an unfinished configuration", async () => {
    await portalConfiguration(stack.emulator, stack.source, stack.target, {
      displayName: "Half made",
      scope: "assigned",
      start: false,
      withSettings: false,
    });
    const unknown = "00000000-0000-4000-8000-00000000dead";
    const partial = path.join(outDir, "partial");
    const result = await runExport(
      options(partial, {
        tenants: [
          { label: "contoso", tenantId: stack.source },
          { label: "nowhere", tenantId: unknown },
        ],
      }),
      { session: sessions() },
    );
    expect(result.model.resources.filter((r) => r.type === "SyncConfiguration")).toHaveLength(2);
    const left = result.model.leftOut.map((item) => `${item.tenantId}: ${item.what}`);
    expect(left).toEqual(
      expect.arrayContaining([
        `${unknown}: partner configurations`,
        `${unknown}: cross-tenant synchronization configurations`,
        expect.stringMatching(new RegExp(`^${stack.source}: configuration 'Half made'`)),
      ]),
    );
    const program = fs.readFileSync(path.join(partial, "index.ts"), "utf8");
    expect(program).toContain(`// - ${unknown}: partner configurations:`);
    expect(program).toContain("Half made");
  });
});

describe("entra-cts export on the command line", () => {
  const saved = { ...process.env };
  let dir: string;
  let stdout: string[];
  let stderr: string[];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-cts-export-cli-"));
    stdout = [];
    stderr = [];
    jest.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      stdout.push(String(chunk));
      return true;
    });
    jest.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetRuntime();
  });

  it.each([
    [[], /name at least one tenant/],
    [["--tenant", "contoso"], /must be a GUID/],
    [["--tenant", "x=not-a-guid"], /must be a GUID/],
    [["--tenant", "9c5d131d-b1c3-4fc4-9e3f-c6557947d551", "--out"], /--out needs a value/],
    [["--tenant", "9c5d131d-b1c3-4fc4-9e3f-c6557947d551", "--concurrency", "0"], /1 to 16/],
    [["--tenants", "x"], /unknown option '--tenants'/],
  ])("rejects %j with exit code 2 and says why", async (args, message) => {
    expect(await main(["export", ...args])).toBe(2);
    expect(stderr.join("")).toMatch(message);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("rejects an unknown command with exit code 2", async () => {
    expect(await main(["exprot"])).toBe(2);
    expect(stderr.join("")).toMatch(/unknown command 'exprot'[\s\S]*export/);
  });

  it("names the missing permission, writes what it could read, and exits 1", async () => {
    // Contoso's credential is the read-only auditor (Policy.Read.All only); Fabrikam's is complete.
    Object.assign(process.env, {
      ENTRA_CTS_GRAPH_URL: stack.emulator.settings.graphUrl,
      ENTRA_CTS_AUTHORITY_HOST: stack.emulator.settings.authorityHost,
      ENTRA_CTS_CA_FILE: stack.emulator.settings.caCertPath,
      ENTRA_CTS_OPERATION_TIMEOUT_SECONDS: "20",
      ENTRA_CTS_CONTOSO_TENANT_ID: stack.source,
      ENTRA_CTS_CONTOSO_CLIENT_ID: CONTOSO_CALLERS.auditor.appId,
      ENTRA_CTS_CONTOSO_CLIENT_SECRET: CONTOSO_CALLERS.auditor.clientSecret,
      ENTRA_CTS_FABRIKAM_TENANT_ID: stack.target,
      ENTRA_CTS_FABRIKAM_CLIENT_ID: stack.emulator.tenant("target").clientId,
      ENTRA_CTS_FABRIKAM_CLIENT_SECRET: stack.emulator.tenant("target").clientSecret,
    });
    const code = await main([
      "export",
      "--tenant",
      `contoso=${stack.source}`,
      "--tenant",
      `fabrikam=${stack.target}`,
      "--out",
      dir,
    ]);
    expect(code).toBe(1);
    const errors = stderr.join("");
    expect(errors).toMatch(/cross-tenant synchronization configurations: .*Application\.Read\.All/);
    const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    // Partners need only Policy.Read.All: both sides are still in the program.
    expect(program).toContain('"contoso-partner-fabrikam"');
    expect(program).toContain('"fabrikam-partner-contoso"');
    expect(program).not.toContain("new SyncConfiguration(");
    expect(stdout.join("")).toMatch(/Exported 2 resources from 2 tenant\(s\)/);
  });
});
