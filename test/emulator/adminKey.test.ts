/**
 * The admin API's per-run key and the confinement of snapshot paths to the state directory
 * (decisions/0092-admin-api-secret.md).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { settingsAsEnv } from "../../src/emulator";
import { withEmulator } from "../harness/emulator";

const stateDir = mkdtempSync(path.join(tmpdir(), "emulator-admin-key-test-"));
const outside = mkdtempSync(path.join(tmpdir(), "emulator-admin-key-outside-"));
afterAll(() => {
  rmSync(stateDir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const emulator = withEmulator({ stateDir });
const json = (body: unknown) => ({
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("admin key", () => {
  const keyed: Array<[string, string]> = [
    ["GET", "/_emulator/settings"],
    ["GET", "/_emulator/knobs"],
    ["PATCH", "/_emulator/knobs"],
    ["GET", "/_emulator/log"],
    ["POST", "/_emulator/snapshot"],
    ["PUT", "/_emulator/snapshot"],
    ["POST", "/_emulator/reset"],
    ["POST", "/_emulator/cycles"],
    ["GET", "/_emulator/metrics"],
  ];

  it.each(keyed)("%s %s answers 401 without the key and reveals no secret", async (method, p) => {
    const reply = await emulator.request(method, p, { adminKey: false });
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("AdminKeyRequired");
    expect(reply.body.error.message).toContain("x-entra-cts-admin-key");
    const text = JSON.stringify(reply.body);
    expect(text).not.toContain(emulator.settings.adminKey);
    for (const tenant of emulator.settings.tenants) expect(text).not.toContain(tenant.clientSecret);
  });

  it("answers 401 to a wrong key of the right length, and does nothing", async () => {
    const wrong = emulator.settings.adminKey.replace(/^./, (c) => (c === "A" ? "B" : "A"));
    emulator.emulator.world.tenants[0].users.pop();
    const reply = await emulator.request("POST", "/_emulator/reset", {
      adminKey: false,
      headers: { "x-entra-cts-admin-key": wrong },
    });
    expect(reply.status).toBe(401);
    expect(emulator.emulator.world.tenants[0].users).toHaveLength(40);
  });

  it("serves the routes with the key, and health without it", async () => {
    expect((await emulator.request("GET", "/_emulator/settings")).body.adminKey).toBe(
      emulator.settings.adminKey,
    );
    expect((await emulator.request("GET", "/_emulator/health", { adminKey: false })).status).toBe(
      200,
    );
  });

  it("is new for every run and printed with the settings", () => {
    expect(emulator.settings.adminKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(settingsAsEnv(emulator.settings).ENTRA_CTS_ADMIN_KEY).toBe(emulator.settings.adminKey);
  });
});

describe("snapshot paths", () => {
  it("saves and restores a path relative to the state directory", async () => {
    const saved = await emulator.request("POST", "/_emulator/snapshot", json({ path: "w.json" }));
    expect(saved.status).toBe(200);
    expect(existsSync(path.join(stateDir, "w.json"))).toBe(true);
    const restored = await emulator.request("PUT", "/_emulator/snapshot", json({ path: "w.json" }));
    expect(restored.status).toBe(204);
  });

  it.each([
    ["a parent path", () => "../escaped.json"],
    ["a nested parent path", () => "sub/../../escaped.json"],
    ["an absolute path outside", () => path.join(outside, "escaped.json")],
  ])("refuses to write %s", async (_what, requested) => {
    const reply = await emulator.request(
      "POST",
      "/_emulator/snapshot",
      json({ path: requested() }),
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/outside the emulator's state directory/);
    expect(existsSync(path.join(outside, "escaped.json"))).toBe(false);
    expect(existsSync(path.join(path.dirname(stateDir), "escaped.json"))).toBe(false);
  });

  it("refuses to read a file outside, also through a symbolic link", async () => {
    const secretFile = path.join(outside, "secret.json");
    writeFileSync(secretFile, "{}");
    const direct = await emulator.request("PUT", "/_emulator/snapshot", json({ path: secretFile }));
    expect(direct.status).toBe(400);
    mkdirSync(path.join(stateDir, "links"), { recursive: true });
    symlinkSync(secretFile, path.join(stateDir, "links", "secret.json"));
    const linked = await emulator.request(
      "PUT",
      "/_emulator/snapshot",
      json({ path: "links/secret.json" }),
    );
    expect(linked.status).toBe(400);
    expect(linked.body.error.message).toMatch(/leads outside the emulator's state directory/);
    // Writing through the link would overwrite the file it points to.
    const written = await emulator.request(
      "POST",
      "/_emulator/snapshot",
      json({ path: "links/secret.json" }),
    );
    expect(written.status).toBe(400);
  });
});
