/**
 * The CLI as a user runs it: a child process that prints KEY=value settings, serves until
 * SIGTERM, and works with a plain HTTPS client that trusts the printed CA file.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { runCli, startCli } from "./helpers/cli";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary Graph JSON
type Json = any;

/** Plain node:https with the printed CA file: what any client of the emulator can do. */
function httpsJson(
  url: string,
  ca: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: Json }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? "GET", headers: options.headers, ca },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

async function token(env: Record<string, string>, role: "SOURCE" | "TARGET"): Promise<string> {
  const ca = readFileSync(env.ENTRA_CTS_CA_FILE, "utf8");
  const reply = await httpsJson(
    `${env.ENTRA_CTS_AUTHORITY_HOST}/${env[`ENTRA_CTS_${role}_TENANT_ID`]}/oauth2/v2.0/token`,
    ca,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: env[`ENTRA_CTS_${role}_CLIENT_ID`],
        client_secret: env[`ENTRA_CTS_${role}_CLIENT_SECRET`],
        scope: "https://graph.microsoft.com/.default",
      }).toString(),
    },
  );
  expect(reply.status).toBe(200);
  return reply.body.access_token;
}

describe("entra-cts-emulator CLI", () => {
  it("prints the settings, serves Graph to a plain HTTPS client and exits cleanly on SIGTERM", async () => {
    const cli = await startCli();
    try {
      expect(cli.env.ENTRA_CTS_GRAPH_URL).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(cli.env.ENTRA_CTS_AUTHORITY_HOST).toBe(cli.env.ENTRA_CTS_GRAPH_URL);
      expect(cli.env.NODE_EXTRA_CA_CERTS).toBe(cli.env.ENTRA_CTS_CA_FILE);
      expect(readFileSync(cli.env.ENTRA_CTS_CA_FILE, "utf8")).toMatch(
        /^-----BEGIN CERTIFICATE-----/,
      );
      const ca = readFileSync(cli.env.ENTRA_CTS_CA_FILE, "utf8");

      const partners = await httpsJson(
        `${cli.env.ENTRA_CTS_GRAPH_URL}/v1.0/policies/crossTenantAccessPolicy/partners`,
        ca,
        { headers: { authorization: `Bearer ${await token(cli.env, "TARGET")}` } },
      );
      expect(partners.status).toBe(200);
      expect(partners.body.value).toEqual([]);

      // NODE_EXTRA_CA_CERTS in a child process is the other documented way to trust the CA.
      const viaEnv = spawnSync(
        process.execPath,
        [
          "-e",
          `require("node:https").get(process.argv[1], (r) => { console.log(r.statusCode); r.resume(); })`,
          `${cli.env.ENTRA_CTS_GRAPH_URL}/_emulator/health`,
        ],
        {
          env: { ...process.env, NODE_EXTRA_CA_CERTS: cli.env.ENTRA_CTS_CA_FILE },
          encoding: "utf8",
        },
      );
      expect(viaEnv.stdout.trim()).toBe("200");
    } finally {
      cli.child.kill("SIGTERM");
    }
    expect(await cli.exit).toBe(0);
    expect(cli.stderr()).toContain("stopped (SIGTERM)");
    // The temp state dir (CA, client certificate) is removed on exit.
    expect(existsSync(cli.env.ENTRA_CTS_CA_FILE)).toBe(false);
  });

  it("honours --port, --state-dir, --knobs and --snapshot (saved on exit, restored next start)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "emulator-cli-test-"));
    const snapshot = path.join(dir, "world.json");
    const port = await freePort();
    try {
      const first = await startCli([
        "--port",
        String(port),
        "--state-dir",
        dir,
        "--snapshot",
        snapshot,
        "--knobs",
        '{"seed": 9, "throttleNext": [{"count": 1}]}',
      ]);
      expect(first.env.ENTRA_CTS_GRAPH_URL).toBe(`https://127.0.0.1:${port}`);
      expect(first.env.ENTRA_CTS_CA_FILE).toBe(path.join(dir, "emulator-ca.pem"));
      const ca = readFileSync(first.env.ENTRA_CTS_CA_FILE, "utf8");
      const knobs = await httpsJson(`${first.env.ENTRA_CTS_ADMIN_URL}/knobs`, ca, {
        headers: { "x-entra-cts-admin-key": first.env.ENTRA_CTS_ADMIN_KEY },
      });
      expect(knobs.body).toMatchObject({ seed: 9, throttleNext: [{ count: 1 }] });
      const bearer = { authorization: `Bearer ${await token(first.env, "SOURCE")}` };
      const partnersUrl = `${first.env.ENTRA_CTS_GRAPH_URL}/v1.0/policies/crossTenantAccessPolicy/partners`;
      expect((await httpsJson(partnersUrl, ca, { headers: bearer })).status).toBe(429);
      const created = await httpsJson(partnersUrl, ca, {
        method: "POST",
        headers: { ...bearer, "content-type": "application/json" },
        body: JSON.stringify({ tenantId: first.env.ENTRA_CTS_TARGET_TENANT_ID }),
      });
      expect(created.status).toBe(201);
      first.child.kill("SIGINT");
      expect(await first.exit).toBe(0);
      expect(existsSync(first.env.ENTRA_CTS_CA_FILE)).toBe(true); // a given state dir is kept
      expect(JSON.parse(readFileSync(snapshot, "utf8")).format).toBe("entra-cts-emulator-snapshot");

      const second = await startCli(["--snapshot", snapshot]);
      try {
        const ca2 = readFileSync(second.env.ENTRA_CTS_CA_FILE, "utf8");
        const listed = await httpsJson(
          `${second.env.ENTRA_CTS_GRAPH_URL}/v1.0/policies/crossTenantAccessPolicy/partners`,
          ca2,
          {
            headers: { authorization: `Bearer ${await token(second.env, "SOURCE")}` },
          },
        );
        expect(listed.body.value.map((p: { tenantId: string }) => p.tenantId)).toEqual([
          second.env.ENTRA_CTS_TARGET_TENANT_ID,
        ]);
      } finally {
        second.child.kill("SIGTERM");
      }
      expect(await second.exit).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("prints help, and refuses bad flags with exit code 2", () => {
    const help = runCli(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: entra-cts-emulator/);
    const bad = runCli(["--knobs", '{"faults":[{"status":500}]}']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Failed to read knob settings/);
    const unknown = runCli(["--bogus"]);
    expect(unknown.status).toBe(2);
    const interval = runCli(["--cycle-interval", "0"]);
    expect(interval.status).toBe(2);
    expect(interval.stderr).toMatch(/--cycle-interval must be a number of seconds above 0/);
  });
});

async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
