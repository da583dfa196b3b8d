/**
 * The emulated clock and its admin route: advancing it expires tokens, ends time-based
 * replication lag and brings the 40-minute schedule due, which runs the due cycles
 * (decisions/0094).
 */
import { DEFAULT_TARGET_TENANT_ID as TARGET } from "../../src/emulator/fixtures/defaultWorld";
import { withEmulator } from "../harness/emulator";
import { configurePair, expectStatus } from "../harness/cyclePair";

const h = withEmulator();
beforeEach(() => h.emulator.reset());

const PARTNERS = "/policies/crossTenantAccessPolicy/partners";
/** Advances the clock; cached tokens may expire with it, so the harness fetches new ones. */
const advance = async (seconds: unknown) => {
  const reply = await h.request("POST", "/_emulator/clock/advance", {
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ seconds }),
  });
  h.forgetTokens();
  return reply;
};

describe("POST /_emulator/clock/advance", () => {
  it("moves the clock forward and reads it back", async () => {
    const before = expectStatus(await h.request("GET", "/_emulator/clock"), 200);
    const moved = expectStatus(await advance(90), 200);
    expect(moved.advancedSeconds).toBe(before.advancedSeconds + 90);
    expect(Date.parse(moved.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(90_000);
  });

  it.each([[-1], [0], ["60"], [null], [1e12]])(
    "refuses seconds = %p with the fix, leaving the clock where it was",
    async (seconds) => {
      const before = expectStatus(await h.request("GET", "/_emulator/clock"), 200);
      const reply = await advance(seconds);
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toMatch(/^Failed to advance the clock: send \{"seconds"/);
      const after = expectStatus(await h.request("GET", "/_emulator/clock"), 200);
      expect(after.advancedSeconds).toBe(before.advancedSeconds);
    },
  );

  it("expires a token that was valid, with Graph's expiry message", async () => {
    const token = await h.token("source");
    const call = () =>
      h.request("GET", `/v1.0${PARTNERS}`, { headers: { authorization: `Bearer ${token}` } });
    expect((await call()).status).toBe(200);
    expectStatus(await advance(3600), 200);
    const expired = await call();
    expect(expired.status).toBe(401);
    expect(JSON.stringify(expired.body)).toMatch(/token is expired/);
  });

  it("ends time-based replication lag", async () => {
    h.emulator.knobs.patch({ replicationLag: { ms: 60_000 } });
    const token = await h.token("source");
    const call = (method: string, path: string, body?: unknown) =>
      h.request(method, `/v1.0${path}`, {
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    expectStatus(await call("POST", PARTNERS, { tenantId: TARGET }), 201);
    expect((await call("GET", `${PARTNERS}/${TARGET}`)).status).toBe(404);
    expectStatus(await advance(61), 200);
    expect((await call("GET", `${PARTNERS}/${TARGET}`)).status).toBe(200);
  });

  it("runs a started job's first cycle, then the next one only after its 40-minute interval", async () => {
    const { spId } = await configurePair(h);
    const first = expectStatus(await advance(1), 200);
    expect(first.cycles).toHaveLength(1);
    expect(first.cycles[0]).toMatchObject({ servicePrincipalId: spId });
    expect(expectStatus(await advance(39 * 60), 200).cycles).toEqual([]);
    expect(expectStatus(await advance(60), 200).cycles).toHaveLength(1);
    expect(h.emulator.advanceClock(60)).toEqual([]);
  });

  it("runs no cycle for a job that is not started", async () => {
    await configurePair(h, false);
    expect(expectStatus(await advance(3 * 3600), 200).cycles).toEqual([]);
  });
});
