/**
 * KnobController in-process: counting, ordering and determinism properties that would take too
 * many HTTP round trips to explore over the wire.
 */
import fc from "fast-check";
import { KnobController } from "../../src/emulator/knobs/controller";
import type { KnobRequest } from "../../src/emulator/knobs/matcher";

const request = (overrides: Partial<KnobRequest> = {}): KnobRequest => ({
  method: "GET",
  path: "/v1.0/policies/crossTenantAccessPolicy/partners",
  routeKey: "GET /v1.0/policies/crossTenantAccessPolicy/partners",
  tenantId: "t1",
  appId: "a1",
  ...overrides,
});
const other = request({
  path: "/v1.0/servicePrincipals/x",
  routeKey: "GET /v1.0/servicePrincipals/:id",
});

describe("KnobController", () => {
  it("is inactive and passes everything when all knobs are off", () => {
    const knobs = new KnobController(() => 0);
    expect(knobs.active).toBe(false);
    expect(knobs.decide(request())).toEqual({ delayMs: 0, verdict: undefined });
  });

  it("answers exactly N matching requests of a next-N rule, whatever else arrives in between", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.boolean(), { maxLength: 60 }),
        (count, pattern) => {
          const knobs = new KnobController(() => 0, {
            throttleNext: [{ count, match: { route: request().routeKey } }],
          });
          let throttled = 0;
          let matching = 0;
          for (const isMatch of pattern) {
            const verdict = knobs.decide(isMatch ? request() : other).verdict;
            if (isMatch) matching += 1;
            if (verdict) {
              expect(isMatch).toBe(true);
              throttled += 1;
            }
          }
          expect(throttled).toBe(Math.min(count, matching));
          expect(knobs.get().throttleNext.length).toBe(matching >= count ? 0 : 1);
        },
      ),
    );
  });

  it("replays the same probabilistic faults for the same seed", () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (seed, probability) => {
        const run = () => {
          const knobs = new KnobController(() => 0, {
            seed,
            faults: [{ status: 503, probability }],
          });
          return Array.from({ length: 30 }, () => knobs.decide(request()).verdict?.status ?? 200);
        };
        expect(run()).toEqual(run());
      }),
    );
  });

  it("checks throttles before faults and next-N before the rate limit", () => {
    const knobs = new KnobController(() => 0, {
      throttleNext: [{ count: 1 }],
      rateLimit: { requests: 1, windowMs: 1000 },
      faults: [{ status: 500, count: 5 }],
    });
    expect(knobs.decide(request()).verdict?.status).toBe(429); // next-N
    expect(knobs.decide(request()).verdict?.status).toBe(500); // rate allows one, the fault fires
    expect(knobs.decide(request()).verdict?.status).toBe(429); // bucket empty
  });

  it("refills the rate bucket exactly once per window share, without float drift", () => {
    let now = 0;
    const knobs = new KnobController(() => now, { rateLimit: { requests: 10, windowMs: 1000 } });
    for (let i = 0; i < 10; i += 1) expect(knobs.decide(request()).verdict).toBeUndefined();
    expect(knobs.decide(request()).verdict?.status).toBe(429);
    for (let step = 0; step < 100; step += 1) {
      now += 100;
      expect(knobs.decide(request()).verdict).toBeUndefined();
      expect(knobs.decide(request()).verdict?.status).toBe(429);
    }
  });

  it("keeps the previous settings when new ones are invalid", () => {
    const knobs = new KnobController(() => 0, { throttleNext: [{ count: 2 }] });
    expect(() => knobs.patch({ latency: [{ ms: 5, match: { path: "(" } }] })).toThrow(
      /not a regular expression/,
    );
    expect(knobs.get().throttleNext).toEqual([{ count: 2, retryAfterSeconds: 0 }]);
    expect(knobs.get().latency).toEqual([]);
  });

  describe("replication lag", () => {
    it("with both ms and reads, hides until both are over", () => {
      let now = 0;
      const knobs = new KnobController(() => now, { replicationLag: { ms: 100, reads: 1 } });
      const lag = knobs.replicationLag;
      lag.markCreated("o");
      expect(lag.isVisible("o", "r1")).toBe(false); // the read is consumed, time not over
      expect(lag.isVisible("o", "r2")).toBe(false); // reads over, time not over
      now = 100;
      expect(lag.isVisible("o", "r3")).toBe(true);
    });

    it("counts one request once however often it asks, and ignores objects made while off", () => {
      const knobs = new KnobController(() => 0);
      knobs.replicationLag.markCreated("before");
      knobs.set({ replicationLag: { reads: 1 } });
      expect(knobs.replicationLag.isVisible("before", "r1")).toBe(true);
      knobs.replicationLag.markCreated("after");
      expect(knobs.replicationLag.isVisible("after", "r1")).toBe(false);
      expect(knobs.replicationLag.isVisible("after", "r1")).toBe(false);
      expect(knobs.replicationLag.isVisible("after", "r2")).toBe(true);
    });
  });
});
