/** Spawns the emulator CLI as a user runs it (a child process), for the CLI tests. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as path from "node:path";

export const repoRoot = path.resolve(__dirname, "..", "..", "..");
const TS_NODE = require.resolve("ts-node/register/transpile-only");
const CLI_SOURCE = path.join("src", "emulator", "cli.ts");

export const REQUIRED_KEYS = [
  "ENTRA_CTS_GRAPH_URL",
  "ENTRA_CTS_AUTHORITY_HOST",
  "ENTRA_CTS_CA_FILE",
  "NODE_EXTRA_CA_CERTS",
  "ENTRA_CTS_SOURCE_TENANT_ID",
  "ENTRA_CTS_SOURCE_CLIENT_ID",
  "ENTRA_CTS_SOURCE_CLIENT_SECRET",
  "ENTRA_CTS_TARGET_TENANT_ID",
  "ENTRA_CTS_TARGET_CLIENT_ID",
  "ENTRA_CTS_TARGET_CLIENT_SECRET",
];

export interface CliLaunch {
  /** Extra environment for the child (e.g. TMPDIR to see the temp folder it makes). */
  env?: Record<string, string>;
  /** Modules preloaded into the child before the CLI (test-only behaviour). */
  preload?: string[];
}

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  /** The KEY=value lines printed on stdout (empty with --settings-file). */
  env: Record<string, string>;
  stderr: () => string;
  exit: Promise<number | null>;
}

function nodeArgs(args: string[], launch: CliLaunch): string[] {
  const preloads = (launch.preload ?? []).flatMap((file) => ["-r", file]);
  return ["-r", TS_NODE, ...preloads, CLI_SOURCE, ...args];
}

function childEnv(launch: CliLaunch): NodeJS.ProcessEnv {
  return { ...process.env, NODE_EXTRA_CA_CERTS: "", ...launch.env };
}

export function parseEnvLines(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split("\n")
      .map((line) => /^([A-Z0-9_]+)=(.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], match[2]]),
  );
}

/** Runs the CLI to completion (help, usage errors, start failures). */
export function runCli(args: string[], launch: CliLaunch = {}) {
  return spawnSync(process.execPath, nodeArgs(args, launch), {
    cwd: repoRoot,
    env: childEnv(launch),
    encoding: "utf8",
  });
}

/**
 * Starts the CLI and resolves once it serves: when every required KEY=value line is on stdout,
 * or, with --settings-file (nothing on stdout), when it says on stderr that it serves.
 */
export function startCli(args: string[] = [], launch: CliLaunch = {}): Promise<RunningCli> {
  const child = spawn(process.execPath, nodeArgs(args, launch), {
    cwd: repoRoot,
    env: childEnv(launch),
  });
  const toSettingsFile = args.includes("--settings-file");
  let stdout = "";
  let stderr = "";
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`CLI did not start serving in time. stderr:\n${stderr}`)),
      25_000,
    );
    const checkReady = () => {
      const env = parseEnvLines(stdout);
      const ready = toSettingsFile
        ? stderr.includes("Press Ctrl+C to stop.")
        : REQUIRED_KEYS.every((key) => key in env);
      if (!ready) return;
      clearTimeout(timer);
      resolve({ child, env, stderr: () => stderr, exit });
    };
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      checkReady();
    });
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      checkReady();
    });
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited with ${code} before serving. stderr:\n${stderr}`));
    });
  });
}
