/**
 * Finds and runs the Pulumi CLI. The demo never installs it: without `pulumi` on PATH it stops
 * before doing anything (decisions/0071).
 */
import { spawn } from "node:child_process";
import { accessSync, constants, statSync } from "node:fs";
import * as path from "node:path";

export const INSTALL_URL = "https://www.pulumi.com/docs/install/";

/** The first executable `pulumi` on PATH, or undefined. */
export function findPulumi(env: NodeJS.ProcessEnv): string | undefined {
  const names = process.platform === "win32" ? ["pulumi.exe", "pulumi.cmd"] : ["pulumi"];
  for (const dir of (env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        if (!statSync(candidate).isFile()) continue;
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

export class CommandFailedError extends Error {}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where the command's output goes while it runs (the demo's stdout). */
  echo: (text: string) => void;
  /** Keep stdout instead of echoing it (for --json). */
  capture?: boolean;
}

/** Children still running, so a signal can stop them before the temp folders go. */
const running = new Set<ReturnType<typeof spawn>>();

export function stopRunningCommands(): void {
  for (const child of running) child.kill("SIGTERM");
}

/** Runs a command asynchronously (the in-process emulator keeps serving meanwhile). */
export function runCommand(
  file: string,
  args: readonly string[],
  options: RunOptions,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env, stdio: "pipe" });
    running.add(child);
    let captured = "";
    let errors = "";
    child.stdout.on("data", (chunk: Buffer) => {
      if (options.capture) captured += chunk.toString();
      else options.echo(chunk.toString());
    });
    child.stderr.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
      options.echo(chunk.toString());
    });
    child.on("error", (error) => {
      running.delete(child);
      reject(new CommandFailedError(`Failed to run ${path.basename(file)}: ${error.message}`));
    });
    child.on("close", (code, signal) => {
      running.delete(child);
      if (code === 0) return resolve(captured);
      const shown = `${path.basename(file)} ${args.join(" ")}`;
      const tail = (errors || captured).trim().split("\n").slice(-5).join("\n");
      reject(
        new CommandFailedError(
          `\`${shown}\` failed (${signal ?? `exit code ${code}`})${tail ? `:\n${tail}` : "."}`,
        ),
      );
    });
  });
}
