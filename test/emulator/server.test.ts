/**
 * The server around the Graph handlers: TLS on loopback, discovery documents, the Graph front's
 * 401/403/400 answers and its headers. A probe route (extraRoutes) stands in for real handlers.
 */
import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { connect } from "node:tls";
import { SignJWT, createLocalJWKSet, decodeJwt, generateKeyPair, jwtVerify } from "jose";
import { networkInterfaces } from "node:os";
import { Socket } from "node:net";
import { route, type GraphRoute } from "../../src/emulator/http/route";
import {
  DEFAULT_SOURCE_TENANT_ID,
  CONTOSO_CALLERS,
} from "../../src/emulator/fixtures/defaultWorld";
import { withEmulator } from "../harness/emulator";

const probe: GraphRoute[] = [
  route("GET", "/emulatorProbe/echo", ["Policy.Read.All"], (ctx) => ({
    status: 200,
    body: {
      "@odata.context": `${ctx.graphBaseUrl}/$metadata#emulatorProbe`,
      tenant: ctx.tenant.id,
      caller: ctx.caller.appId,
      query: ctx.query.get("q"),
    },
  })),
  route("POST", "/emulatorProbe/echo", ["Policy.Read.All"], (ctx) => ({
    status: 201,
    body: { got: ctx.body },
  })),
  route("GET", "/emulatorProbe/privileged", ["Directory.ReadWrite.All"], () => ({
    status: 200,
    body: {},
  })),
  route("GET", "/emulatorProbe/servicePrincipals/:id", ["Policy.Read.All"], (ctx) => ({
    status: 200,
    body: { id: ctx.params.id },
  })),
];

let nowMs = Date.now();
const emulator = withEmulator({ extraRoutes: probe, clock: () => nowMs });

async function secretToken(
  tenantId: string,
  clientId: string,
  clientSecret: string,
): Promise<string> {
  const reply = await emulator.request("POST", `/${tenantId}/oauth2/v2.0/token`, {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
      scope: "https://graph.microsoft.com/.default",
    }).toString(),
  });
  expect(reply.status).toBe(200);
  return reply.body.access_token;
}

describe("TLS", () => {
  it("serves a certificate for 127.0.0.1 and localhost, written to the CA file", async () => {
    const { caCertPath, caCertPem, graphUrl } = emulator.settings;
    expect(readFileSync(caCertPath, "utf8")).toBe(caCertPem);
    const certificate = new X509Certificate(caCertPem);
    expect(certificate.subjectAltName).toContain("IP Address:127.0.0.1");
    expect(certificate.subjectAltName).toContain("DNS:localhost");
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(graphUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // The served certificate is the CA file's and verifies against it.
    const port = Number(new URL(graphUrl).port);
    const served = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: "127.0.0.1", port, ca: caCertPem }, () => {
        resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? "");
        socket.end();
      });
      socket.on("error", reject);
    });
    expect(served).toBe(certificate.fingerprint256);
  });

  it("is refused by a client that does not trust the CA", async () => {
    const port = Number(new URL(emulator.settings.graphUrl).port);
    const error = await new Promise<Error>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port }, () => resolve(new Error("connected")));
      socket.on("error", resolve);
    });
    expect(error.message).toMatch(/self[- ]signed/i);
  });
});

describe("token authority discovery", () => {
  it("advertises issuer, token, authorize and JWKS endpoints on its own origin", async () => {
    const origin = emulator.settings.authorityHost;
    const reply = await emulator.request(
      "GET",
      `/${DEFAULT_SOURCE_TENANT_ID}/v2.0/.well-known/openid-configuration`,
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      issuer: `${origin}/${DEFAULT_SOURCE_TENANT_ID}/v2.0`,
      token_endpoint: `${origin}/${DEFAULT_SOURCE_TENANT_ID}/oauth2/v2.0/token`,
      authorization_endpoint: `${origin}/${DEFAULT_SOURCE_TENANT_ID}/oauth2/v2.0/authorize`,
      jwks_uri: `${origin}/${DEFAULT_SOURCE_TENANT_ID}/discovery/v2.0/keys`,
    });
  });

  it("resolves a domain to the tenant GUID", async () => {
    const reply = await emulator.request(
      "GET",
      "/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration",
    );
    expect(reply.status).toBe(200);
    expect(reply.body.token_endpoint).toContain(`/${DEFAULT_SOURCE_TENANT_ID}/oauth2/v2.0/token`);
  });

  it("answers AADSTS90002 for an unknown tenant", async () => {
    const reply = await emulator.request(
      "GET",
      "/nowhere.example/v2.0/.well-known/openid-configuration",
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error_codes).toEqual([90002]);
    expect(reply.body.error_description).toMatch(
      /^AADSTS90002: Tenant 'nowhere.example' not found/,
    );
  });

  it("serves the v1 document, instance discovery and a JWKS whose key verifies issued tokens", async () => {
    const v1 = await emulator.request(
      "GET",
      `/${DEFAULT_SOURCE_TENANT_ID}/.well-known/openid-configuration`,
    );
    expect(v1.body.token_endpoint).toMatch(/\/oauth2\/token$/);
    const instance = await emulator.request("GET", "/common/discovery/instance?api-version=1.1");
    expect(instance.body["api-version"]).toBe("1.1");
    const keys = await emulator.request("GET", `/${DEFAULT_SOURCE_TENANT_ID}/discovery/v2.0/keys`);
    expect(keys.body.keys).toHaveLength(1);
    const token = await emulator.token("source");
    const { payload } = await jwtVerify(token, createLocalJWKSet(keys.body), {
      audience: "https://graph.microsoft.com",
      issuer: `https://sts.windows.net/${DEFAULT_SOURCE_TENANT_ID}/`,
    });
    expect(payload.tid).toBe(DEFAULT_SOURCE_TENANT_ID);
  });
});

