/**
 * provisionOnDemand's documented limit: 5 requests per 10 seconds (decisions/reference/graph-cts.md §5.6, §8.3),
 * counted per job (decisions/0056) on the emulator clock in a sliding window. State is kept per
 * world object and is not part of snapshots (a limiter is not directory data).
 */
import type { WorldState } from "../world/types";

export const ON_DEMAND_LIMIT = { requests: 5, windowMs: 10_000 } as const;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const windows = new WeakMap<WorldState, Map<string, number[]>>();

/** Takes a request slot for `key` at `now`, or says how long to wait for one. */
export function takeOnDemandSlot(world: WorldState, key: string, now: number): ThrottleDecision {
  let perKey = windows.get(world);
  if (!perKey) {
    perKey = new Map();
    windows.set(world, perKey);
  }
  const recent = (perKey.get(key) ?? []).filter((time) => time > now - ON_DEMAND_LIMIT.windowMs);
  if (recent.length >= ON_DEMAND_LIMIT.requests) {
    perKey.set(key, recent);
    const waitMs = recent[0] + ON_DEMAND_LIMIT.windowMs - now;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
  recent.push(now);
  perKey.set(key, recent);
  return { allowed: true };
}
