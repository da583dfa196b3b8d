import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fetch } from "undici";
import { parseDemoArgs, DemoUsageError } from "../../src/demo/args";
import { changesInPreview } from "../../src/demo/previewDiff";
import { findPulumi, INSTALL_URL } from "../../src/demo/pulumiCli";
import { runDemo } from "../../src/demo/run";
import { pulumiSteps, STACK } from "../../src/demo/steps";
import { formatTable } from "../../src/demo/table";

/**
 * `npm run demo` (decisions/0071). The Pulumi CLI cannot be installed here, so a fake `pulumi`
 * (test/fixtures/fake-pulumi) stands in: it refuses any flag Pulumi's CLI reference does not
 * document, logs every invocation, and plays the engine with the provider installed in the
 * demo's temp project, so deploy, drift and destroy really happen on the emulator.
 */
// Each CLI start compiles TypeScript (ts-node) on a shared, busy machine.
jest.setTimeout(150_000);

const root = path.resolve(__dirname, "..", "..");
const fakeBin = path.join(root, "test", "fixtures", "fake-pulumi");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS fixture
const { validate } = require("../fixtures/fake-pulumi/documentedFlags.js") as {
  validate(argv: string[]): { error?: string; command?: string };
};

interface LoggedCall {
  argv: string[];
  cwd: string;
  error?: string;
  passphraseSet: boolean;
  backendUrl?: string;
  pulumiHome?: string;
  graphUrl?: string;
}

function gitStatus(): string {
  return spawnSync("git", ["status", "--porcelain", "--untracked-files=all"], {
    cwd: root,
    encoding: "utf8",
  }).stdout;
}

function scratch(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** The demo CLI as `npm run demo` starts it, with a private TMPDIR to see what it leaves. */
function runCli(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(root, "src", "demo", "cli.ts"), ...args],
    { cwd: root, encoding: "utf8", env: { ...process.env, ...env }, timeout: 120_000 },
  );
}

const demoLeftovers = (dir: string) =>
  fs.readdirSync(dir).filter((name) => name.startsWith("entra-cts-"));

