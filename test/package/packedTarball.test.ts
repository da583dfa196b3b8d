/**
 * What users install is what we test (decisions/0060): pack the package as `npm publish` would,
 * install the tarball into a scratch project beside the user's own `@pulumi/pulumi` and
 * `@pulumi/policy`, and use it only through its public entry points, its bin and its shipped
 * policy pack. Needs the npm registry (or a warm npm cache).
 */
import { spawn, spawnSync, type SpawnSyncReturns } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { allPolicies } from "../../policies/rules";
import { AnalyzerHost } from "../harness/analyzer";

const root = path.resolve(__dirname, "..", "..");
let work: string;
let app: string;
let packedFiles: string[];
let installOutput: string;

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync("npm", args, { cwd, encoding: "utf8", env: { ...process.env } });
  if (result.error) throw result.error;
  return result;
}

function nodeIn(cwd: string, script: string): string {
  const result = spawnSync(process.execPath, ["-e", script], { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`node -e failed: ${result.stderr}`);
  return result.stdout;
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "entra-cts-pack-"));
  // --ignore-scripts: `dist/` and `policy-pack/` are already built from these sources by the
  // global setup; rebuilding them here would rewrite files other test workers are loading.
  const packed = npm(["pack", "--ignore-scripts", "--json", "--pack-destination", work], root);
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const [tarball] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  packedFiles = tarball.files.map((file) => file.path);

  app = path.join(work, "app");
  fs.mkdirSync(app);
  fs.writeFileSync(
    path.join(app, "package.json"),
    JSON.stringify({ name: "scratch-stack", version: "1.0.0", private: true }),
  );
  const installed = npm(
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      "--loglevel=warn",
      path.join(work, tarball.filename),
      "@pulumi/pulumi@latest",
      "@pulumi/policy@latest",
    ],
    app,
  );
  installOutput = `${installed.stdout}\n${installed.stderr}`;
  if (installed.status !== 0) throw new Error(`npm install failed: ${installOutput}`);
}, 240_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  test("ships the build and the compiled policy pack, without harness files or source maps", () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        "dist/index.js",
        "dist/index.d.ts",
        "dist/emulator/cli.js",
        "dist/provider/dispatch.js",
        "policy-pack/index.js",
        "policy-pack/PulumiPolicy.yaml",
        "policy-pack/package.json",
      ]),
    );
    expect(packedFiles.filter((file) => file.endsWith(".map"))).toEqual([]);
    expect(packedFiles.filter((file) => path.basename(file).startsWith("."))).toEqual([]);
    expect(
      packedFiles.filter((file) => file.startsWith("test/") || file.startsWith("src/")),
    ).toEqual([]);
  });

  test("installs beside the project's @pulumi/pulumi as its only copy, with no engine warning", () => {
    // On Node 22/24 (what we support, and CI) there must be no engine warning at all; an older
    // local node trips the engines fields (ours included) by design.
    if (Number(process.versions.node.split(".")[0]) >= 22) {
      expect(installOutput).not.toContain("EBADENGINE");
    }
    const listed = npm(["ls", "@pulumi/pulumi", "--all", "--parseable"], app);
    expect(listed.status).toBe(0);
    const copies = new Set(listed.stdout.split("\n").filter((line) => line.trim() !== ""));
    expect([...copies]).toEqual([
      path.join(fs.realpathSync(app), "node_modules", "@pulumi", "pulumi"),
    ]);
  });

  test("exposes the resources, the emulator and the provider entry, and nothing under dist/", () => {
    const exposed = JSON.parse(
      nodeIn(
        app,
        `const main = require("pulumi-entra-cts");
         const emulator = require("pulumi-entra-cts/emulator");
         const provider = require("pulumi-entra-cts/provider");
         let deep = "loaded";
         try { require("pulumi-entra-cts/dist/index.js"); } catch (error) { deep = error.code; }
         console.log(JSON.stringify({
           main: Object.keys(main), emulator: Object.keys(emulator),
           implementationOf: typeof provider.implementationOf, deep,
         }));`,
      ),
    ) as { main: string[]; emulator: string[]; implementationOf: string; deep: string };
    expect(exposed.main).toEqual(
      expect.arrayContaining([
        "PartnerPolicy",
        "SyncConfiguration",
        "SyncJob",
        "AttributeMapping",
        "Assignment",
      ]),
    );
    expect(exposed.emulator.length).toBeGreaterThan(0);
    expect(exposed.implementationOf).toBe("function");
    expect(exposed.deep).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });

  test("the installed entra-cts bin dispatches to export, and refuses bad arguments with exit 2", () => {
    const bin = path.join(app, "node_modules", ".bin", "entra-cts");
    const help = spawnSync(bin, ["export", "--help"], { cwd: app, encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: entra-cts export --tenant/);
    const bad = spawnSync(bin, ["export"], { cwd: app, encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/name at least one tenant/);
  });

  test("the installed entra-cts-emulator bin prints its settings and stops on SIGTERM", async () => {
    const bin = path.join(app, "node_modules", ".bin", "entra-cts-emulator");
    const child = spawn(bin, ["--state-dir", path.join(work, "emulator-state")], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    // Ready once the settings are on stdout and the "serving" note (printed just before the
    // signal handlers are installed) is on stderr.
    const ready = () =>
      /^ENTRA_CTS_ADMIN_URL=https?:\/\/127\.0\.0\.1:\d+/m.test(stdout) && /serving/.test(stderr);
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no settings: ${stderr}`)), 30_000);
        const onData = () => {
          if (!ready()) return;
          clearTimeout(timer);
          // One more turn of the child's event loop so its handlers are in place.
          setTimeout(resolve, 200);
        };
        child.stdout
          .setEncoding("utf8")
          .on("data", (chunk: string) => ((stdout += chunk), onData()));
        child.stderr
          .setEncoding("utf8")
          .on("data", (chunk: string) => ((stderr += chunk), onData()));
        child.on("exit", () => reject(new Error(`emulator exited: ${stderr}`)));
      });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain("stopped (SIGTERM)");
  }, 60_000);

  test("the installed policy pack loads in Pulumi's analyzer host and lists every policy", async () => {
    const packDir = path.join(app, "node_modules", "pulumi-entra-cts", "policy-pack");
    const host = await AnalyzerHost.start(packDir);
    try {
      const info = await host.info();
      expect(info.policies.map((policy) => policy.name).sort()).toEqual(
        allPolicies.map((policy) => policy.name).sort(),
      );
    } finally {
      await host.stop();
    }
  }, 90_000);
});
