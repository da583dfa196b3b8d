/**
 * The pull-request workflow users copy (examples/github-actions/pr-review.yml): valid against
 * GitHub's workflow schema, and keeping the promises its README makes: OIDC for the tenants with
 * no client secret anywhere, the policy pack on every preview, and an emulator job for forks.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const WORKFLOW = path.join(__dirname, "..", "..", "examples", "github-actions", "pr-review.yml");
const VALIDATOR = require.resolve("@action-validator/cli/cli.mjs");
const text = fs.readFileSync(WORKFLOW, "utf8");

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
});
