/**
 * A throwaway copy of examples/tenant-pair that uses this working tree: the package is packed
 * (as `npm publish` would) and the tarball installed into the copy, so nothing is written into
 * the repository and nothing asks the registry for pulumi-entra-cts, which it may not have.
 */
import { cpSync, existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { runCommand } from "./pulumiCli";

export class ProjectSetupError extends Error {}

/** The example's folder, copied without anything a previous local run may have left in it. */
function copyExample(repoRoot: string, destination: string): void {
  const example = path.join(repoRoot, "examples", "tenant-pair");
  cpSync(example, destination, {
    recursive: true,
    filter: (source) => {
      const name = path.basename(source);
      return name !== "node_modules" && !/^Pulumi\..+\.yaml$/.test(name);
    },
  });
}

/** The policy pack's own dependency, at the version range the package is tested with. */
function policyRange(repoRoot: string): string {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
    devDependencies?: Record<string, string>;
  };
  return manifest.devDependencies?.["@pulumi/policy"] ?? "^1";
}

/**
 * Packs the working tree into `workDir` and installs it into a copy of the example there.
 * Answers the project folder. The build must exist: `npm ci` makes it (the prepare script).
 */
export async function prepareProject(
  repoRoot: string,
  workDir: string,
  echo: (text: string) => void,
): Promise<string> {
  for (const built of ["dist/index.js", "policy-pack/index.js"]) {
    if (!existsSync(path.join(repoRoot, built))) {
      throw new ProjectSetupError(
        `the package is not built (${built} is missing). Run \`npm run build\` (or \`npm ci\`), then \`npm run demo\` again.`,
      );
    }
  }
  const env = { ...process.env, npm_config_update_notifier: "false" };
  // --ignore-scripts: the build exists; running `prepare` again would rewrite dist/ in the repo.
  const packed = await runCommand(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", workDir],
    { cwd: repoRoot, env, echo, capture: true },
  );
  const [tarball] = JSON.parse(packed) as Array<{ filename: string }>;
  const project = path.join(workDir, "tenant-pair");
  copyExample(repoRoot, project);
  echo(`Installing the example with this working tree's package (${tarball.filename})...\n`);
  await runCommand(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      path.join(workDir, tarball.filename),
      `@pulumi/policy@${policyRange(repoRoot)}`,
    ],
    { cwd: project, env, echo, capture: true },
  );
  return project;
}
