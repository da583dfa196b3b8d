import * as fs from "node:fs";
import * as path from "node:path";

/**
 * Writes the program's files. Without `force`, nothing is written when any file already exists,
 * so an earlier export (perhaps edited since) is never half replaced.
 */
export function writeFiles(outDir: string, files: Map<string, string>, force: boolean): string[] {
  const targets = [...files.keys()].map((name) => path.join(outDir, name));
  if (!force) {
    const existing = targets.filter((target) => fs.existsSync(target));
    if (existing.length)
      throw new Error(
        `not overwriting ${existing.join(", ")}: choose another --out directory, or pass --force to replace them.`,
      );
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, text] of files) fs.writeFileSync(path.join(outDir, name), text);
  return targets;
}
