#!/usr/bin/env node
/**
 * `npm run demo`: checks its arguments and the Pulumi CLI before anything else, so a wrong
 * argument or a missing CLI changes nothing; then runs the demo, cleaning up on every exit
 * path, Ctrl+C included (decisions/0071).
 */
import * as path from "node:path";
import { removeOnExit } from "../emulator/cli/cleanup";
import { DEMO_HELP, DemoUsageError, parseDemoArgs } from "./args";
import { findPulumi, INSTALL_URL, stopRunningCommands } from "./pulumiCli";
import { runDemo } from "./run";

const NAME = "entra-cts-demo";

async function main(argv: string[]): Promise<number> {
  let mode: "run" | "help";
  try {
    mode = parseDemoArgs(argv);
  } catch (error) {
    if (!(error instanceof DemoUsageError)) throw error;
    process.stderr.write(`${NAME}: ${error.message}\n\n${DEMO_HELP}`);
    return 2;
  }
  if (mode === "help") {
    process.stdout.write(DEMO_HELP);
    return 0;
  }
  const pulumi = findPulumi(process.env);
  if (!pulumi) {
    process.stderr.write(
      `${NAME}: the Pulumi CLI is not on PATH. Install it (${INSTALL_URL}), open a new shell so PATH includes it, then run \`npm run demo\` again. Nothing was changed.\n`,
    );
    return 1;
  }
  const cleanup = removeOnExit(NAME);
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`${NAME}: stopping (${signal}); removing the temp folder.\n`);
    stopRunningCommands();
    process.exit(130);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  await runDemo({
    repoRoot: path.resolve(__dirname, "..", ".."),
    pulumi,
    onWorkDir: (dir) => cleanup.add(dir),
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${NAME}: Failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
