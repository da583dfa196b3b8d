import {
  nextDelay,
  parseRetryAfter,
  withRetries,
  type AttemptFailure,
} from "../../src/graph/retry";

function failure(statusCode: number, retryAfterSeconds?: number): Error & AttemptFailure {
  return Object.assign(new Error(`status ${statusCode}`), { statusCode, retryAfterSeconds });
}

describe("retries", () => {
  const classify = (error: unknown) => error as AttemptFailure;

  it("waits exactly Retry-After on 429 and 503", () => {
    expect(nextDelay({ statusCode: 429, retryAfterSeconds: 7 }, 0, { deadline: Infinity })).toBe(
      7000,
    );
    expect(nextDelay({ statusCode: 503, retryAfterSeconds: 2 }, 3, { deadline: Infinity })).toBe(
      2000,
    );
  });

  it("backs off exponentially with full jitter when no Retry-After is given", () => {
    const options = { deadline: Infinity, initialDelayInMs: 100, random: () => 0.999 };
    const delays = [0, 1, 2, 3].map((attempt) => nextDelay({ statusCode: 500 }, attempt, options)!);
    expect(delays).toEqual([99, 199, 399, 799]);
    expect(nextDelay({ statusCode: 502 }, 2, { ...options, random: () => 0 })).toBe(0);
  });

  it("does not retry errors that are not transient", () => {
    for (const status of [400, 401, 403, 404, 409]) {
      expect(nextDelay({ statusCode: status }, 0, { deadline: Infinity })).toBeUndefined();
    }
  });

  it("treats the given statuses as replication lag with short growing polls", () => {
    const options = { deadline: Infinity, consistencyStatuses: [404, 403] };
    expect([0, 1, 2, 3].map((a) => nextDelay({ statusCode: 404 }, a, options))).toEqual([
      50, 100, 200, 400,
    ]);
    expect(nextDelay({ statusCode: 403 }, 0, options)).toBe(50);
  });

  it("succeeds after transient failures and sleeps what Retry-After says", async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls++;
        if (calls === 1) throw failure(429, 1);
        if (calls === 2) throw failure(503, 0);
        return "ok";
      },
      classify,
      { deadline: Infinity, sleep: async (ms) => void sleeps.push(ms) },
    );
    expect(result).toBe("ok");
    expect(sleeps).toEqual([1000, 0]);
  });

  it("gives up with the last error when the next wait would pass the deadline", async () => {
    let now = 0;
    const attempt = jest.fn(async () => {
      throw failure(429, 30);
    });
    await expect(
      withRetries(attempt, classify, {
        deadline: 60_000,
        now: () => now,
        sleep: async (ms) => void (now += ms),
      }),
    ).rejects.toThrow("status 429");
    expect(attempt).toHaveBeenCalledTimes(3); // at 0 s, 30 s and 60 s; a fourth would start after the deadline
  });

  it("parses Retry-After seconds and HTTP dates", () => {
    expect(parseRetryAfter("3")).toBe(3);
    expect(
      parseRetryAfter("Wed, 21 Oct 2015 07:28:10 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")),
    ).toBe(10);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
  });
});

describe("retries of creates", () => {
  it("does not repeat a POST whose outcome is unknown, but does after 429 and 503", () => {
    const options = { deadline: Infinity, idempotent: false, random: () => 0.5 };
    for (const status of [0, 408, 500, 502, 504])
      expect(nextDelay({ statusCode: status }, 0, options)).toBeUndefined();
    expect(nextDelay({ statusCode: 429 }, 0, options)).toBeGreaterThanOrEqual(0);
    expect(nextDelay({ statusCode: 503, retryAfterSeconds: 1 }, 0, options)).toBe(1000);
    expect(nextDelay({ statusCode: 404 }, 0, { ...options, consistencyStatuses: [404] })).toBe(50);
  });
});
