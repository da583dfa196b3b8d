/**
 * The admin API's request log and counts, settings and reset. The log must never hold an
 * Authorization header, a token, a secret or an assertion.
 */
import { route } from "../../src/emulator/http/route";
import {
  CONTOSO_CALLERS,
  DEFAULT_SOURCE_TENANT_ID,
  DEFAULT_TARGET_TENANT_ID,
  FEDERATED_SUBJECT,
} from "../../src/emulator/fixtures/defaultWorld";
import { withEmulator } from "../harness/emulator";

const emulator = withEmulator({
  extraRoutes: [
    route("GET", "/emulatorProbe/items/:id", ["Policy.Read.All"], (ctx) => ({
      status: 200,
      body: { id: ctx.params.id },
    })),
    route("POST", "/emulatorProbe/items", ["Policy.Read.All"], () => ({ status: 201, body: {} })),
  ],
});

beforeEach(() => emulator.emulator.reset());

describe("request log", () => {
  it("records each Graph request with route key, tenant, app, status and ids", async () => {
    const sourceToken = await emulator.token("source");
    await emulator.request("GET", "/v1.0/emulatorProbe/items/abc?$select=id", {
      headers: { authorization: `Bearer ${sourceToken}`, "client-request-id": "log-test" },
    });
    const log = await emulator.request("GET", "/_emulator/log");
    expect(log.status).toBe(200);
    const entry = log.body.value.at(-1);
    expect(entry).toMatchObject({
      kind: "graph",
      method: "GET",
      path: "/v1.0/emulatorProbe/items/abc",
      routeKey: "GET /v1.0/emulatorProbe/items/:id",
      tenantId: DEFAULT_SOURCE_TENANT_ID,
      appId: CONTOSO_CALLERS.cts.appId,
      status: 200,
      clientRequestId: "log-test",
    });
    expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(entry.time)).not.toBeNaN();
    expect(typeof entry.durationMs).toBe("number");
  });

  it("counts per route and per tenant, and DELETE starts over", async () => {
    await emulator.token("source");
    await emulator.token("target");
    emulator.emulator.requestLog.clear();
    await emulator.graphFetch("source", "GET", "/emulatorProbe/items/1");
    await emulator.graphFetch("source", "GET", "/emulatorProbe/items/2");
    await emulator.graphFetch("target", "GET", "/emulatorProbe/items/3");
    await emulator.graphFetch("target", "POST", "/emulatorProbe/items", { secret: "not logged" });
    await emulator.graphFetch("target", "GET", "/emulatorProbe/unknown");
    const counts = (await emulator.request("GET", "/_emulator/log/counts")).body;
    const get = "GET /v1.0/emulatorProbe/items/:id";
    const post = "POST /v1.0/emulatorProbe/items";
    expect(counts.byRoute[get]).toBe(3);
    expect(counts.byRoute[post]).toBe(1);
    expect(counts.byRoute["(unmatched)"]).toBe(1);
    expect(counts.byTenantRoute[DEFAULT_SOURCE_TENANT_ID][get]).toBe(2);
    expect(counts.byTenantRoute[DEFAULT_TARGET_TENANT_ID]).toMatchObject({ [get]: 1, [post]: 1 });
    expect(counts.byTenant).toEqual({
      [DEFAULT_SOURCE_TENANT_ID]: 2,
      [DEFAULT_TARGET_TENANT_ID]: 3,
    });
    expect(counts.byStatus).toMatchObject({ 200: 3, 201: 1, 400: 1 });

    expect((await emulator.request("DELETE", "/_emulator/log")).status).toBe(204);
    expect((await emulator.request("GET", "/_emulator/log/counts")).body.total).toBe(0);
    expect((await emulator.request("GET", "/_emulator/log")).body.value).toEqual([]);
  });

  it("never holds an Authorization header, a token, a secret or an assertion", async () => {
    const token = await emulator.token("source");
    const assertion = await emulator.emulator.mintGitHubToken(FEDERATED_SUBJECT);
    await emulator.request("POST", `/${DEFAULT_SOURCE_TENANT_ID}/oauth2/v2.0/token`, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: CONTOSO_CALLERS.cts.appId,
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
        scope: "https://graph.microsoft.com/.default",
      }).toString(),
    });
    await emulator.request("POST", `/${DEFAULT_SOURCE_TENANT_ID}/oauth2/v2.0/token`, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `grant_type=client_credentials&client_id=${CONTOSO_CALLERS.cts.appId}&client_secret=${encodeURIComponent(CONTOSO_CALLERS.cts.clientSecret)}&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default`,
    });
    await emulator.graphFetch("source", "POST", "/emulatorProbe/items", { password: "hunter2" });
    const text = JSON.stringify((await emulator.request("GET", "/_emulator/log")).body);
    expect(text).not.toMatch(/authorization|bearer/i);
    expect(text).not.toContain(token.split(".")[2]);
    expect(text).not.toContain(assertion.split(".")[2]);
    expect(text).not.toContain(CONTOSO_CALLERS.cts.clientSecret);
    expect(text).not.toContain("hunter2");
  });

  it("does not log admin API calls", async () => {
    await emulator.request("GET", "/_emulator/knobs");
    await emulator.request("GET", "/_emulator/log");
    expect(emulator.emulator.requestLog.summary().total).toBe(0);
  });
});

describe("settings and reset", () => {
  it("GET /_emulator/settings returns what a client needs", async () => {
    const reply = await emulator.request("GET", "/_emulator/settings");
    expect(reply.body).toMatchObject({
      graphUrl: emulator.settings.graphUrl,
      authorityHost: emulator.settings.authorityHost,
      caCertPath: emulator.settings.caCertPath,
    });
    expect(reply.body.tenants.map((t: { role: string }) => t.role)).toEqual(["source", "target"]);
  });

  it("POST /_emulator/reset puts the world, knobs and log back", async () => {
    emulator.emulator.world.tenants[0].users.length = 0;
    emulator.emulator.knobs.throttleNext(3);
    await emulator.graphFetch("source", "GET", "/emulatorProbe/items/1");
    expect((await emulator.request("POST", "/_emulator/reset")).status).toBe(204);
    expect(emulator.emulator.world.tenants[0].users.length).toBe(41);
    expect(emulator.emulator.knobs.get().throttleNext).toEqual([]);
    expect(emulator.emulator.requestLog.summary().total).toBe(0);
  });
});
