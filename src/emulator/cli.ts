#!/usr/bin/env node
/**
 * entra-cts-emulator: starts the emulator with the default Contoso/Fabrikam world on 127.0.0.1,
 * prints the settings a stack needs as KEY=value lines on stdout, and serves until SIGINT or
 * SIGTERM. Human-readable notes go to stderr so stdout can be sourced or parsed.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import type { RunningEmulator } from "./index";
import { parseKnobSettings, type KnobSettingsInput } from "./knobs/settings";

const HELP = `Usage: entra-cts-emulator [options]

Runs a local emulator of Microsoft Graph (cross-tenant synchronization) and the Entra token
authority over HTTPS on 127.0.0.1, with two tenants: Contoso (source) and Fabrikam (target).
Prints KEY=value settings on stdout (eval-friendly) and serves until Ctrl+C.

Options:
  --port N          port to listen on (default: a free one)
  --snapshot FILE   restore the world from FILE at start if it exists; save it there on exit
  --state-dir DIR   where to write the CA file and the client certificate (default: a temp dir)
  --knobs JSON      fault knobs at start, e.g. '{"throttleNext":[{"count":2}]}'
  --cycle-interval S run a provisioning cycle of every started job every S seconds
                    (default: only on request, POST $ENTRA_CTS_ADMIN_URL/cycles)
  --help            show this help

Trust the emulator's certificate with NODE_EXTRA_CA_CERTS=$ENTRA_CTS_CA_FILE (read at process
start) or pass the CA to your HTTPS client. Admin API: $ENTRA_CTS_ADMIN_URL/knobs, /log, /snapshot, /cycles,
/cycles/preview?servicePrincipal=<id> (what the target tenant will contain).
`;

interface CliOptions {
  port?: number;
  snapshot?: string;
  stateDir?: string;
  knobs?: KnobSettingsInput;
  cycleIntervalMs?: number;
}

class UsageError extends Error {}

function parseCli(argv: string[]): CliOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        snapshot: { type: "string" },
        "state-dir": { type: "string" },
        knobs: { type: "string" },
        "cycle-interval": { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return "help";
  const options: CliOptions = { snapshot: values.snapshot, stateDir: values["state-dir"] };
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new UsageError(`--port must be an integer between 0 and 65535, got '${values.port}'.`);
    }
    options.port = port;
  }
  if (values["cycle-interval"] !== undefined) {
    const seconds = Number(values["cycle-interval"]);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw new UsageError(
        `--cycle-interval must be a number of seconds above 0, got '${values["cycle-interval"]}'.`,
      );
    }
    options.cycleIntervalMs = seconds * 1000;
  }
  if (values.knobs !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(values.knobs);
    } catch {
      throw new UsageError(`--knobs must be JSON, got '${values.knobs}'.`);
    }
    try {
      options.knobs = parseKnobSettings(json);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  }
  return options;
}

async function main(argv: string[]): Promise<void> {
  let options: CliOptions | "help";
  try {
    options = parseCli(argv);
  } catch (error) {
    process.stderr.write(`entra-cts-emulator: ${(error as Error).message}\n\n${HELP}`);
    process.exitCode = 2;
    return;
  }
  if (options === "help") {
    process.stdout.write(HELP);
    return;
  }
  // Loaded only now so --help and usage errors answer without loading every Graph handler.
  const { startEmulator, settingsAsEnv } = await import("./index");
  const snapshot = options.snapshot;
  const emulator: RunningEmulator = await startEmulator({
    port: options.port,
    stateDir: options.stateDir,
    knobs: options.knobs,
    cycleIntervalMs: options.cycleIntervalMs,
    snapshotFile: snapshot && existsSync(snapshot) ? snapshot : undefined,
  });
  const lines = Object.entries(settingsAsEnv(emulator.settings)).map(
    ([key, value]) => `${key}=${value}`,
  );
  process.stdout.write(`${lines.join("\n")}\n`);
  const tenants = emulator.settings.tenants
    .map((t) => `${t.displayName} (${t.role}, ${t.tenantId})`)
    .join(", ");
  process.stderr.write(
    `entra-cts-emulator: serving ${tenants} at ${emulator.settings.graphUrl}. Press Ctrl+C to stop.\n`,
  );

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
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(
    `entra-cts-emulator: Failed to start: ${(error as Error).message}. Check --port, --state-dir and --snapshot.\n`,
  );
  process.exit(1);
});
