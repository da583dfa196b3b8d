/**
 * Fault knobs end to end over HTTPS: latency, throttling (next-N and by rate), transient 5xx
 * (next-N and seeded probability), replication lag (by time and by reads), Retry-After
 * enforcement, and the admin API that sets them. Probe routes stand in for real handlers.
 */
import { randomUUID } from "node:crypto";
import { ClientSecretCredential } from "@azure/identity";
import { Client } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { GraphError } from "../../src/emulator/http/graphError";
import { route } from "../../src/emulator/http/route";
import { seededRandom } from "../../src/emulator/knobs/prng";
import {
  CONTOSO_CALLERS,
  DEFAULT_SOURCE_TENANT_ID,
} from "../../src/emulator/fixtures/defaultWorld";
import { withEmulator, type HttpReply } from "../harness/emulator";

const things = new Set<string>();
const probes = [
  route("GET", "/emulatorProbe/echo", ["Policy.Read.All"], () => ({
    status: 200,
    body: { ok: true },
  })),
  route("GET", "/emulatorProbe/other", ["Policy.Read.All"], () => ({
    status: 200,
    body: { ok: true },
  })),
  route("POST", "/emulatorProbe/things", ["Policy.Read.All"], (ctx) => {
    const id = randomUUID();
    things.add(id);
    ctx.markCreated(id);
    return { status: 201, body: { id } };
  }),
  route("GET", "/emulatorProbe/things/:id", ["Policy.Read.All"], (ctx) => {
    const { id } = ctx.params;
    // Asked twice on purpose: one request must consume one "read" of the lag, not two.
    if (!things.has(id) || !ctx.isVisible(id) || !ctx.isVisible(id)) throw GraphError.notFound(id);
    return { status: 200, body: { id } };
  }),
];

let nowMs = Date.parse("2026-03-01T12:00:00Z");
const emulator = withEmulator({ extraRoutes: probes, clock: () => nowMs });
const ECHO = "GET /v1.0/emulatorProbe/echo";

const echo = () => emulator.graphFetch("source", "GET", "/emulatorProbe/echo");
const knobs = () => emulator.emulator.knobs;

