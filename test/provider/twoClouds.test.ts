import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { withEmulator, type EmulatorHarness } from "../harness/emulator";
import { Engine } from "../harness/engine";
import { ProviderHost } from "../harness/providerHost";

/**
 * One stack, two clouds: Contoso in the public cloud (one emulator), Fabrikam in US Government
 * (a second emulator standing for that cloud). Each tenant's token must be asked for with its
 * own cloud's Graph scope, at its own cloud's authority.
 */
const commercial = withEmulator();
const government = withEmulator({ cloud: "usgovernment" });

const PUBLIC_SCOPE = "https://graph.microsoft.com/.default";
const GOVERNMENT_SCOPE = "https://graph.microsoft.us/.default";
const CREDENTIAL_ENV = /^(AZURE_|ARM_|ACTIONS_ID_TOKEN_|ENTRA_CTS_)/;

let host: ProviderHost | undefined;
let engine: Engine;
let stateDir: string;

const contoso = () => commercial.tenant("source");
const fabrikam = () => government.tenant("target");

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), "two-clouds-"));
  // One CA file trusting both emulators: a PEM file may hold several certificates.
  const caFile = path.join(stateDir, "ca.pem");
  await writeFile(caFile, `${commercial.settings.caCertPem}\n${government.settings.caCertPem}`);
  const config = {
    "entra-cts:graphUrl": commercial.settings.graphUrl,
    "entra-cts:authorityHost": commercial.settings.authorityHost,
    "entra-cts:clouds": JSON.stringify({
      usgovernment: {
        graphUrl: government.settings.graphUrl,
        authorityHost: government.settings.authorityHost,
      },
    }),
    "entra-cts:caFile": caFile,
    "entra-cts:tenants": JSON.stringify({
      [contoso().tenantId]: { clientId: contoso().clientId, clientSecret: contoso().clientSecret },
      [fabrikam().tenantId]: {
        cloud: "usgovernment",
        clientId: fabrikam().clientId,
        clientSecret: fabrikam().clientSecret,
      },
    }),
    "entra-cts:operationTimeoutSeconds": "20",
  };
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !CREDENTIAL_ENV.test(key)),
  );
  host = await ProviderHost.start({ config, env });
  engine = new Engine(host);
}, 30_000);
afterAll(async () => {
  await host?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

function requests(emulator: EmulatorHarness, tenantId: string) {
  return emulator.emulator.requestLog.list().filter((entry) => entry.tenantId === tenantId);
}

describe("a stack with tenants in two clouds", () => {
  it("asks each cloud's authority for a token for that cloud's Graph, and nothing of the other", async () => {
    commercial.emulator.requestLog.clear();
    government.emulator.requestLog.clear();
    const source = contoso().tenantId;
    const target = fabrikam().tenantId;
    const targetSide = await engine.create("PartnerPolicy", "fabrikam-accepts-contoso", {
      tenantId: target,
      partnerTenantId: source,
      automaticUserConsentInbound: true,
      userSyncInbound: true,
    });
    const sourceSide = await engine.create("PartnerPolicy", "contoso-sends-to-fabrikam", {
      tenantId: source,
      partnerTenantId: target,
      automaticUserConsentOutbound: true,
    });

    const publicTokens = requests(commercial, source).filter((e) => e.kind === "token");
    expect(publicTokens.map((e) => [e.status, e.scope])).toEqual([[200, PUBLIC_SCOPE]]);
    const governmentTokens = requests(government, target).filter((e) => e.kind === "token");
    expect(governmentTokens.map((e) => [e.status, e.scope])).toEqual([[200, GOVERNMENT_SCOPE]]);
    // Each tenant's Graph calls went to its own cloud only.
    expect(requests(commercial, source).some((e) => e.kind === "graph")).toBe(true);
    expect(requests(government, target).some((e) => e.kind === "graph")).toBe(true);
    expect(requests(commercial, target)).toEqual([]);
    expect(requests(government, source)).toEqual([]);

    await engine.delete(sourceSide);
    await engine.delete(targetSide);
  });
});

describe("an emulator standing for one cloud", () => {
  async function tokenReply(emulator: EmulatorHarness, scope: string) {
    const tenant = emulator.tenant("target");
    return emulator.request("POST", `/${tenant.tenantId}/oauth2/v2.0/token`, {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: tenant.clientId,
        client_secret: tenant.clientSecret,
        scope,
      }).toString(),
    });
  }

  it("refuses a token request for another cloud's Graph with AADSTS70011", async () => {
    const reply = await tokenReply(government, PUBLIC_SCOPE);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ error: "invalid_scope", error_codes: [70011] });
    expect(reply.body.error_description).toContain(`Use ${GOVERNMENT_SCOPE}`);
  });

  it("refuses at its Graph a token issued for the other cloud", async () => {
    const publicToken = (await tokenReply(commercial, PUBLIC_SCOPE)).body.access_token as string;
    const reply = await government.request(
      "GET",
      "/v1.0/policies/crossTenantAccessPolicy/partners",
      {
        headers: { authorization: `Bearer ${publicToken}` },
      },
    );
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("InvalidAuthenticationToken");
    // And its own cloud's token is accepted there.
    const ownToken = (await tokenReply(government, GOVERNMENT_SCOPE)).body.access_token as string;
    const own = await government.request("GET", "/v1.0/policies/crossTenantAccessPolicy/partners", {
      headers: { authorization: `Bearer ${ownToken}` },
    });
    expect(own.status).toBe(200);
  });
});
