/**
 * Where the admin API may read and write snapshot files: inside the emulator's state directory
 * only. The admin route takes a path from a request; without this confinement it would read or
 * overwrite any file the emulator's user can (decisions/0092-admin-api-secret.md).
 */
import { realpath } from "node:fs/promises";
import * as path from "node:path";

export class SnapshotPathError extends Error {}

function inside(dir: string, candidate: string): boolean {
  const relative = path.relative(dir, candidate);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

/**
 * The real path of `requested` (relative to the state directory, or absolute inside it), checked
 * after symbolic links are resolved: the file itself when it must exist (restore), its folder
 * when it is about to be written (save).
 */
export async function confinedSnapshotPath(
  stateDir: string,
  requested: string,
  purpose: "read" | "write",
): Promise<string> {
  const action = purpose === "read" ? "restore a snapshot" : "save a snapshot";
  const refuse = (why: string) =>
    new SnapshotPathError(
      `Failed to ${action}: path '${requested}' ${why}. Send a file name relative to the emulator's state directory (e.g. "world.json").`,
    );
  if (requested.includes("\0")) throw refuse("contains a NUL character");
  const wanted = path.resolve(stateDir, requested);
  if (!inside(path.resolve(stateDir), wanted)) {
    throw refuse("is outside the emulator's state directory");
  }
  const root = await realpath(stateDir);
  let real: string;
  try {
    // An existing file is resolved itself: writing through a link would write where it points.
    real = await realpath(wanted);
  } catch {
    if (purpose === "read") throw refuse("does not exist");
    try {
      real = path.join(await realpath(path.dirname(wanted)), path.basename(wanted));
    } catch {
      throw refuse("names a folder that does not exist");
    }
  }
  if (!inside(root, real)) throw refuse("leads outside the emulator's state directory");
  return real;
}