describe("the demo's arguments", () => {
  test("takes none but --help, and names the wrong one", () => {
    expect(parseDemoArgs([])).toBe("run");
    expect(parseDemoArgs(["--help"])).toBe("help");
    expect(() => parseDemoArgs(["--bogus"])).toThrow(DemoUsageError);
    expect(() => parseDemoArgs(["--help", "--yes"])).toThrow(/"--yes"/);
  });

  test("`npm run demo -- --bogus` exits 2 with the usage, before looking for the CLI", () => {
    const tmp = scratch("demo-args-");
    const before = gitStatus();
    const result = runCli(["--bogus"], {
      TMPDIR: tmp,
      PATH: `${fakeBin}${path.delimiter}${process.env.PATH}`,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown argument "--bogus"');
    expect(result.stderr).toContain("Usage: npm run demo");
    expect(demoLeftovers(tmp)).toEqual([]);
    expect(gitStatus()).toBe(before);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});

describe("without the Pulumi CLI", () => {
  test("findPulumi looks only on PATH", () => {
    expect(findPulumi({ PATH: fakeBin })).toBe(path.join(fakeBin, "pulumi"));
    expect(findPulumi({ PATH: path.join(root, "test") })).toBeUndefined();
    expect(findPulumi({})).toBeUndefined();
  });

  test("says so at once with how to install it, exits non-zero and changes nothing", () => {
    const tmp = scratch("demo-nocli-");
    const before = gitStatus();
    // Only node's own folder on PATH: no pulumi there.
    const result = runCli([], { TMPDIR: tmp, PATH: path.dirname(process.execPath) });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("the Pulumi CLI is not on PATH");
    expect(result.stderr).toContain(INSTALL_URL);
    expect(result.stderr).toContain("Nothing was changed");
    expect(result.stdout).toBe("");
    expect(demoLeftovers(tmp)).toEqual([]);
    expect(gitStatus()).toBe(before);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});

describe("reading `pulumi preview --json`", () => {
  const urn = (name: string) =>
    `urn:pulumi:demo::p::pulumi-nodejs:dynamic/entra-cts:PartnerPolicy::${name}`;

  test("takes the changed properties from diffReasons when the engine names them", () => {
    const json = JSON.stringify({
      steps: [
        { op: "same", urn: urn("a") },
        { op: "update", urn: urn("b"), diffReasons: ["userSyncInbound"] },
      ],
    });
    expect(changesInPreview(json)).toEqual([
      { resource: "b", op: "update", property: "userSyncInbound" },
    ]);
  });

  test("otherwise compares declared inputs with the refreshed outputs", () => {
    const inputs = { tenantId: "t", automaticUserConsentInbound: true, __provider: "x" };
    const json = JSON.stringify({
      steps: [
        {
          op: "update",
          urn: urn("b"),
          oldState: { inputs, outputs: { tenantId: "t", automaticUserConsentInbound: false } },
          newState: { inputs },
        },
        { op: "refresh", urn: urn("c") },
        { op: "delete", urn: urn("d") },
      ],
    });
    expect(changesInPreview(json)).toEqual([
      { resource: "b", op: "update", property: "automaticUserConsentInbound" },
      { resource: "d", op: "delete", property: "" },
    ]);
  });

  test("refuses output that is not JSON", () => {
    expect(() => changesInPreview("Previewing update (demo)")).toThrow(/not JSON/);
  });
});

test("formatTable pads columns and shows missing values as blanks", () => {
  expect(
    formatTable(
      ["a", "bb"],
      [
        ["xyz", null],
        ["1", "2"],
      ],
    ),
  ).toBe(["a    bb", "---  --", "xyz", "1    2"].join("\n"));
});

describe("the fake CLI's table of documented flags", () => {
  test("accepts every invocation the demo makes", () => {
    const steps = [
      pulumiSteps.login("file:///tmp/x"),
      pulumiSteps.stackInit(),
      pulumiSteps.configSet("sourceTenantId", "v"),
      pulumiSteps.up(),
      pulumiSteps.previewRefresh(),
      pulumiSteps.previewWithPolicies("/p"),
      pulumiSteps.destroy(),
      pulumiSteps.stackRm(),
    ];
    for (const argv of steps) expect(validate(argv)).not.toHaveProperty("error");
  });

  test("refuses what Pulumi does not document, so the check can fail", () => {
    expect(validate(["preview", "--yes"]).error).toMatch(/unknown flag: --yes/);
    expect(validate(["up", "--auto-approve"]).error).toMatch(/unknown flag/);
    expect(validate(["stack", "init", "a", "b"]).error).toMatch(/accepts 0 to 1/);
    expect(validate(["config", "set", "--stack"]).error).toMatch(/needs an argument/);
    expect(validate(["stack", "remove", STACK]).error).toMatch(/unknown command/);
  });
});

describe("a whole demo run with the fake CLI", () => {
  let tmpRoot: string;
  let logFile: string;
  let output = "";
  let calls: LoggedCall[] = [];
  let gitBefore: string;

  beforeAll(async () => {
    tmpRoot = scratch("demo-run-");
    logFile = path.join(scratch("demo-log-"), "calls.jsonl");
    gitBefore = gitStatus();
    await runDemo({
      repoRoot: root,
      pulumi: path.join(fakeBin, "pulumi"),
      tmpRoot,
      env: { ...process.env, FAKE_PULUMI_LOG: logFile },
      out: (text) => void (output += text),
    });
    calls = fs
      .readFileSync(logFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as LoggedCall);
  }, 600_000);

  afterAll(() => {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
    fs.rmSync(path.dirname(logFile), { recursive: true, force: true });
  });

  test("runs Pulumi's commands in order, each with documented flags and no prompt", () => {
    const backend = calls[0].backendUrl!;
    const pack = path.join(calls[0].cwd, "node_modules", "pulumi-entra-cts", "policy-pack");
    const onStack = ["--stack", "demo", "--non-interactive"];
    expect(calls.map((call) => call.argv)).toEqual([
      ["login", backend, "--non-interactive"],
      ["stack", "init", "demo", "--non-interactive"],
      ["config", "set", "sourceTenantId", expect.any(String), ...onStack],
      ["config", "set", "targetTenantId", expect.any(String), ...onStack],
      ["config", "set", "pilotGroupId", expect.any(String), ...onStack],
      ["up", "--yes", "--skip-preview", ...onStack],
      ["preview", "--refresh", "--json", ...onStack],
      ["preview", "--policy-pack", pack, ...onStack],
      ["destroy", "--yes", "--skip-preview", ...onStack],
      ["stack", "rm", "demo", "--yes", "--non-interactive"],
    ]);
    for (const call of calls) {
      expect(call.error).toBeUndefined();
      expect(call.argv).toContain("--non-interactive");
      expect(call.passphraseSet).toBe(true);
    }
  });

  test("keeps the backend, Pulumi's home and the project in its temp folder", () => {
    const work = path.dirname(calls[0].cwd);
    expect(path.dirname(work)).toBe(tmpRoot);
    for (const call of calls) {
      expect(call.cwd).toBe(path.join(work, "tenant-pair"));
      expect(call.backendUrl).toBe(`file://${path.join(work, "backend")}`);
      expect(call.pulumiHome).toBe(path.join(work, "pulumi-home"));
    }
    expect(calls[0].argv[1]).toBe(calls[0].backendUrl);
  });

  test("sets the example's config to the emulator's tenants and the pilot group", () => {
    const configs = calls.filter((c) => c.argv[0] === "config").map((c) => c.argv.slice(2, 4));
    expect(Object.fromEntries(configs)).toEqual({
      sourceTenantId: "2f7e4b1a-8c3d-4e5f-9a6b-1c2d3e4f5a60",
      targetTenantId: "9c5d131d-b1c3-4fc4-9e3f-c6557947d551",
      pilotGroupId: "9e8762f3-ebd6-5a0f-9c87-5d1ec8684494",
    });
  });

  test("a provisioning cycle put the pilot group's members in the target, shaped by the mappings", () => {
    expect(output).toMatch(/cycle: Succeeded, \{"created":[1-9]/);
    // The example's mappings: displayName gets " (Contoso)", companyName the constant.
    const synced = output.split("\n").filter((line) => line.includes("(Contoso)"));
    expect(synced.length).toBeGreaterThan(0);
    for (const line of synced)
      expect(line).toMatch(/#EXT#@fabrikam\S*\s+(Member|Guest)\s+Contoso$/);
    // New users are members (userType applies on create); a B2B guest taken over keeps its type.
    expect(synced.filter((line) => /\sMember\s/.test(line)).length).toBeGreaterThan(0);
  });

  test("the portal-style change is caught by preview --refresh, and only it", () => {
    expect(output).toContain("drift: fabrikam-accepts-contoso update automaticUserConsentInbound");
    expect(output.match(/^drift: /gm)).toHaveLength(1);
    expect(output).toContain("caught exactly fabrikam-accepts-contoso.automaticUserConsentInbound");
  });

  test("runs the policy pack installed with the package, then destroys everything", () => {
    const policy = calls.find((c) => c.argv.includes("--policy-pack"))!;
    const pack = policy.argv[policy.argv.indexOf("--policy-pack") + 1];
    expect(pack).toBe(path.join(policy.cwd, "node_modules", "pulumi-entra-cts", "policy-pack"));
    expect(output.match(/^ {4}- .* deleted$/gm)).toHaveLength(6);
  });

  test("leaves no temp folder, no emulator and nothing in the repository", async () => {
    expect(fs.readdirSync(tmpRoot)).toEqual([]);
    const graphUrl = calls[0].graphUrl!;
    expect(graphUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    await expect(fetch(`${graphUrl}/v1.0/users`)).rejects.toThrow();
    expect(gitStatus()).toBe(gitBefore);
  });
});

test("a demo that fails before the deploy still removes its temp folder", async () => {
  const tmpRoot = scratch("demo-fail-");
  const unbuilt = scratch("demo-unbuilt-");
  await expect(
    runDemo({
      repoRoot: unbuilt,
      pulumi: path.join(fakeBin, "pulumi"),
      tmpRoot,
      out: () => {},
    }),
  ).rejects.toThrow(/not built .* Run `npm run build`/);
  expect(fs.readdirSync(tmpRoot)).toEqual([]);
  fs.rmSync(tmpRoot, { recursive: true, force: true });
  fs.rmSync(unbuilt, { recursive: true, force: true });
});
