import { compileMatcher, type KnobRequest } from "./matcher";
import { seededRandom, type Random } from "./prng";
import { RateLimiter } from "./rateLimiter";
import { ReplicationLagTracker } from "./replicationLag";
import {
  knobsOff,
  parseKnobSettings,
  type FaultRule,
  type KnobSettings,
  type KnobSettingsInput,
  type RequestMatcher,
  type ThrottleRule,
} from "./settings";
import { serverFault, throttled, type KnobVerdict } from "./verdict";

/** What the knobs decided for one Graph request. */
export interface KnobDecision {
  /** Milliseconds to wait before answering. */
  delayMs: number;
  /** Answer this instead of running the handler. */
  verdict?: KnobVerdict;
  /** Headers to add to a normal answer (x-ms-throttle-limit-percentage near the limit). */
  headers?: Record<string, string>;
}

interface Compiled<T> {
  rule: T;
  matches: (request: KnobRequest) => boolean;
}

const compile = <T extends { match?: RequestMatcher }>(rules: T[]): Array<Compiled<T>> =>
  rules.map((rule) => ({ rule, matches: compileMatcher(rule.match) }));

/**
 * Holds the fault knobs and decides, per Graph request, on latency, throttling and transient
 * errors; owns the replication-lag tracker. Order of checks: Retry-After enforcement, next-N
 * throttles, rate limit, faults (decisions/0005-fault-knobs.md).
 */
