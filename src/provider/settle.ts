import type { GraphCall, GraphSession } from "../graph/client";
import { currentDeadline } from "../graph/deadline";
import { isNotFound } from "../graph/errors";
import { defaultSleep } from "../graph/retry";

/**
 * "Not there" from a replica that may not have seen a recent write yet (decisions/0082). Where
 * the provider cannot know whether an object was made moments ago (a lookup before
 * instantiating, a delete during `destroy` right after `up`), an absent answer is asked again a
 * few times, 50, 100 and 200 ms apart, before it is believed: under half a second on the rare
 * path, against a duplicate or an orphan when a lagging replica answers first.
 */
const SETTLE_ASKS = 4;
const SETTLE_FIRST_GAP_MS = 50;

/** Runs `ask` until it answers something, at most SETTLE_ASKS times and within the deadline. */
export async function settled<T>(ask: () => Promise<T | undefined>): Promise<T | undefined> {
  for (let asked = 1; ; asked++) {
    const answer = await ask();
    if (answer !== undefined || asked >= SETTLE_ASKS) return answer;
    const gap = SETTLE_FIRST_GAP_MS * 2 ** (asked - 1);
    const deadline = currentDeadline();
    if (deadline !== undefined && Date.now() + gap > deadline) return answer;
    await defaultSleep(gap);
  }
}

/**
 * Deletes an object the program manages; a 404 is taken as "already gone" only once it has
 * settled, since a replica that has not seen the create yet answers 404 too.
 */
export async function deleteSettled(
  session: GraphSession,
  call: Omit<GraphCall, "method" | "notFoundIsEmpty" | "consistencyStatuses">,
): Promise<void> {
  await settled(async () => {
    try {
      await session.call({ ...call, method: "DELETE" });
      return true;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  });
}
