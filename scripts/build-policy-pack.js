/**
 * Builds `policy-pack/`, the CrossGuard pack as it ships in the npm package: the rules compiled
 * to JavaScript (the analyzer host's ts-node skips files under node_modules, so a TypeScript
 * pack would not load from a user's install), the pack manifest, and a package.json without
 * build scripts or TypeScript dependencies so the host runs `index.js` as is.
 * See decisions/0060-shipping-the-policy-pack.md.
 */
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const out = path.join(root, "policy-pack");

fs.rmSync(out, { recursive: true, force: true });
const tsc = require.resolve("typescript/bin/tsc");
const built = spawnSync(process.execPath, [tsc, "-p", "policies/tsconfig.build.json"], {
  cwd: root,
  stdio: "inherit",
});
if (built.status !== 0) process.exit(built.status ?? 1);

fs.copyFileSync(
  path.join(root, "policies", "PulumiPolicy.yaml"),
  path.join(out, "PulumiPolicy.yaml"),
);
const source = JSON.parse(fs.readFileSync(path.join(root, "policies", "package.json"), "utf8"));
const shipped = {
  name: source.name,
  version: source.version,
  private: true,
  description: source.description,
  license: source.license,
  main: "index.js",
};
fs.writeFileSync(path.join(out, "package.json"), `${JSON.stringify(shipped, null, 2)}\n`);