export class KnobController {
  readonly replicationLag: ReplicationLagTracker;
  private settings: KnobSettings = knobsOff();
  private random: Random = seededRandom(1);
  private latency: Array<Compiled<KnobSettings["latency"][number]>> = [];
  private throttles: Array<Compiled<ThrottleRule>> = [];
  private faults: Array<Compiled<FaultRule>> = [];
  private rateLimiter?: RateLimiter;
  private rateMatches: (request: KnobRequest) => boolean = () => true;
  private readonly retryDeadlines = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    initial?: KnobSettingsInput,
  ) {
    this.replicationLag = new ReplicationLagTracker(now);
    if (initial) this.set(initial);
  }

  /** True when any knob that acts on requests is on (lets the server skip work when all are off). */
  get active(): boolean {
    const s = this.settings;
    return (
      s.latency.length > 0 ||
      s.rateLimit !== null ||
      s.throttleNext.length > 0 ||
      s.faults.length > 0 ||
      s.enforceRetryAfter
    );
  }

  /** Current settings, including what is left of next-N rules. */
  get(): KnobSettings {
    return structuredClone(this.settings);
  }

  /** Replaces every knob (missing ones are off), as PUT /_emulator/knobs does. */
  set(input: KnobSettingsInput): KnobSettings {
    return this.apply(parseKnobSettings(input));
  }

  /** Replaces only the knobs given, as PATCH /_emulator/knobs does. */
  patch(input: KnobSettingsInput): KnobSettings {
    return this.apply(parseKnobSettings(input, this.settings));
  }

  /** Turns every knob off and forgets throttle state. */
  reset(): void {
    this.apply(knobsOff());
  }

  /** The next `count` requests matching `match` answer 429. */
  throttleNext(count: number, match?: RequestMatcher, retryAfterSeconds = 0): KnobSettings {
    return this.patch({
      throttleNext: [...this.settings.throttleNext, { count, match, retryAfterSeconds }],
    });
  }

  /** The next `count` requests matching `match` answer `status`. */
  failNext(
    status: FaultRule["status"],
    count: number,
    match?: RequestMatcher,
    retryAfterSeconds?: number,
  ): KnobSettings {
    return this.patch({
      faults: [...this.settings.faults, { status, count, match, retryAfterSeconds }],
    });
  }

  decide(request: KnobRequest): KnobDecision {
    const decision: KnobDecision = { delayMs: this.delayFor(request) };
    const scopeKey = `${request.tenantId}/${request.appId}`;
    decision.verdict =
      this.retryAfterViolation(request, scopeKey) ??
      this.nextThrottle(request) ??
      this.rateVerdict(request, scopeKey, decision) ??
      this.nextFault(request);
    const retryAfter = decision.verdict?.retryAfterSeconds;
    if (this.settings.enforceRetryAfter && retryAfter) {
      this.retryDeadlines.set(scopeKey, this.now() + retryAfter * 1000);
    }
    return decision;
  }

  private apply(settings: KnobSettings): KnobSettings {
    // Compile first: a bad regular expression must leave the previous settings in force.
    const latency = compile(settings.latency);
    const throttles = compile(settings.throttleNext);
    const faults = compile(settings.faults);
    const rateMatches = compileMatcher(settings.rateLimit?.match);
    const lagChanged =
      JSON.stringify(settings.replicationLag) !== JSON.stringify(this.settings.replicationLag);
    this.settings = settings;
    this.latency = latency;
    this.throttles = throttles;
    this.faults = faults;
    this.rateMatches = rateMatches;
    this.rateLimiter = settings.rateLimit
      ? new RateLimiter(settings.rateLimit, this.now)
      : undefined;
    this.random = seededRandom(settings.seed);
    this.retryDeadlines.clear();
    if (lagChanged) this.replicationLag.configure(settings.replicationLag);
    return this.get();
  }

  private delayFor(request: KnobRequest): number {
    const found = this.latency.find((entry) => entry.matches(request));
    if (!found) return 0;
    const { ms, minMs = 0, maxMs = 0 } = found.rule;
    if (ms !== undefined) return ms;
    return minMs + Math.floor(this.random() * (maxMs - minMs + 1));
  }

  private retryAfterViolation(request: KnobRequest, scopeKey: string): KnobVerdict | undefined {
    if (!this.settings.enforceRetryAfter) return undefined;
    const deadline = this.retryDeadlines.get(scopeKey);
    if (deadline === undefined) return undefined;
    const waitMs = deadline - this.now();
    if (waitMs <= 0) {
      this.retryDeadlines.delete(scopeKey);
      return undefined;
    }
    const seconds = Math.ceil(waitMs / 1000);
    return throttled(
      seconds,
      request,
      `Too many requests. Retry-After was not honoured; wait ${seconds} more seconds.`,
    );
  }

  private nextThrottle(request: KnobRequest): KnobVerdict | undefined {
    const index = this.throttles.findIndex((entry) => entry.matches(request));
    if (index < 0) return undefined;
    const { rule } = this.throttles[index];
    this.consume(this.throttles, this.settings.throttleNext, index);
    return throttled(rule.retryAfterSeconds, request);
  }

  private rateVerdict(
    request: KnobRequest,
    scopeKey: string,
    decision: KnobDecision,
  ): KnobVerdict | undefined {
    const limit = this.settings.rateLimit;
    if (!this.rateLimiter || !limit || !this.rateMatches(request)) return undefined;
    const { allowed, usage } = this.rateLimiter.take(scopeKey);
    if (!allowed) return throttled(limit.retryAfterSeconds, request);
    // Graph sends this header once an app passes 80% of a limit (decisions/reference/graph-cts.md §8.3).
    if (usage >= 0.8) decision.headers = { "x-ms-throttle-limit-percentage": usage.toFixed(1) };
    return undefined;
  }

  private nextFault(request: KnobRequest): KnobVerdict | undefined {
    for (let index = 0; index < this.faults.length; index += 1) {
      const { rule, matches } = this.faults[index];
      if (!matches(request)) continue;
      if (rule.count !== undefined) {
        this.consume(this.faults, this.settings.faults, index);
        return serverFault(rule.status, rule.retryAfterSeconds);
      }
      if (this.random() < (rule.probability ?? 0)) {
        return serverFault(rule.status, rule.retryAfterSeconds);
      }
    }
    return undefined;
  }

  /** Counts one use of a next-N rule; an exhausted rule leaves the settings. */
  private consume<T extends { count?: number }>(
    compiled: Array<Compiled<T>>,
    stored: T[],
    index: number,
  ): void {
    const rule = compiled[index].rule;
    rule.count = (rule.count ?? 1) - 1;
    if (rule.count <= 0) {
      compiled.splice(index, 1);
      stored.splice(stored.indexOf(rule), 1);
    }
  }
}
