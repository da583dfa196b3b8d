/**
 * `entra-cts impact` end to end: the plan from a file or standard input, the tenants from an
 * emulator snapshot or a running emulator, the three formats, and the exit codes for bad input.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runImpact } from "../../src/cli/impact";
import { toSnapshot } from "../../src/emulator/world/snapshot";
import { withEmulator } from "../harness/emulator";
import { previewJson, provisionedPair, type Pair } from "./helpers";

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function impact(argv: string[], env: NodeJS.ProcessEnv = {}, stdin = ""): Promise<Outcome> {
  let stdout = "";
  let stderr = "";
  const code = await runImpact(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
    stdin: () => stdin,
  });
  return { code, stdout, stderr };
}

describe("entra-cts impact", () => {
  const emulator = withEmulator();
  let dir: string;
  let pair: Pair;
  let planFile: string;
  let snapshotFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "impact-cli-"));
    pair = await provisionedPair();
    planFile = path.join(dir, "plan.json");
    snapshotFile = path.join(dir, "world.json");
    writeFileSync(planFile, previewJson(pair));
    writeFileSync(snapshotFile, JSON.stringify(toSnapshot(pair.t.world, pair.t.clock.now)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints a table with the counts, the updated attributes and what it ignored", async () => {
    const { code, stdout } = await impact([planFile, "--snapshot", snapshotFile]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ {2}created\s+9$/m);
    expect(stdout).toMatch(/^ {2}removed\s+8$/m);
    expect(stdout).toMatch(/^ {2}newly in scope\s+9$/m);
    expect(stdout).toMatch(
      /jobTitle\s+5\s+Adele Vance: "Retail Manager" -> "Retail Manager \/ Retail"/,
    );
    expect(stdout).toContain("Ignored: urn:pulumi:dev::cts::azuread:index/group:Group::helpdesk");
  });

  it("writes Markdown for a pull-request comment, and JSON; --no-samples leaves names out", async () => {
    const markdown = await impact([planFile, "--snapshot", snapshotFile, "--format", "markdown"]);
    expect(markdown.stdout).toContain("| created | 9 |");
    expect(markdown.stdout).toContain("| jobTitle | 5 | Adele Vance:");
    const json = await impact([planFile, "--snapshot", snapshotFile, "--format", "json"]);
    expect(JSON.parse(json.stdout).jobs[0]).toMatchObject({ created: 9, removed: 8, updated: 5 });
    const bare = await impact([
      planFile,
      "--snapshot",
      snapshotFile,
      "--format",
      "markdown",
      "--no-samples",
    ]);
    expect(bare.stdout).toContain("| jobTitle | 5 |");
    expect(bare.stdout).not.toContain("Adele");
  });

  it("reads the tenants from a running emulator", async () => {
    const restored = await emulator.request("PUT", "/_emulator/snapshot", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(toSnapshot(pair.t.world, pair.t.clock.now)),
    });
    expect(restored.status).toBeLessThan(300);
    const fromFile = await impact([planFile, "--snapshot", snapshotFile, "--format", "json"]);
    const live = await impact([planFile, "--format", "json"], {
      ENTRA_CTS_ADMIN_URL: emulator.settings.adminUrl,
      ENTRA_CTS_CA_FILE: emulator.settings.caCertPath,
      ENTRA_CTS_ADMIN_KEY: emulator.settings.adminKey,
    });
    expect(live.stderr).toBe("");
    expect(live.code).toBe(0);
    expect(JSON.parse(live.stdout)).toEqual(JSON.parse(fromFile.stdout));
  });

  it("fails clearly on malformed JSON, a plan that is not a preview, and bad usage", async () => {
    const broken = path.join(dir, "broken.json");
    writeFileSync(broken, '{"steps": [');
    const malformed = await impact([broken, "--snapshot", snapshotFile]);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain(`Failed to read the plan from ${broken}: it is not JSON`);
    const state = path.join(dir, "state.json");
    writeFileSync(state, JSON.stringify({ version: 3, deployment: {} }));
    const notPreview = await impact([state, "--snapshot", snapshotFile]);
    expect(notPreview.code).toBe(1);
    expect(notPreview.stderr).toContain("has no `steps` array");
    const noTenants = await impact([planFile]);
    expect(noTenants.code).toBe(2);
    expect(noTenants.stderr).toContain("--emulator");
    const badFormat = await impact([planFile, "--snapshot", snapshotFile, "--format", "html"]);
    expect(badFormat.code).toBe(2);
    const piped = await impact(["-", "--snapshot", snapshotFile], {}, "not json");
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain("standard input: it is not JSON");
  });

  it("reads the plan piped on standard input through the bin", () => {
    const run = spawnSync(
      process.execPath,
      [
        "-r",
        "ts-node/register/transpile-only",
        path.join(__dirname, "../../src/cli/entraCts.ts"),
        "impact",
        "--snapshot",
        snapshotFile,
        "--format",
        "json",
        "--no-samples",
      ],
      { input: previewJson(pair), encoding: "utf8", timeout: 60_000 },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).jobs[0]).toMatchObject({ created: 9, newlyOutOfScope: 8 });
  });
});
