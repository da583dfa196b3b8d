/**
 * Removes the CLI's secrets from disk on every way out: the temp state folder (the client
 * certificate's private key) and the --settings-file (client secrets). Node runs "exit" listeners on
 * process.exit(), on the end of the event loop and after an uncaught exception handled below;
 * removal is synchronous because nothing asynchronous runs in an "exit" listener. SIGKILL cannot
 * be caught: nothing can clean up after it (decisions/0070).
 */
import { rmSync } from "node:fs";

export function removeOnExit(name = "entra-cts-emulator"): { add(target: string): void } {
  const targets: string[] = [];
  process.once("exit", () => {
    for (const target of targets) rmSync(target, { recursive: true, force: true });
  });
  process.once("uncaughtException", (error) => {
    process.stderr.write(`${name}: crashed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  });
  return { add: (target) => void targets.push(target) };
}
