import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { settingsAsEnv } from "../../src/emulator";
import { PROVIDER_ROLES } from "../../src/emulator/fixtures/callers";
import { Engine } from "../harness/engine";
import { ProviderHost } from "../harness/providerHost";
import { withEmulator } from "../harness/emulator";

const emulator = withEmulator();
const CREDENTIAL_ENV = /^(AZURE_|ARM_|ACTIONS_ID_TOKEN_|ENTRA_CTS_|NODE_EXTRA_CA_CERTS)/;
const cleanEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([key]) => !CREDENTIAL_ENV.test(key)));

/** Endpoints only: where Graph and the authority are, and which CA to trust. */
function endpointConfig(): Record<string, string> {
  return {
    "entra-cts:graphUrl": emulator.settings.graphUrl,
    "entra-cts:authorityHost": emulator.settings.authorityHost,
    "entra-cts:caFile": emulator.settings.caCertPath,
    "entra-cts:operationTimeoutSeconds": "10",
  };
}

/** Creates and deletes a partner in the tenant: proof the credential works there. */
async function exercise(host: ProviderHost, tenantRole: "source" | "target"): Promise<void> {
  const engine = new Engine(host);
  const tenant = emulator.tenant(tenantRole).tenantId;
  const partner = emulator.tenant(tenantRole === "source" ? "target" : "source").tenantId;
  const created = await engine.create("PartnerPolicy", `p-${tenantRole}`, {
    tenantId: tenant,
    partnerTenantId: partner,
  });
  await engine.delete(created);
}

async function withHost(
  options: { config?: Record<string, string>; env?: NodeJS.ProcessEnv },
  use: (host: ProviderHost) => Promise<void>,
) {
  const host = await ProviderHost.start({
    config: options.config ?? {},
    env: { ...cleanEnv(), ...options.env },
  });
  try {
    await use(host);
  } finally {
    await host.stop();
  }
}

describe("credentials", () => {
  afterEach(() => emulator.emulator.reset());

  it("signs in with a client certificate from stack config", async () => {
    const source = emulator.tenant("source");
    const tenants = {
      [source.tenantId]: {
        clientId: source.clientId,
        clientCertificatePath: source.clientCertificatePath,
      },
    };
    await withHost(
      { config: { ...endpointConfig(), "entra-cts:tenants": JSON.stringify(tenants) } },
      (host) => exercise(host, "source"),
    );
  });

  it("signs in with a federated token from a workload-identity token file", async () => {
    const source = emulator.tenant("source");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "entra-cts-")), "token");
    fs.writeFileSync(file, await emulator.emulator.mintGitHubToken(source.federatedSubject!));
    const tenants = { [source.tenantId]: { clientId: source.clientId, oidcTokenFilePath: file } };
    await withHost(
      { config: { ...endpointConfig(), "entra-cts:tenants": JSON.stringify(tenants) } },
      (host) => exercise(host, "source"),
    );
  });

  it("signs in from GitHub Actions' OIDC variables and the emulator's environment alone, with no stack config", async () => {
    const source = emulator.tenant("source");
    const env = {
      ...settingsAsEnv(emulator.settings),
      // Only the source's app id: the token comes from GitHub's (emulated) token service.
      ENTRA_CTS_SOURCE_CLIENT_SECRET: "",
      AZURE_CLIENT_ID: source.clientId,
      ACTIONS_ID_TOKEN_REQUEST_URL: `${emulator.settings.githubIssuer}/token?subject=${encodeURIComponent(source.federatedSubject!)}`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "runner-token",
    };
    delete (env as Record<string, string>).ENTRA_CTS_SOURCE_TENANT_ID;
    await withHost({ env }, (host) => exercise(host, "source"));
  });

  it("uses one multi-tenant app for every tenant", async () => {
    const app = {
      appId: "0c5f2d7e-6a1b-4c3d-8e9f-a0b1c2d3e4f5",
      secret: "multi-tenant-app-local-secret",
    };
    for (const tenant of emulator.emulator.world.tenants) {
      tenant.callers.push({
        appId: app.appId,
        displayName: "identity-platform",
        roles: [...PROVIDER_ROLES],
        secrets: [app.secret],
        certificates: [],
        federatedCredentials: [],
        servicePrincipalId: `5a5a5a5a-0000-4000-8000-${tenant.id.slice(-12)}`,
      });
    }
    const config = {
      ...endpointConfig(),
      "entra-cts:clientId": app.appId,
      "entra-cts:clientSecret": app.secret,
    };
    await withHost({ config }, async (host) => {
      await exercise(host, "source");
      await exercise(host, "target");
    });
  });

  it("fails fast with what to configure when no credential works", async () => {
    const source = emulator.tenant("source");
    const config = {
      ...endpointConfig(),
      "entra-cts:tenants": JSON.stringify({
        [source.tenantId]: { clientId: source.clientId, clientSecret: "wrong-secret-value" },
      }),
    };
    await withHost({ config }, async (host) => {
      const started = Date.now();
      const failure = exercise(host, "source");
      await expect(failure).rejects.toThrow(
        /AuthenticationRequiredError.*AADSTS7000215.*Configure a credential for tenant/s,
      );
      await expect(failure).rejects.not.toThrow(/wrong-secret-value/);
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });

  it("says to set the CA file when the emulator's certificate is not trusted", async () => {
    const source = emulator.tenant("source");
    const { ["entra-cts:caFile"]: _ca, ...withoutCa } = endpointConfig();
    const tenants = {
      [source.tenantId]: { clientId: source.clientId, clientSecret: source.clientSecret },
    };
    await withHost(
      { config: { ...withoutCa, "entra-cts:tenants": JSON.stringify(tenants) } },
      async (host) => {
        await expect(exercise(host, "source")).rejects.toThrow(/entra-cts:caFile/);
      },
    );
  });
});
