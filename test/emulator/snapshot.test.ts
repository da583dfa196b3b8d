/**
 * Snapshots: save and restore programmatically and through the admin API, restore at start,
 * and rebinding of run-specific credentials when a snapshot moves to another emulator run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { startEmulator } from "../../src/emulator";
import { route } from "../../src/emulator/http/route";
import {
  CONTOSO_USERS,
  DEFAULT_SOURCE_TENANT_ID,
  FEDERATED_SUBJECT,
} from "../../src/emulator/fixtures/defaultWorld";
import { withEmulator } from "../harness/emulator";

const probe = route("GET", "/emulatorProbe/userCount", ["Policy.Read.All"], (ctx) => ({
  status: 200,
  body: { count: ctx.tenant.users.length, names: ctx.tenant.users.map((user) => user.displayName) },
}));

const dir = mkdtempSync(path.join(tmpdir(), "emulator-snapshot-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The state dir is the test's folder: the admin API reads and writes snapshots only inside it.
const emulator = withEmulator({ extraRoutes: [probe], stateDir: dir });
beforeEach(() => emulator.emulator.reset());

const userCount = async () =>
  (await emulator.graphFetch("source", "GET", "/emulatorProbe/userCount")).body.count;
const contoso = () =>
  emulator.emulator.world.tenants.find((t) => t.id === DEFAULT_SOURCE_TENANT_ID)!;

describe("programmatic snapshots", () => {
  it("round-trips the world through a file", async () => {
    const file = path.join(dir, "round-trip.json");
    contoso().users = contoso().users.filter((user) => user.id !== CONTOSO_USERS.adele);
    const before = JSON.stringify(emulator.emulator.world);
    await emulator.emulator.saveSnapshot(file);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({
      format: "entra-cts-emulator-snapshot",
      version: 1,
    });

    emulator.emulator.reset();
    expect(await userCount()).toBe(41);
    await emulator.emulator.loadSnapshot(file);
    expect(JSON.stringify(emulator.emulator.world)).toBe(before);
    expect(await userCount()).toBe(40);
  });

  it("refuses a file that is not a snapshot, leaving the world as it was", async () => {
    const file = path.join(dir, "not-a-snapshot.json");
    writeFileSync(file, JSON.stringify({ tenants: [] }));
    await expect(emulator.emulator.loadSnapshot(file)).rejects.toThrow(
      /^Failed to restore snapshot from .*not-a-snapshot\.json/,
    );
    await expect(emulator.emulator.loadSnapshot(path.join(dir, "missing.json"))).rejects.toThrow(
      /Failed to restore snapshot/,
    );
    expect(await userCount()).toBe(41);
  });
});

describe("admin API snapshots", () => {
  it("POST returns the snapshot and saves it when given a path; PUT restores it", async () => {
    const file = path.join(dir, "admin.json");
    contoso().users.pop();
    const saved = await emulator.request("POST", "/_emulator/snapshot", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: file }),
    });
    expect(saved.status).toBe(200);
    expect(saved.body.world.tenants).toHaveLength(2);
    expect(JSON.parse(readFileSync(file, "utf8")).world).toEqual(saved.body.world);

    emulator.emulator.reset();
    const fromFile = await emulator.request("PUT", "/_emulator/snapshot", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: file }),
    });
    expect(fromFile.status).toBe(204);
    expect(await userCount()).toBe(40);

    emulator.emulator.reset();
    const fromBody = await emulator.request("PUT", "/_emulator/snapshot", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify(saved.body),
    });
    expect(fromBody.status).toBe(204);
    expect(await userCount()).toBe(40);
  });

  it("answers 400 with a remedy for a bad restore request", async () => {
    const reply = await emulator.request("PUT", "/_emulator/snapshot", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ world: {} }),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/^Failed to restore a snapshot: send/);
  });
});

describe("snapshots across emulator runs", () => {
  it("fails to start from a missing snapshot file and leaves no server behind", async () => {
    const { createServer } = await import("node:net");
    const bind = (port: number) =>
      new Promise<number>((resolve, reject) => {
        const server = createServer();
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          const bound = (server.address() as { port: number }).port;
          server.close(() => resolve(bound));
        });
      });
    const port = await bind(0);
    await expect(
      startEmulator({ port, snapshotFile: path.join(dir, "does-not-exist.json") }),
    ).rejects.toThrow(/^Failed to restore snapshot from .*does-not-exist\.json/);
    await expect(bind(port)).resolves.toBe(port);
  });

  it("restores at start, rebinds this run's issuer and certificate, and reset() returns to the snapshot", async () => {
    const file = path.join(dir, "portable.json");
    contoso().users.pop();
    await emulator.emulator.saveSnapshot(file);

    const second = await startEmulator({ snapshotFile: file, extraRoutes: [probe] });
    try {
      const caller = second.world.tenants[0].callers[0];
      expect(caller.federatedCredentials[0].issuer).toBe(second.settings.githubIssuer);
      expect(second.settings.githubIssuer).not.toBe(emulator.settings.githubIssuer);
      expect(caller.certificates).toHaveLength(1);
      expect(caller.certificates[0]).not.toBe(
        emulator.emulator.world.tenants[0].callers[0].certificates[0],
      );
      expect(second.world.tenants[0].users).toHaveLength(40);

      // The federated credential from the snapshot works against the new run's issuer.
      const assertion = await second.mintGitHubToken(FEDERATED_SUBJECT);
      const { Agent, fetch } = await import("undici");
      const agent = new Agent({ connect: { ca: second.settings.caCertPem } });
      const reply = await fetch(
        `${second.settings.authorityHost}/${DEFAULT_SOURCE_TENANT_ID}/oauth2/v2.0/token`,
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({
            grant_type: "client_credentials",
            client_id: caller.appId,
            client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            client_assertion: assertion,
            scope: "https://graph.microsoft.com/.default",
          }).toString(),
          dispatcher: agent,
        },
      );
      expect(reply.status).toBe(200);
      await agent.close();

      second.world.tenants[0].users.length = 0;
      second.reset();
      expect(second.world.tenants[0].users).toHaveLength(40);
    } finally {
      await second.stop();
    }
  });
});
