#!/usr/bin/env node
/**
 * `entra-cts <command>`: one row per subcommand, each in its own module, loaded only when used
 * so that one command's dependencies never slow another's start.
 */
export interface Subcommand {
  summary: string;
  run(argv: string[]): Promise<number>;
}

const SUBCOMMANDS: Record<string, Subcommand> = {
  export: {
    summary: "write a Pulumi program that imports the cross-tenant synchronization already set up",
    run: async (argv) => (await import("./export/command")).runExportCommand(argv),
  },
  impact: {
    summary: "what a planned change (pulumi preview --json) does to provisioned users",
    run: async (argv) => (await import("./impact")).impactCommand.run(argv),
  },
};

function usage(): string {
  const rows = Object.entries(SUBCOMMANDS).map(
    ([name, sub]) => `  ${name.padEnd(10)} ${sub.summary}`,
  );
  return [
    "Usage: entra-cts <command> [options]",
    "",
    "Commands:",
    ...rows,
    "",
    "`entra-cts <command> --help` describes a command's options.",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === "--help" || name === "-h") {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(`${usage()}\n`);
    return 2;
  }
  const subcommand = SUBCOMMANDS[name];
  if (!subcommand) {
    process.stderr.write(`entra-cts: unknown command '${name}'.\n\n${usage()}\n`);
    return 2;
  }
  return subcommand.run(rest);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `entra-cts: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
}
