#!/usr/bin/env node
/**
 * entra-cts-emulator: starts the emulator with the default Contoso/Fabrikam world on 127.0.0.1,
 * prints the settings a stack needs as KEY=value lines on stdout (or writes them to --settings-file),
 * and serves in the foreground until SIGINT or SIGTERM. Human-readable notes go to stderr so
 * stdout can be sourced or parsed.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { RunningEmulator } from "./index";
import { HELP, parseCli, UsageError, type CliOptions } from "./cli/args";
import { removeOnExit } from "./cli/cleanup";
import { writeSettingsFile } from "./cli/settingsFile";
import { checkWritableDir, checkWritableFile } from "./cli/paths";

/** Parses and checks every flag; nothing is written when this throws. */
function checkedOptions(argv: string[]): CliOptions | "help" {
  const options = parseCli(argv);
  if (options === "help") return options;
  if (options.settingsFile) checkWritableFile("--settings-file", options.settingsFile);
  if (options.snapshot) checkWritableFile("--snapshot", options.snapshot);
  if (options.stateDir) checkWritableDir("--state-dir", options.stateDir);
  return options;
}

async function main(argv: string[]): Promise<void> {
  let options: CliOptions | "help";
  try {
    options = checkedOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`entra-cts-emulator: ${error.message}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (options === "help") {
    process.stdout.write(HELP);
    return;
  }
  const cleanup = removeOnExit();
  // The CLI owns the temp folder (not startEmulator) so that a synchronous "exit" listener can
  // remove it even after a crash (decisions/0070).
  const stateDir = options.stateDir ?? mkdtempSync(path.join(tmpdir(), "entra-cts-emulator-"));
  if (!options.stateDir) cleanup.add(stateDir);

  // Loaded only now so --help and usage errors answer without loading every Graph handler.
  const { startEmulator, settingsAsEnv } = await import("./index");
  const snapshot = options.snapshot;
  const emulator: RunningEmulator = await startEmulator({
    port: options.port,
    stateDir,
    knobs: options.knobs,
    cycleIntervalMs: options.cycleIntervalMs,
    snapshotFile: snapshot && existsSync(snapshot) ? snapshot : undefined,
  });
  // Handlers first: a caller may signal as soon as it reads the settings or the notice below.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    try {
      if (snapshot) {
        await emulator.saveSnapshot(snapshot);
        process.stderr.write(`entra-cts-emulator: saved the world to ${snapshot}.\n`);
      }
      await emulator.stop();
      process.stderr.write(`entra-cts-emulator: stopped (${signal}).\n`);
      process.exit(0);
    } catch (error) {
      process.stderr.write(
        `entra-cts-emulator: Failed to stop cleanly: ${(error as Error).message}\n`,
      );
      process.exit(1);
    }
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
  const env = settingsAsEnv(emulator.settings);
  if (options.settingsFile) {
    cleanup.add(options.settingsFile);
    writeSettingsFile(options.settingsFile, env);
  } else {
    const lines = Object.entries(env).map(([key, value]) => `${key}=${value}`);
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  const tenants = emulator.settings.tenants
    .map((t) => `${t.displayName} (${t.role}, ${t.tenantId})`)
    .join(", ");
  const where = options.settingsFile ? ` Settings in ${options.settingsFile}.` : "";
  process.stderr.write(
    `entra-cts-emulator: serving ${tenants} at ${emulator.settings.graphUrl}.${where} Press Ctrl+C to stop.\n`,
  );
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `entra-cts-emulator: Failed to start: ${(error as Error).message}. Check --port, --state-dir and --snapshot.\n`,
  );
  process.exit(1);
});