async function adminJson(method: string, path: string, body?: unknown): Promise<HttpReply> {
  return emulator.request(method, `/_emulator${path}`, {
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

beforeEach(() => {
  emulator.emulator.reset();
});

describe("latency", () => {
  it("delays matching requests by a fixed time and leaves others alone", async () => {
    await echo(); // warm the token and the connection
    knobs().set({ latency: [{ ms: 250, match: { route: ECHO } }] });
    const started = performance.now();
    expect((await echo()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
    // The other route is not delayed (asserted through the log: wall time is noisy on shared CI).
    await emulator.graphFetch("source", "GET", "/emulatorProbe/other");
    const entries = emulator.emulator.requestLog.list();
    expect(entries.at(-2)).toMatchObject({ routeKey: ECHO, delayMs: 250 });
    expect(entries.at(-1)?.delayMs).toBeUndefined();
  });

  it("draws ranged delays from the seeded PRNG, so a seed replays the same delays", async () => {
    await emulator.token("source");
    const delays = async (): Promise<number[]> => {
      emulator.emulator.requestLog.clear();
      knobs().set({ seed: 7, latency: [{ minMs: 1, maxMs: 40 }] });
      for (let i = 0; i < 6; i += 1) await echo();
      return emulator.emulator.requestLog.list().map((entry) => entry.delayMs ?? 0);
    };
    const first = await delays();
    expect(await delays()).toEqual(first);
    const random = seededRandom(7);
    expect(first).toEqual(first.map(() => 1 + Math.floor(random() * 40)));
    expect(new Set(first).size).toBeGreaterThan(1);
  });
});

describe("throttling", () => {
  it("answers 429 to the next N requests of a route, with Retry-After and throttle headers", async () => {
    knobs().throttleNext(2, { route: ECHO }, 0);
    const first = await echo();
    expect(first.status).toBe(429);
    expect(first.headers["retry-after"]).toBe("0");
    expect(first.headers["x-ms-throttle-scope"]).toBe(
      `Tenant_Application/Read/${CONTOSO_CALLERS.cts.appId}/${DEFAULT_SOURCE_TENANT_ID}`,
    );
    expect(first.headers["x-ms-throttle-information"]).toBe("ResourceUnitLimitExceeded");
    expect(first.body.error.code).toBe("TooManyRequests");
    expect((await emulator.graphFetch("source", "GET", "/emulatorProbe/other")).status).toBe(200);
    expect(knobs().get().throttleNext).toEqual([
      { count: 1, match: { route: ECHO }, retryAfterSeconds: 0 },
    ]);
    expect((await echo()).status).toBe(429);
    expect((await echo()).status).toBe(200);
    expect(knobs().get().throttleNext).toEqual([]);
  });

  it("matches by method and path regex and by tenant", async () => {
    knobs().set({
      throttleNext: [
        {
          count: 5,
          match: {
            method: "get",
            path: "^/v1\\.0/emulatorProbe/o",
            tenant: DEFAULT_SOURCE_TENANT_ID,
          },
        },
      ],
    });
    expect((await echo()).status).toBe(200);
    expect((await emulator.graphFetch("target", "GET", "/emulatorProbe/other")).status).toBe(200);
    expect((await emulator.graphFetch("source", "GET", "/emulatorProbe/other")).status).toBe(429);
  });

  it("throttles by rate per app and tenant with a token bucket on the emulator clock", async () => {
    knobs().set({ rateLimit: { requests: 3, windowMs: 60_000, retryAfterSeconds: 2 } });
    const replies = [await echo(), await echo(), await echo(), await echo()];
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 429]);
    expect(replies[2].headers["x-ms-throttle-limit-percentage"]).toBe("1.0");
    expect(replies[3].headers["retry-after"]).toBe("2");
    // Another tenant (another app + tenant pair) has its own bucket.
    expect((await emulator.graphFetch("target", "GET", "/emulatorProbe/echo")).status).toBe(200);
    nowMs += 20_000; // one third of the window refills one token
    expect((await echo()).status).toBe(200);
    expect((await echo()).status).toBe(429);
  });

  it("re-throttles a client that retries before Retry-After has passed, when enforced", async () => {
    knobs().set({ enforceRetryAfter: true, throttleNext: [{ count: 1, retryAfterSeconds: 5 }] });
    expect((await echo()).status).toBe(429);
    const early = await echo();
    expect(early.status).toBe(429);
    expect(early.body.error.message).toMatch(/Retry-After was not honoured/);
    nowMs += 5_000;
    expect((await echo()).status).toBe(200);
  });

  it("is retried transparently by the Graph client when Retry-After is 0", async () => {
    const source = emulator.tenant("source");
    const client = Client.initWithMiddleware({
      authProvider: new TokenCredentialAuthenticationProvider(
        new ClientSecretCredential(source.tenantId, source.clientId, source.clientSecret, {
          authorityHost: emulator.settings.authorityHost,
          disableInstanceDiscovery: true,
          tlsOptions: { ca: emulator.settings.caCertPem },
        }),
        { scopes: ["https://graph.microsoft.com/.default"] },
      ),
      baseUrl: emulator.settings.graphUrl,
      customHosts: new Set(["127.0.0.1"]),
      fetchOptions: { dispatcher: emulator.agent } as RequestInit,
    });
    knobs().throttleNext(2, { route: ECHO }, 0);
    expect(await client.api("/emulatorProbe/echo").get()).toEqual({ ok: true });
    expect(emulator.emulator.requestLog.summary().byStatus).toMatchObject({ 429: 2 });
  });
});

describe("transient server errors", () => {
  it("fails the next N requests of a route with the given status", async () => {
    knobs().failNext(503, 1, { path: "^/v1\\.0/emulatorProbe/echo$" }, 1);
    const failed = await echo();
    expect(failed.status).toBe(503);
    expect(failed.headers["retry-after"]).toBe("1");
    expect(failed.body.error.code).toBe("serviceNotAvailable");
    expect((await echo()).status).toBe(200);
  });

  it.each([
    [500, "generalException"],
    [502, "badGateway"],
    [504, "timeout"],
  ] as const)("answers %i with code %s", async (status, code) => {
    knobs().failNext(status, 1);
    const reply = await echo();
    expect(reply.status).toBe(status);
    expect(reply.body.error.code).toBe(code);
    expect(reply.headers["retry-after"]).toBeUndefined();
  });

  it("fails with a probability drawn from the seeded PRNG, replayable per seed", async () => {
    const run = async (seed: number): Promise<number[]> => {
      knobs().set({ seed, faults: [{ status: 500, probability: 0.5 }] });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i += 1) statuses.push((await echo()).status);
      return statuses;
    };
    const first = await run(42);
    const random = seededRandom(42);
    expect(first).toEqual(first.map(() => (random() < 0.5 ? 500 : 200)));
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await run(42)).toEqual(first);
  });
});

describe("replication lag", () => {
  const create = async (): Promise<string> => {
    const reply = await emulator.graphFetch("source", "POST", "/emulatorProbe/things", {});
    expect(reply.status).toBe(201);
    return reply.body.id;
  };
  const read = (id: string) => emulator.graphFetch("source", "GET", `/emulatorProbe/things/${id}`);

  it("is off by default: a new object is readable at once", async () => {
    expect((await read(await create())).status).toBe(200);
  });

  it("hides a new object for N ms of the emulator clock", async () => {
    knobs().set({ replicationLag: { ms: 5_000 } });
    const id = await create();
    const hidden = await read(id);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe("Request_ResourceNotFound");
    nowMs += 4_999;
    expect((await read(id)).status).toBe(404);
    nowMs += 1;
    expect((await read(id)).status).toBe(200);
  });

  it("hides a new object for N reads, one per request", async () => {
    knobs().set({ replicationLag: { reads: 2 } });
    const id = await create();
    expect((await read(id)).status).toBe(404);
    expect((await adminJson("GET", "/knobs/pending-objects")).body.value).toEqual([id]);
    expect((await read(id)).status).toBe(404);
    expect((await read(id)).status).toBe(200);
    expect((await read(id)).status).toBe(200);
  });

  it("reveals everything pending when the knob is turned off", async () => {
    knobs().set({ replicationLag: { reads: 10 } });
    const id = await create();
    knobs().patch({ replicationLag: null });
    expect((await read(id)).status).toBe(200);
  });
});

describe("admin API for knobs", () => {
  it("GET shows every knob off by default", async () => {
    const reply = await adminJson("GET", "/knobs");
    expect(reply.body).toEqual({
      seed: 1,
      latency: [],
      rateLimit: null,
      throttleNext: [],
      faults: [],
      replicationLag: null,
      enforceRetryAfter: false,
    });
  });

  it("PUT replaces, PATCH merges, and both take effect at once", async () => {
    const put = await adminJson("PUT", "/knobs", {
      throttleNext: [{ count: 1, match: { route: ECHO } }],
    });
    expect(put.status).toBe(200);
    expect(put.body.throttleNext).toEqual([
      { count: 1, match: { route: ECHO }, retryAfterSeconds: 0 },
    ]);
    const patch = await adminJson("PATCH", "/knobs", { faults: [{ status: 502, count: 1 }] });
    expect(patch.body.throttleNext).toHaveLength(1);
    expect(patch.body.faults).toHaveLength(1);
    expect((await echo()).status).toBe(429);
    expect((await echo()).status).toBe(502);
    expect((await echo()).status).toBe(200);
    await adminJson("PUT", "/knobs", {});
    expect((await adminJson("GET", "/knobs")).body.faults).toEqual([]);
  });

  it("refuses invalid settings with a message and keeps the previous ones", async () => {
    knobs().throttleNext(1);
    for (const bad of [
      { faults: [{ status: 418, count: 1 }] },
      { faults: [{ status: 500 }] },
      { latency: [{ minMs: 50, maxMs: 10 }] },
      { throttleNext: [{ count: 1, match: { path: "([" } }] },
      { unknownKnob: true },
    ]) {
      const reply = await adminJson("PATCH", "/knobs", bad);
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toMatch(/^Failed to read knob settings/);
    }
    expect(knobs().get().throttleNext).toHaveLength(1);
  });
});

describe("knobs given at start", () => {
  const started = withEmulator({ extraRoutes: probes, knobs: { throttleNext: [{ count: 1 }] } });

  it("apply from the first request, and reset() returns to them", async () => {
    expect((await started.graphFetch("source", "GET", "/emulatorProbe/echo")).status).toBe(429);
    expect((await started.graphFetch("source", "GET", "/emulatorProbe/echo")).status).toBe(200);
    started.emulator.reset();
    expect((await started.graphFetch("source", "GET", "/emulatorProbe/echo")).status).toBe(429);
  });
});
