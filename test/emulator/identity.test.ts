/**
 * The real clients against the emulator, the way the provider will use them: @azure/identity's
 * secret, certificate and assertion (GitHub-federated) credentials with the emulator as
 * authorityHost, and @microsoft/microsoft-graph-client over HTTPS. A socket guard proves that
 * nothing leaves loopback (no instance discovery at login.microsoftonline.com).
 */
import { Socket } from "node:net";
import {
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  type TokenCredential,
} from "@azure/identity";
import { Client } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { decodeJwt } from "jose";
import { route } from "../../src/emulator/http/route";
import { FEDERATED_SUBJECT } from "../../src/emulator/fixtures/defaultWorld";
import { withEmulator } from "../harness/emulator";

const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", undefined]);

/** Every host a socket tried to reach; a non-loopback one is refused before it connects. */
const attempted: string[] = [];
const originalConnect = Socket.prototype.connect;

beforeAll(() => {
  Socket.prototype.connect = function guardedConnect(this: Socket, ...args: unknown[]) {
    const [first, second] = args;
    const host =
      typeof first === "object" && first !== null
        ? (first as { path?: string }).path !== undefined
          ? "localhost"
          : (first as { host?: string }).host
        : typeof second === "string"
          ? second
          : undefined;
    attempted.push(String(host));
    if (!LOOPBACK.has(host))
      throw new Error(`identity.test: refused a connection to ${host}; only loopback is allowed.`);
    return (originalConnect as (...a: unknown[]) => Socket).apply(this, args);
  } as typeof Socket.prototype.connect;
});
afterAll(() => {
  Socket.prototype.connect = originalConnect;
});

const emulator = withEmulator({
  extraRoutes: [
    route("GET", "/emulatorProbe/whoami", ["Policy.Read.All"], (ctx) => ({
      status: 200,
      body: { tenant: ctx.tenant.id, appId: ctx.caller.appId },
    })),
  ],
});

/** Options every credential needs against the emulator (decisions/reference/harness-notes.md §4). */
function credentialOptions() {
  return {
    authorityHost: emulator.settings.authorityHost,
    disableInstanceDiscovery: true,
    tlsOptions: { ca: emulator.settings.caCertPem },
  };
}

function graphClient(credential: TokenCredential): Client {
  return Client.initWithMiddleware({
    authProvider: new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] }),
    baseUrl: emulator.settings.graphUrl,
    // Host only, no port: without it the client attaches no token to a non-Microsoft host.
    customHosts: new Set(["127.0.0.1"]),
    // Node's fetch ignores tlsOptions; an undici Agent carries the CA (decisions/0004).
    fetchOptions: { dispatcher: emulator.agent } as RequestInit,
  });
}

function tokenRequestsFor(tenantId: string) {
  return emulator.emulator.requestLog
    .list()
    .filter(
      (entry) =>
        entry.tenantId === tenantId && (entry.kind === "token" || entry.kind === "discovery"),
    );
}

