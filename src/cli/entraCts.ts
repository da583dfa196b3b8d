#!/usr/bin/env node
/**
 * entra-cts: the package's command. A table of subcommands, each loaded only when it runs, so
 * adding one is one row here and a module under src/cli/.
 */

export interface Subcommand {
  summary: string;
  /** Runs the subcommand; answers the exit code. */
  run(argv: string[]): Promise<number>;
}

const SUBCOMMANDS: Record<string, () => Promise<Subcommand>> = {
  impact: async () => (await import("./impact")).impactCommand,
};

function usage(): string {
  return [
    "Usage: entra-cts <command> [options]",
    "",
    "Commands:",
    "  impact   What a planned change (pulumi preview --json) does to provisioned users",
    "",
    "Run `entra-cts <command> --help` for a command's options.",
    "",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const load = SUBCOMMANDS[name];
  if (!load) {
    process.stderr.write(`entra-cts: unknown command '${name}'.\n\n${usage()}`);
    return 2;
  }
  return (await load()).run(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`entra-cts: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
