import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Prepares what the engine-side tests need, the way a user's project has it:
 * - `dist/` compiled from `src/` (the serialized provider and the policy pack `require` the
 *   package by name, as they do from a user's node_modules), and `policy-pack/`, the compiled
 *   pack the npm package ships (decisions/0060);
 * - `node_modules/pulumi-entra-cts` pointing at this repository, so that name resolves here.
 * Type errors do not stop the tests here: `npm test` type-checks everything before jest starts.
 */
export default function globalSetup(): void {
  const root = path.resolve(__dirname, "..", "..");
  if (distIsStale(root)) {
    const startedAt = Date.now();
    const tsc = require.resolve("typescript/bin/tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.json"], {
      cwd: root,
      encoding: "utf8",
    });
    if (result.status !== 0) process.stderr.write(`\n[globalSetup] tsc: ${result.stdout}\n`);
    const pack = spawnSync(
      process.execPath,
      [path.join(root, "policies", "build-policy-pack.js")],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    if (pack.status !== 0) {
      process.stderr.write(`\n[globalSetup] policy pack: ${pack.stdout}${pack.stderr}\n`);
    }
    fs.mkdirSync(path.dirname(stampFile(root)), { recursive: true });
    // The stamp holds when the build STARTED: a source saved during the build stays newer.
    fs.writeFileSync(stampFile(root), String(startedAt));
  }
  if (!fs.existsSync(path.join(root, "dist", "index.js"))) {
    throw new Error("globalSetup: dist/index.js was not built; run `npm run build` to see why.");
  }
  const link = path.join(root, "node_modules", "pulumi-entra-cts");
  const existing = fs.lstatSync(link, { throwIfNoEntry: false });
  if (existing && !existing.isSymbolicLink()) {
    throw new Error(`globalSetup: ${link} exists and is not a link to this repository; remove it.`);
  }
  if (!existing) fs.symlinkSync("..", link, "dir");
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

/** Outside `dist/` so that the stamp never ships in the npm package. */
function stampFile(root: string): string {
  return path.join(root, "node_modules", ".cache", "pulumi-entra-cts", "build-started-at");
}

function distIsStale(root: string): boolean {
  const stamp = stampFile(root);
  const outputs = [path.join(root, "dist", "index.js"), path.join(root, "policy-pack", "index.js")];
  if (!fs.existsSync(stamp) || !outputs.every((output) => fs.existsSync(output))) return true;
  const newestSource = Math.max(
    newestMtime(path.join(root, "src")),
    newestMtime(path.join(root, "policies")),
  );
  return newestSource >= Number(fs.readFileSync(stamp, "utf8"));
}
