/** --settings-file: the settings as KEY=value lines in a file only its owner can read. */
import { rmSync, writeFileSync } from "node:fs";

export function writeSettingsFile(file: string, env: Record<string, string>): void {
  const text = Object.entries(env)
    .map(([key, value]) => `${key}=${value}\n`)
    .join("");
  // Replace, never reuse: an existing file keeps its old mode, which may be readable by others.
  rmSync(file, { force: true });
  writeFileSync(file, text, { mode: 0o600, flag: "wx" });
}
