import type { GraphSession } from "../graph/client";
import { currentDeadline, withDeadline } from "../graph/deadline";
import { currentSettings } from "./runtime";

/**
 * Undoing what a failed create made (decisions/0082). The object was created moments ago, so a
 * 404 on its DELETE means "not replicated yet", not "already gone": it is retried like a read
 * of a new object. Taking that 404 as done is how a half-made configuration outlived `up`.
 *
 * The rollback waits until the operation's deadline, but never less than a floor of its own:
 * a create that failed because its deadline ran out (a 429 storm) must still get to clean up,
 * since an orphan costs more than a few seconds of waiting.
 */
const ROLLBACK_FLOOR_MS = 60_000;

/** What a rollback removes: one object a create made moments ago. */
export interface JustCreated {
  /** For messages: "configuration application 1b2c...". */
  what: string;
  /** Path of the object below the version root. */
  path: string;
  version?: "v1.0" | "beta";
}

/**
 * Deletes an object this create made, retrying its 404 as replication lag until the deadline;
 * a 404 that outlasts the deadline is taken as gone. Answers the error of a failed rollback (or
 * undefined), so the caller reports it beside the error that made the create fail.
 */
export async function removeJustCreated(
  session: GraphSession,
  object: JustCreated,
): Promise<unknown> {
  const floor = Math.min(currentSettings().operationTimeoutInMs, ROLLBACK_FLOOR_MS);
  const remaining = (currentDeadline() ?? 0) - Date.now();
  try {
    await withDeadline(Math.max(remaining, floor), () =>
      session.call({
        operation: `remove ${object.what} again after the failed create`,
        method: "DELETE",
        path: object.path,
        version: object.version,
        consistencyStatuses: [404],
        notFoundIsEmpty: true,
      }),
    );
    return undefined;
  } catch (error) {
    return error;
  }
}

/**
 * The error a half-made create throws: the cause of the failure, plus (when the rollback failed
 * too) what is left behind and how to remove it, so nothing is left without the user knowing.
 */
export function createFailure(
  error: unknown,
  rollbackError: unknown,
  object: JustCreated,
): unknown {
  if (rollbackError === undefined) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const rollback = rollbackError instanceof Error ? rollbackError.message : String(rollbackError);
  return new Error(
    `${reason} The ${object.what} this create made could not be removed (${rollback}); ` +
      `run \`pulumi up\` again to adopt it, or delete it in the portal.`,
    { cause: error },
  );
}

/** Runs `rest` after a create; when it throws, removes `object` and rethrows. */
export async function orRollBack<T>(
  session: GraphSession,
  object: JustCreated | undefined,
  rest: () => Promise<T>,
): Promise<T> {
  try {
    return await rest();
  } catch (error) {
    if (!object) throw error;
    throw createFailure(error, await removeJustCreated(session, object), object);
  }
}
