/**
 * `entra-cts impact`: reads the plan of a stack (`pulumi preview --json`, piped or as a file),
 * reads the tenants, and prints what the change does to provisioned users as a table, Markdown
 * or JSON. Exit codes: 0 report printed, 1 input or read failure, 2 usage error.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { azure2azureDefaultSchema } from "../emulator/fixtures/azure2azureSchema";
import type { WorldState } from "../emulator/world/types";
import { formatImpact, type ImpactFormat } from "../impact/format";
import { parsePreviewPlan, PlanInputError } from "../impact/previewPlan";
import { impactReport } from "../impact/report";
import { worldFromEmulator, worldFromSnapshotFile } from "../impact/worldSource";
import type { Subcommand } from "./entraCts";

export const IMPACT_HELP = `Usage: entra-cts impact [plan.json] [options]

Reads the plan of a stack (the output of \`pulumi preview --json\`) from the file or, without one
(or with -), from standard input, and reports what its AttributeMapping, SyncConfiguration and
Assignment changes do to users at the next provisioning cycle.

Options:
  --emulator <url>        Read the tenants from a running emulator (default: ENTRA_CTS_ADMIN_URL)
  --ca-file <file>        CA to trust for the emulator (default: ENTRA_CTS_CA_FILE); its admin
                          key is read from ENTRA_CTS_ADMIN_KEY
  --snapshot <file>       Read the tenants from an emulator snapshot file instead
  --format <f>            table (default), markdown (for a pull-request comment) or json
  --no-samples            Counts only: no names, no attribute values
  -h, --help              This help
`;

const FORMATS: readonly ImpactFormat[] = ["table", "markdown", "json"];

class UsageError extends Error {}

interface ImpactArgs {
  planFile?: string;
  emulator?: string;
  caFile?: string;
  /** The emulator's admin key; from the environment only, never an argument others can see. */
  adminKey?: string;
  snapshot?: string;
  format: ImpactFormat;
  samples: boolean;
}

function parse(argv: string[], env: NodeJS.ProcessEnv): ImpactArgs | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        emulator: { type: "string" },
        "ca-file": { type: "string" },
        snapshot: { type: "string" },
        format: { type: "string", default: "table" },
        "no-samples": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length > 1) throw new UsageError("give at most one plan file");
  const format = values.format as ImpactFormat;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got '${values.format}')`);
  }
  const emulator = values.emulator ?? (values.snapshot ? undefined : env.ENTRA_CTS_ADMIN_URL);
  if (!emulator && !values.snapshot) {
    throw new UsageError(
      "name the tenants to read: --emulator <admin url> (or ENTRA_CTS_ADMIN_URL) or --snapshot <file>. Reading real tenants through Graph is not available yet.",
    );
  }
  const planFile = positionals[0] === "-" ? undefined : positionals[0];
  return {
    planFile,
    emulator,
    caFile: values["ca-file"] ?? env.ENTRA_CTS_CA_FILE,
    adminKey: env.ENTRA_CTS_ADMIN_KEY,
    snapshot: values.snapshot,
    format,
    samples: !values["no-samples"],
  };
}

function readPlan(file: string | undefined, stdin: () => string): string {
  try {
    return file ? readFileSync(file, "utf8") : stdin();
  } catch (error) {
    throw new PlanInputError(
      `Failed to read the plan from ${file ?? "standard input"}: ${(error as Error).message}.`,
    );
  }
}

export interface ImpactIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Standard input, read whole (the plan when no file is named). */
  stdin(): string;
}

export async function runImpact(argv: string[], io: ImpactIo): Promise<number> {
  let args: ImpactArgs | "help";
  try {
    args = parse(argv, io.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`entra-cts impact: ${error.message}\n\n${IMPACT_HELP}`);
    return 2;
  }
  if (args === "help") {
    io.stdout(IMPACT_HELP);
    return 0;
  }
  try {
    const plan = parsePreviewPlan(
      readPlan(args.planFile, io.stdin),
      args.planFile ?? "standard input",
    );
    const world: WorldState = args.snapshot
      ? worldFromSnapshotFile(args.snapshot)
      : await worldFromEmulator(args.emulator as string, args.caFile, args.adminKey);
    const report = impactReport(world, plan, {
      samples: args.samples,
      templateSchema: azure2azureDefaultSchema(),
    });
    io.stdout(formatImpact(report, args.format));
    return 0;
  } catch (error) {
    io.stderr(`entra-cts impact: ${(error as Error).message}\n`);
    return 1;
  }
}

export const impactCommand: Subcommand = {
  summary: "What a planned change does to provisioned users",
  run: (argv) =>
    runImpact(argv, {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      env: process.env,
      stdin: () => readFileSync(0, "utf8"),
    }),
};
