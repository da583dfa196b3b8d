/**
 * The pull-request workflow users copy (examples/github-actions/pr-review.yml): valid against
 * GitHub's workflow schema, and keeping the promises its README makes: OIDC for the tenants with
 * no client secret anywhere, the policy pack on every preview, and an emulator job for forks.
 */
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { load } from "js-yaml";

const WORKFLOW = path.join(__dirname, "..", "..", "examples", "github-actions", "pr-review.yml");
const VALIDATOR = require.resolve("@action-validator/cli/cli.mjs");
const text = fs.readFileSync(WORKFLOW, "utf8");
const REPO = path.join(__dirname, "..", "..");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}
const workflow = load(text) as { jobs: Record<string, { steps: Step[] }> };

function validate(file: string) {
  return spawnSync(process.execPath, [VALIDATOR, file], { encoding: "utf8" });
}

/** The lines of one job, from its key to the next job's key. */
function jobText(name: string): string {
  const start = text.indexOf(`\n  ${name}:\n`);
  expect(start).toBeGreaterThan(0);
  const rest = text.slice(start + 1);
  const next = rest.slice(1).search(/\n {2}[a-z-]+:\n/);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

describe("examples/github-actions/pr-review.yml", () => {
  it("is valid against the workflow schema", () => {
    const result = validate(WORKFLOW);
    expect(result.stdout + result.stderr).toBe("");
    expect(result.status).toBe(0);
  });

  it("the validator would catch a broken permission", () => {
    const broken = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "workflow-")), "bad.yml");
    fs.writeFileSync(broken, text.replace("id-token: write", "id-token: writ"));
    expect(validate(broken).status).not.toBe(0);
  });

  it("signs in to the tenants with OIDC and holds no client secret", () => {
    const tenants = jobText("preview-tenants");
    expect(tenants).toContain("id-token: write");
    expect(tenants).toContain('ARM_USE_OIDC: "true"');
    expect(text).not.toMatch(/CLIENT_SECRET|clientSecret|client-secret/i);
  });

  it("runs every preview with the installed policy pack and comments on the pull request", () => {
    for (const job of ["preview-tenants", "preview-emulator"]) {
      const body = jobText(job);
      expect(body).toContain("command: preview");
      expect(body).toContain(
        "policyPacks: ${{ env.PROGRAM_DIR }}/node_modules/pulumi-entra-cts/policies",
      );
    }
    expect(jobText("preview-tenants")).toContain("comment-on-pr: true");
  });

  it("keeps forks off the tenant job and asks no secret of the emulator job", () => {
    expect(jobText("preview-tenants")).toContain(
      "if: github.event.pull_request.head.repo.full_name == github.repository",
    );
    expect(jobText("preview-emulator")).not.toContain("secrets.");
  });

  describe("the emulator job's own steps, run as written", () => {
    const steps = workflow.jobs["preview-emulator"].steps;
    let emulator: ReturnType<typeof spawn> | undefined;

    afterEach(() => {
      // The step leaves the emulator running in the background, as it does on a runner until the
      // job ends; here the test ends it with its whole process group.
      if (emulator?.pid) {
        try {
          process.kill(-emulator.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
    });

    it("uses the Pulumi CLI only through pulumi/actions and in the stack step", () => {
      for (const step of steps) {
        if (step.run?.includes("pulumi ")) expect(step.name).toMatch(/stack/);
      }
      expect(steps.filter((step) => step.uses?.startsWith("pulumi/actions@"))).toHaveLength(2);
    });

    it("starts the emulator and exports its settings to the job's environment", async () => {
      const step = steps.find((candidate) => candidate.name?.startsWith("Start the emulator"));
      expect(step?.run).toBeDefined();
      // A program folder as the job has it after `npm ci`: the package's bin on npx's path.
      const program = fs.mkdtempSync(path.join(os.tmpdir(), "pr-review-"));
      const bin = path.join(program, "node_modules", ".bin");
      fs.mkdirSync(bin, { recursive: true });
      const cli = path.join(bin, "entra-cts-emulator");
      fs.writeFileSync(
        cli,
        `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO, "dist", "emulator", "cli.js")}" "$@"\n`,
        { mode: 0o755 },
      );
      const runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), "runner-temp-"));
      const githubEnv = path.join(runnerTemp, "github.env");
      emulator = spawn("bash", ["-e", "-c", step!.run!], {
        cwd: program,
        detached: true,
        stdio: "ignore",
        env: { ...process.env, RUNNER_TEMP: runnerTemp, GITHUB_ENV: githubEnv, CI: "true" },
      });
      const code = await new Promise<number | null>((resolve) => emulator!.on("exit", resolve));
      expect(code).toBe(0);
      const exported = fs.readFileSync(githubEnv, "utf8");
      expect(exported).toMatch(/^ENTRA_CTS_GRAPH_URL=https:\/\/127\.0\.0\.1:\d+/m);
      expect(exported).toMatch(/^ENTRA_CTS_SOURCE_TENANT_ID=[0-9a-f-]{36}$/m);
      expect(exported).toMatch(/^ENTRA_CTS_TARGET_TENANT_ID=[0-9a-f-]{36}$/m);
      for (const line of exported.trim().split("\n")) expect(line).toMatch(/^[A-Z_0-9]+=/);
    }, 60_000);
  });
});
