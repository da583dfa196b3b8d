/** The options of `entra-cts export`, parsed without a library: there are five of them. */
export interface ExportOptions {
  /** Tenants to read, with the label used for their stack config key. */
  tenants: Array<{ label: string; tenantId: string }>;
  /** Directory the program is written to. */
  outDir: string;
  /** Stack name: the program's config goes to `Pulumi.<stack>.yaml`. */
  stack: string;
  /** Pulumi project name. */
  project: string;
  /** Replace files that already exist. */
  force: boolean;
  /** Parallel Graph reads per tenant. */
  concurrency: number;
}

export class UsageError extends Error {}

export const EXPORT_USAGE = `Usage: entra-cts export --tenant [label=]<tenantId> [--tenant ...] [options]

Reads the cross-tenant synchronization set up in the tenants (partner configurations, CTS
configurations, jobs, attribute mappings, assignments) with the provider's credential chain, and writes a Pulumi
program that imports every object: its first \`pulumi up\` changes nothing.

Options:
  --tenant [label=]<id>  a tenant to read (repeat for each); the label names its config key
  --out <dir>            where to write the program (default: ./entra-cts-export)
  --stack <name>         stack name for Pulumi.<stack>.yaml (default: dev)
  --project <name>       Pulumi project name (default: entra-cts-export)
  --concurrency <n>      parallel Graph reads per tenant, 1-16 (default: 4)
  --force                overwrite files that already exist
  --help                 show this text

Exit codes: 0 everything exported; 1 partial (what was left out is listed); 2 bad arguments.`;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LABEL = /^[A-Za-z][A-Za-z0-9]*$/;
const NAME = /^[A-Za-z0-9_.-]+$/;

/** Parses argv; throws UsageError naming the bad argument and the fix. Answers undefined for --help. */
export function parseExportArgs(argv: string[]): ExportOptions | undefined {
  const options: ExportOptions = {
    tenants: [],
    outDir: "entra-cts-export",
    stack: "dev",
    project: "entra-cts-export",
    force: false,
    concurrency: 4,
  };
  const value = (flag: string, index: number): string => {
    const next = argv[index + 1];
    if (next === undefined || next.startsWith("--"))
      throw new UsageError(`${flag} needs a value, e.g. ${flag} ${example(flag)}.`);
    return next;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case "--help":
      case "-h":
        return undefined;
      case "--force":
        options.force = true;
        break;
      case "--tenant": {
        options.tenants.push(parseTenant(value(arg, i), options.tenants.length));
        i++;
        break;
      }
      case "--out":
        options.outDir = value(arg, i++);
        break;
      case "--stack":
      case "--project": {
        const name = value(arg, i++);
        if (!NAME.test(name))
          throw new UsageError(`${arg} '${name}' may hold only letters, digits, '.', '_' and '-'.`);
        if (arg === "--stack") options.stack = name;
        else options.project = name;
        break;
      }
      case "--concurrency": {
        const raw = value(arg, i++);
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 1 || n > 16)
          throw new UsageError(`--concurrency must be a whole number from 1 to 16, not '${raw}'.`);
        options.concurrency = n;
        break;
      }
      default:
        throw new UsageError(`unknown option '${arg}'. Run \`entra-cts export --help\`.`);
    }
  }
  if (options.tenants.length === 0)
    throw new UsageError("name at least one tenant: --tenant <tenantId> (or label=<tenantId>).");
  const seen = new Set<string>();
  for (const tenant of options.tenants) {
    for (const key of [tenant.tenantId.toLowerCase(), `label:${tenant.label}`]) {
      if (seen.has(key))
        throw new UsageError(`--tenant ${tenant.label}=${tenant.tenantId} is given twice.`);
      seen.add(key);
    }
  }
  return options;
}

function parseTenant(raw: string, index: number): { label: string; tenantId: string } {
  const [label, tenantId] = raw.includes("=") ? raw.split("=", 2) : [`tenant${index + 1}`, raw];
  if (!GUID.test(tenantId))
    throw new UsageError(
      `--tenant '${raw}': the tenant must be a GUID (the directory id shown in the Entra admin center), e.g. --tenant contoso=00000000-0000-0000-0000-000000000000.`,
    );
  if (!LABEL.test(label))
    throw new UsageError(
      `--tenant '${raw}': the label '${label}' must start with a letter and hold only letters and digits.`,
    );
  return { label, tenantId: tenantId.toLowerCase() };
}

function example(flag: string): string {
  return (
    {
      "--tenant": "contoso=<tenantId>",
      "--out": "./infra",
      "--stack": "prod",
      "--project": "identity",
      "--concurrency": "4",
    }[flag] ?? "<value>"
  );
}
