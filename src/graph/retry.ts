/**
 * Retries for Graph calls: honour Retry-After on 429 and 503, back off exponentially with full
 * jitter on other transient failures, and treat a just-created object's 404 (and, on
 * synchronization calls, 403 and 409) as replication lag until a deadline. Every wait is bounded
 * by the operation's deadline, which the user sets with `entra-cts:operationTimeoutSeconds`.
 */

export interface RetryOptions {
  /** Absolute deadline (ms since epoch) after which the last error is thrown. */
  deadline: number;
  /** First backoff step for transient errors (default 200 ms). */
  initialDelayInMs?: number;
  /** Largest single wait (default 10 s). */
  maxDelayInMs?: number;
  /** Status codes that mean "not replicated yet" for this call (e.g. [404] after a create). */
  consistencyStatuses?: readonly number[];
  /**
   * False for calls that must not be repeated after an unknown outcome (a create): then only
   * 429 and 503, which say the request was not processed, and consistency statuses are retried.
   */
  idempotent?: boolean;
  /** Injected for tests: waits for the given milliseconds. */
  sleep?: (ms: number) => Promise<void>;
  /** Injected for tests: the clock. */
  now?: () => number;
  /** Injected for tests: a number in [0, 1). */
  random?: () => number;
}

/** What the retry loop needs to know about a failed attempt. */
export interface AttemptFailure {
  statusCode: number;
  /** Seconds from Retry-After, when the response had one. */
  retryAfterSeconds?: number;
}

const TRANSIENT_STATUSES = new Set([0, 408, 429, 500, 502, 503, 504]);

export const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/** Delay before the next attempt, or undefined when the failure is not worth retrying. */
export function nextDelay(
  failure: AttemptFailure,
  attempt: number,
  options: RetryOptions,
): number | undefined {
  const random = options.random ?? Math.random;
  const initial = options.initialDelayInMs ?? 200;
  const max = options.maxDelayInMs ?? 10_000;
  const retryAfter = failure.retryAfterSeconds;
  if ((failure.statusCode === 429 || failure.statusCode === 503) && retryAfter !== undefined) {
    return Math.max(0, retryAfter * 1000);
  }
  if (options.consistencyStatuses?.includes(failure.statusCode)) {
    // Replication lag clears in well under a second in most cases; poll often at first, then
    // back off so a slow tenant is not hammered (the azuread provider waits 5 s between reads).
    return Math.min(max, 50 * 2 ** Math.min(attempt, 7));
  }
  if (options.idempotent === false && failure.statusCode !== 429 && failure.statusCode !== 503) {
    return undefined;
  }
  if (TRANSIENT_STATUSES.has(failure.statusCode)) {
    const ceiling = Math.min(max, initial * 2 ** Math.min(attempt, 10));
    return Math.floor(random() * ceiling);
  }
  return undefined;
}

/**
 * Runs `attempt` until it succeeds, a failure is not retryable, or the deadline passes.
 * `classify` turns a thrown error into an AttemptFailure (or undefined: not retryable).
 */
export async function withRetries<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  classify: (error: unknown) => AttemptFailure | undefined,
  options: RetryOptions,
): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  for (let attemptNumber = 0; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const failure = classify(error);
      if (!failure) throw error;
      const delay = nextDelay(failure, attemptNumber, options);
      if (delay === undefined || now() + delay > options.deadline) throw error;
      await sleep(delay);
    }
  }
}

/** Parses a Retry-After header (seconds, or an HTTP date) into seconds. */
export function parseRetryAfter(
  value: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}
