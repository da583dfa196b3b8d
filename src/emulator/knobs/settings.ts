/**
 * The fault knobs' JSON shape, validated with zod because it arrives from the admin API, the CLI
 * (`--knobs`) and `startEmulator({ knobs })`. Every knob is off by default; see
 * decisions/0005-fault-knobs.md for the semantics.
 */
import { z } from "zod";

/**
 * Which Graph requests a rule applies to. All given fields must match; an empty matcher matches
 * every Graph request.
 */
export const requestMatcherSchema = z.strictObject({
  /** Exact route key as the request log shows it, e.g. `GET /v1.0/policies/crossTenantAccessPolicy/partners`. */
  route: z.string().optional(),
  /** HTTP method, case-insensitive. */
  method: z.string().optional(),
  /** Regular expression tested against the request path including the version, e.g. `^/v1.0/servicePrincipals/`. */
  path: z.string().optional(),
  /** Tenant id (the token's `tid`). */
  tenant: z.string().optional(),
});
export type RequestMatcher = z.infer<typeof requestMatcherSchema>;

const milliseconds = z.number().int().min(0).max(600_000);
const retryAfterSeconds = z.number().int().min(0).max(3600);

/** Added delay: `ms` fixed, or uniformly between `minMs` and `maxMs` from the seeded PRNG. */
export const latencyRuleSchema = z
  .strictObject({
    match: requestMatcherSchema.optional(),
    ms: milliseconds.optional(),
    minMs: milliseconds.optional(),
    maxMs: milliseconds.optional(),
  })
  .refine(
    (rule) => rule.ms !== undefined || (rule.minMs !== undefined && rule.maxMs !== undefined),
    {
      message: "a latency rule needs `ms`, or both `minMs` and `maxMs`",
    },
  )
  .refine(
    (rule) => rule.minMs === undefined || rule.maxMs === undefined || rule.minMs <= rule.maxMs,
    {
      message: "`minMs` must not exceed `maxMs`",
    },
  );
export type LatencyRule = z.infer<typeof latencyRuleSchema>;

/** Token bucket per app + tenant: `requests` per `windowMs`, refilled continuously. */
export const rateLimitSchema = z.strictObject({
  match: requestMatcherSchema.optional(),
  requests: z.number().int().min(1),
  windowMs: z.number().int().min(1),
  retryAfterSeconds: retryAfterSeconds.default(0),
});
export type RateLimit = z.infer<typeof rateLimitSchema>;

/** The next `count` matching requests answer 429. */
export const throttleRuleSchema = z.strictObject({
  match: requestMatcherSchema.optional(),
  count: z.number().int().min(1),
  retryAfterSeconds: retryAfterSeconds.default(0),
});
export type ThrottleRule = z.infer<typeof throttleRuleSchema>;

export const FAULT_STATUSES = [500, 502, 503, 504, 507] as const;

/** A transient server error for the next `count` matching requests, or with `probability`. */
export const faultRuleSchema = z
  .strictObject({
    match: requestMatcherSchema.optional(),
    status: z.union(FAULT_STATUSES.map((status) => z.literal(status))),
    count: z.number().int().min(1).optional(),
    probability: z.number().min(0).max(1).optional(),
    /** Only sent when given (503 commonly carries it). */
    retryAfterSeconds: retryAfterSeconds.optional(),
  })
  .refine((rule) => (rule.count === undefined) !== (rule.probability === undefined), {
    message: "a fault rule needs exactly one of `count` or `probability`",
  });
export type FaultRule = z.infer<typeof faultRuleSchema>;

/**
 * New objects (marked by handlers through ctx.markCreated) answer 404 until `ms` have passed on
 * the emulator clock and `reads` requests addressed to them have been refused.
 */
export const replicationLagSchema = z
  .strictObject({
    ms: milliseconds.optional(),
    reads: z.number().int().min(1).max(1000).optional(),
  })
  .refine((lag) => lag.ms !== undefined || lag.reads !== undefined, {
    message: "replication lag needs `ms` or `reads`",
  });
export type ReplicationLag = z.infer<typeof replicationLagSchema>;

export const knobSettingsSchema = z.strictObject({
  /** Seed of the PRNG behind latency ranges and fault probabilities. */
  seed: z.number().int().default(1),
  latency: z.array(latencyRuleSchema).default([]),
  rateLimit: rateLimitSchema.nullable().default(null),
  throttleNext: z.array(throttleRuleSchema).default([]),
  faults: z.array(faultRuleSchema).default([]),
  replicationLag: replicationLagSchema.nullable().default(null),
  /**
   * Like Dev Proxy's RetryAfterPlugin: after a 429/503 with `Retry-After: n`, requests of the same
   * app + tenant that arrive before n seconds have passed are throttled again.
   */
  enforceRetryAfter: z.boolean().default(false),
});

/** Knob settings as the emulator holds them (every field present). */
export type KnobSettings = z.infer<typeof knobSettingsSchema>;
/** Knob settings as callers write them (every field optional). */
export type KnobSettingsInput = z.input<typeof knobSettingsSchema>;

/** Every knob off. */
export function knobsOff(): KnobSettings {
  return knobSettingsSchema.parse({});
}

/**
 * Validates knob input. `base` given: a merge (PATCH), top-level keys replace the base's;
 * otherwise a full replacement (PUT), missing keys are off.
 */
export function parseKnobSettings(input: unknown, base?: KnobSettings): KnobSettings {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new Error("Failed to read knob settings: expected a JSON object.");
  }
  const merged = base ? { ...base, ...(input as object) } : input;
  const result = knobSettingsSchema.safeParse(merged);
  if (!result.success) {
    throw new Error(
      `Failed to read knob settings: ${z.prettifyError(result.error)}. See decisions/0005-fault-knobs.md for the shape.`,
    );
  }
  return result.data;
}
