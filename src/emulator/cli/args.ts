/** The emulator CLI's flags: parsed and checked before anything is started or written. */
import { parseArgs } from "node:util";
import { parseKnobSettings, type KnobSettingsInput } from "../knobs/settings";

export const HELP = `Usage: entra-cts-emulator [options]

Runs a local emulator of Microsoft Graph (cross-tenant synchronization) and the Entra token
authority over HTTPS on 127.0.0.1, with two tenants: Contoso (source) and Fabrikam (target).
Prints KEY=value settings on stdout (eval-friendly) and serves until Ctrl+C.

Options:
  --port N          port to listen on (default: a free one)
  --settings-file FILE
                    write the settings to FILE (mode 0600) instead of stdout and remove FILE on
                    exit; keep FILE outside your repository. (Not --env-file: Node reads that
                    flag itself, wherever it appears.)
  --snapshot FILE   restore the world from FILE at start if it exists; save it there on exit
  --state-dir DIR   where to write the CA file and the client certificate (default: a temp dir,
                    removed on exit)
  --knobs JSON      fault knobs at start, e.g. '{"throttleNext":[{"count":2}]}'
  --cycle-interval S run a provisioning cycle of every started job every S seconds
                    (default: only on request, POST $ENTRA_CTS_ADMIN_URL/cycles)
  --help            show this help

Trust the emulator's certificate with NODE_EXTRA_CA_CERTS=$ENTRA_CTS_CA_FILE (read at process
start) or pass the CA to your HTTPS client. Admin API: $ENTRA_CTS_ADMIN_URL/knobs, /log, /snapshot, /cycles,
/cycles/preview?servicePrincipal=<id> (what the target tenant will contain), /clock/advance
{"seconds": N} (expire tokens, run the cycles then due), each with the header
x-entra-cts-admin-key: $ENTRA_CTS_ADMIN_KEY.
`;

export interface CliOptions {
  port?: number;
  settingsFile?: string;
  snapshot?: string;
  stateDir?: string;
  knobs?: KnobSettingsInput;
  cycleIntervalMs?: number;
}

/** Bad command-line input: the CLI prints the message and the usage, and exits with 2. */
export class UsageError extends Error {
  readonly code = "EMULATOR_USAGE";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UsageError";
  }
}

export function parseCli(argv: string[]): CliOptions | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        "settings-file": { type: "string" },
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
    // parseArgs names the flag ("Unknown option '--x'", "Option '--port <value>' argument missing").
    throw new UsageError((error as Error).message, { cause: error });
  }
  if (values.help) return "help";
  const options: CliOptions = {
    settingsFile: nonEmpty("--settings-file", values["settings-file"]),
    snapshot: nonEmpty("--snapshot", values.snapshot),
    stateDir: nonEmpty("--state-dir", values["state-dir"]),
  };
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (values.port.trim() === "" || !Number.isInteger(port) || port < 0 || port > 65535) {
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
  if (values.knobs !== undefined) options.knobs = parseKnobsFlag(values.knobs);
  return options;
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === "") {
    throw new UsageError(`${flag} needs a path, got an empty value.`);
  }
  return value;
}

function parseKnobsFlag(text: string): KnobSettingsInput {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--knobs must be JSON, got '${text}'.`, { cause: error });
  }
  try {
    return parseKnobSettings(json);
  } catch (error) {
    throw new UsageError(`--knobs: ${(error as Error).message}`, { cause: error });
  }
}
