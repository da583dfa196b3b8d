/**
 * Checks, before the server starts, that the places the CLI writes to can be written: a snapshot
 * saved only at exit into a missing folder would lose the whole world (decisions/0070).
 */
import { accessSync, constants, statSync, type Stats } from "node:fs";
import * as path from "node:path";
import { UsageError } from "./args";

/** A file the CLI creates or overwrites (--snapshot, --settings-file): its folder must be writable. */
export function checkWritableFile(flag: string, file: string): void {
  const existing = statOrUndefined(file);
  if (existing?.isDirectory()) {
    throw new UsageError(`${flag} ${file}: is a folder; give a file path.`);
  }
  if (existing && !writable(file)) {
    throw new UsageError(`${flag} ${file}: the file exists and is not writable.`);
  }
  checkWritableFolder(flag, file, path.dirname(path.resolve(file)));
}

/** A folder the CLI writes into, created if missing (--state-dir). */
export function checkWritableDir(flag: string, dir: string): void {
  const existing = statOrUndefined(dir);
  if (existing && !existing.isDirectory()) {
    throw new UsageError(`${flag} ${dir}: exists and is not a folder.`);
  }
  if (existing) {
    if (!writable(dir)) throw new UsageError(`${flag} ${dir}: the folder is not writable.`);
    return;
  }
  checkWritableFolder(flag, dir, path.dirname(path.resolve(dir)));
}

function checkWritableFolder(flag: string, given: string, folder: string): void {
  const stats = statOrUndefined(folder);
  if (!stats?.isDirectory()) {
    throw new UsageError(`${flag} ${given}: the folder ${folder} does not exist; create it first.`);
  }
  if (!writable(folder)) {
    throw new UsageError(`${flag} ${given}: the folder ${folder} is not writable.`);
  }
}

function statOrUndefined(target: string): Stats | undefined {
  try {
    return statSync(target);
  } catch {
    return undefined;
  }
}

function writable(target: string): boolean {
  try {
    accessSync(target, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