describe("Graph front", () => {
  it("routes an authenticated request with tenant and caller from the token", async () => {
    const reply = await emulator.graphFetch("source", "GET", "/emulatorProbe/echo?q=x");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      "@odata.context": `${emulator.settings.graphUrl}/v1.0/$metadata#emulatorProbe`,
      tenant: DEFAULT_SOURCE_TENANT_ID,
      caller: CONTOSO_CALLERS.cts.appId,
      query: "x",
    });
    const beta = await emulator.graphFetch("source", "GET", "/beta/emulatorProbe/echo");
    expect(beta.body["@odata.context"]).toBe(
      `${emulator.settings.graphUrl}/beta/$metadata#emulatorProbe`,
    );
  });

  it("issues a request-id and echoes client-request-id", async () => {
    const token = await emulator.token("source");
    const reply = await emulator.request("GET", "/v1.0/emulatorProbe/echo", {
      headers: { authorization: `Bearer ${token}`, "client-request-id": "my-correlation-1" },
    });
    expect(reply.headers["client-request-id"]).toBe("my-correlation-1");
    expect(reply.headers["request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.headers["x-ms-ags-diagnostic"]).toContain("ServerInfo");
  });

  it("answers 401 'Access token is empty.' without a bearer token", async () => {
    const reply = await emulator.request("GET", "/v1.0/emulatorProbe/echo");
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("InvalidAuthenticationToken");
    expect(reply.body.error.message).toBe("Access token is empty.");
    expect(reply.body.error.innerError["request-id"]).toBe(reply.headers["request-id"]);
    expect(reply.headers["www-authenticate"]).toMatch(/^Bearer /);
  });

  it("answers 401 for a malformed token", async () => {
    const reply = await emulator.request("GET", "/v1.0/emulatorProbe/echo", {
      headers: { authorization: "Bearer not-a-jwt" },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toBe("CompactToken parsing failed with error code: 80049217");
  });

  it("answers 401 for a token signed by another key", async () => {
    const real = decodeJwt(await emulator.token("source"));
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(real).setProtectedHeader({ alg: "RS256" }).sign(privateKey);
    const reply = await emulator.request("GET", "/v1.0/emulatorProbe/echo", {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toBe("Access token validation failure. Invalid signature.");
  });

  it("answers 401 once the token has expired on the emulator clock", async () => {
    const token = await secretToken(
      DEFAULT_SOURCE_TENANT_ID,
      CONTOSO_CALLERS.cts.appId,
      CONTOSO_CALLERS.cts.clientSecret,
    );
    const ok = await emulator.request("GET", "/v1.0/emulatorProbe/echo", {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(ok.status).toBe(200);
    const started = nowMs;
    nowMs += 3600 * 1000;
    try {
      const reply = await emulator.request("GET", "/v1.0/emulatorProbe/echo", {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(reply.status).toBe(401);
      expect(reply.body.error.message).toBe("Lifetime validation failed, the token is expired.");
    } finally {
      nowMs = started;
    }
  });

  it("answers 403 Authorization_RequestDenied when the token lacks the route's roles", async () => {
    const auditor = await secretToken(
      DEFAULT_SOURCE_TENANT_ID,
      CONTOSO_CALLERS.auditor.appId,
      CONTOSO_CALLERS.auditor.clientSecret,
    );
    const allowed = await emulator.request("GET", "/v1.0/emulatorProbe/echo", {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(allowed.status).toBe(200);
    const denied = await emulator.request("GET", "/v1.0/emulatorProbe/privileged", {
      headers: { authorization: `Bearer ${auditor}` },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe("Authorization_RequestDenied");
    const provider = await emulator.graphFetch("source", "GET", "/emulatorProbe/privileged");
    expect(provider.status).toBe(200);
  });

  it("answers 400 for a malformed JSON body and passes a good one to the handler", async () => {
    const token = await emulator.token("source");
    const bad = await emulator.request("POST", "/v1.0/emulatorProbe/echo", {
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("BadRequest");
    const good = await emulator.graphFetch("source", "POST", "/emulatorProbe/echo", { a: [1, 2] });
    expect(good.status).toBe(201);
    expect(good.body).toEqual({ got: { a: [1, 2] } });
  });

  it("accepts the OData key form percent-encoded", async () => {
    const reply = await emulator.graphFetch(
      "source",
      "GET",
      "/emulatorProbe/servicePrincipals(appId=%27abc%27)",
    );
    expect(reply.status).toBe(200);
    expect(reply.body.id).toBe("appId='abc'");
  });

  it("answers 404 with a hint outside Graph, the authority and the admin API", async () => {
    const reply = await emulator.request("GET", "/v2.0/whatever/else");
    expect(reply.status).toBe(404);
    expect(reply.body.error_description).toMatch(/^Failed to route GET \/v2.0\/whatever\/else/);
  });

  it("binds to 127.0.0.1 only", async () => {
    const port = Number(new URL(emulator.settings.graphUrl).port);
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address && address.family === "IPv4" && !address.internal);
    // Without a non-loopback interface there is nothing else to reach; loopback must still work.
    const host = external?.address ?? "127.0.0.1";
    const outcome = await new Promise<string>((resolve) => {
      const socket = new Socket();
      socket.once("connect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      socket.connect(port, host);
    });
    expect(outcome).toBe(external ? "ECONNREFUSED" : "connected");
  });
});