describe("@azure/identity against the emulator", () => {
  it("ClientSecretCredential gets a Graph token after discovery, all on loopback", async () => {
    const source = emulator.tenant("source");
    emulator.emulator.requestLog.clear();
    const credential = new ClientSecretCredential(
      source.tenantId,
      source.clientId,
      source.clientSecret,
      credentialOptions(),
    );
    const token = await credential.getToken(GRAPH_SCOPE);
    expect(decodeJwt(token.token)).toMatchObject({
      tid: source.tenantId,
      appid: source.clientId,
      appidacr: "1",
    });
    expect(token.expiresOnTimestamp - Date.now()).toBeGreaterThan(3500 * 1000);
    const routes = tokenRequestsFor(source.tenantId).map((entry) => entry.routeKey);
    expect(routes).toEqual([
      "GET /{tenant}/v2.0/.well-known/openid-configuration",
      "POST /{tenant}/oauth2/v2.0/token",
    ]);
    // A second call is served from MSAL's cache: the 3599 s lifetime outlives its refresh margin.
    await credential.getToken(GRAPH_SCOPE);
    expect(tokenRequestsFor(source.tenantId)).toHaveLength(2);
  });

  it("ClientSecretCredential accepts the tenant's domain as tenantId", async () => {
    const target = emulator.tenant("target");
    const credential = new ClientSecretCredential(
      target.domain,
      target.clientId,
      target.clientSecret,
      credentialOptions(),
    );
    expect(decodeJwt((await credential.getToken(GRAPH_SCOPE)).token).tid).toBe(target.tenantId);
  });

  it("ClientCertificateCredential signs an assertion with the emulator-issued certificate", async () => {
    const source = emulator.tenant("source");
    const credential = new ClientCertificateCredential(
      source.tenantId,
      source.clientId,
      { certificatePath: source.clientCertificatePath },
      credentialOptions(),
    );
    const token = await credential.getToken(GRAPH_SCOPE);
    expect(decodeJwt(token.token)).toMatchObject({ appid: source.clientId, appidacr: "2" });
  });

  it("ClientAssertionCredential exchanges a GitHub OIDC token (workload identity federation)", async () => {
    const target = emulator.tenant("target");
    expect(target.federatedSubject).toBe(FEDERATED_SUBJECT);
    const credential = new ClientAssertionCredential(
      target.tenantId,
      target.clientId,
      () => emulator.emulator.mintGitHubToken(FEDERATED_SUBJECT),
      credentialOptions(),
    );
    const token = await credential.getToken(GRAPH_SCOPE);
    expect(decodeJwt(token.token)).toMatchObject({ tid: target.tenantId, appidacr: "2" });
  });

  it("surfaces the emulator's AADSTS error for a wrong secret", async () => {
    const source = emulator.tenant("source");
    const credential = new ClientSecretCredential(
      source.tenantId,
      source.clientId,
      "not-the-secret",
      credentialOptions(),
    );
    await expect(credential.getToken(GRAPH_SCOPE)).rejects.toThrow(/AADSTS7000215/);
  });
});

describe("@microsoft/microsoft-graph-client against the emulator", () => {
  it("calls Graph over HTTPS with a token from each credential", async () => {
    const source = emulator.tenant("source");
    const credentials: TokenCredential[] = [
      new ClientSecretCredential(
        source.tenantId,
        source.clientId,
        source.clientSecret,
        credentialOptions(),
      ),
      new ClientCertificateCredential(
        source.tenantId,
        source.clientId,
        { certificatePath: source.clientCertificatePath },
        credentialOptions(),
      ),
      new ClientAssertionCredential(
        source.tenantId,
        source.clientId,
        () => emulator.emulator.mintGitHubToken(FEDERATED_SUBJECT),
        credentialOptions(),
      ),
    ];
    for (const credential of credentials) {
      const whoami = await graphClient(credential).api("/emulatorProbe/whoami").get();
      expect(whoami).toEqual({ tenant: source.tenantId, appId: source.clientId });
    }
  });

  it("lists cross-tenant access partners through the real route", async () => {
    const target = emulator.tenant("target");
    const client = graphClient(
      new ClientSecretCredential(
        target.tenantId,
        target.clientId,
        target.clientSecret,
        credentialOptions(),
      ),
    );
    const partners = await client.api("/policies/crossTenantAccessPolicy/partners").get();
    expect(Array.isArray(partners.value)).toBe(true);
  });

  it("reports Graph errors with their code and request id", async () => {
    const source = emulator.tenant("source");
    const client = graphClient(
      new ClientSecretCredential(
        source.tenantId,
        source.clientId,
        source.clientSecret,
        credentialOptions(),
      ),
    );
    const error = await client
      .api("/emulatorProbe/nothing-here")
      .get()
      .catch((e: unknown) => e as { statusCode: number; code: string; requestId: string });
    expect(error.statusCode).toBe(400);
    expect(error.code).toBe("BadRequest");
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("has a guard that refuses non-loopback hosts", () => {
    const socket = new Socket();
    expect(() => socket.connect(443, "login.microsoftonline.com")).toThrow(
      /refused a connection to login.microsoftonline.com/,
    );
    socket.destroy();
    attempted.pop();
  });

  it("never tried to leave loopback", () => {
    expect(attempted.length).toBeGreaterThan(0);
    expect(
      attempted.filter((host) => !LOOPBACK.has(host === "undefined" ? undefined : host)),
    ).toEqual([]);
  });
});
