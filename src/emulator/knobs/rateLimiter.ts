import type { RateLimit } from "./settings";

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** The answer for one request: allowed or not, and how full the bucket is afterwards. */
export interface RateDecision {
  allowed: boolean;
  /** Share of the limit used, 0..1 (Graph reports it as x-ms-throttle-limit-percentage). */
  usage: number;
}

/**
 * Token bucket per app + tenant, the unit Entra's identity service throttles on
 * (decisions/reference/graph-cts.md §8.3): `requests` tokens, refilled continuously over `windowMs` on the emulator
 * clock, so tests advance the clock instead of sleeping.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {}

  take(scopeKey: string): RateDecision {
    const now = this.now();
    const capacity = this.limit.requests;
    const bucket = this.buckets.get(scopeKey) ?? { tokens: capacity, updatedAt: now };
    const refill = ((now - bucket.updatedAt) * capacity) / this.limit.windowMs;
    bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, refill));
    bucket.updatedAt = now;
    this.buckets.set(scopeKey, bucket);
    // The epsilon absorbs float error in the refill so a full window always refills a token.
    if (bucket.tokens < 1 - 1e-9) return { allowed: false, usage: 1 };
    bucket.tokens = Math.max(0, bucket.tokens - 1);
    return { allowed: true, usage: 1 - bucket.tokens / capacity };
  }
}
