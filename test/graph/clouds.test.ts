import { parseCloudName } from "../../src/graph/clouds";
import {
  endpointsFor,
  resolveSettings,
  tenantCredentialProblem,
  type ConfigLookup,
} from "../../src/graph/settings";
import { pairCloudFailures } from "../../src/provider/clouds";
import { configure, resetRuntime, sessionFor } from "../../src/provider/runtime";

const COMMERCIAL = "2f7e4b1a-8c3d-4e5f-9a6b-1c2d3e4f5a60";
const GOVERNMENT = "9c5d131d-b1c3-4fc4-9e3f-c6557947d551";

const lookup =
  (config: Record<string, unknown>): ConfigLookup =>
  (key) =>
    config[key];

/** A stack with one tenant in the public cloud and one in US Government, each with its app. */
const twoClouds = {
  "entra-cts:clientId": "commercial-app",
  "entra-cts:clientSecret": "commercial-secret",
  "entra-cts:tenants": {
    [GOVERNMENT]: { cloud: "usgovernment", clientId: "gov-app", clientSecret: "gov-secret" },
  },
};

describe("per-tenant clouds", () => {
  it("gives each tenant its own cloud's authority, Graph and token scope", () => {
    const settings = resolveSettings(lookup(twoClouds), {});
    expect(endpointsFor(settings, COMMERCIAL)).toEqual({
      cloud: "public",
      graphUrl: "https://graph.microsoft.com",
      authorityHost: "https://login.microsoftonline.com",
      graphScope: "https://graph.microsoft.com/.default",
    });
    expect(endpointsFor(settings, GOVERNMENT.toUpperCase())).toEqual({
      cloud: "usgovernment",
      graphUrl: "https://graph.microsoft.us",
      authorityHost: "https://login.microsoftonline.us",
      graphScope: "https://graph.microsoft.us/.default",
    });
    // `cloud` says where the tenant is; it is not part of how the tenant signs in.
    expect(settings.tenants[GOVERNMENT]).toEqual({
      clientId: "gov-app",
      clientSecret: "gov-secret",
    });
  });

  it("asks for the tenant's own cloud's Graph scope in the provider's sessions", () => {
    resetRuntime();
    configure({ config: { get: (key) => (twoClouds as Record<string, unknown>)[key] } }, {});
    try {
      expect(sessionFor(COMMERCIAL).scope).toBe("https://graph.microsoft.com/.default");
      expect(sessionFor(GOVERNMENT).scope).toBe("https://graph.microsoft.us/.default");
    } finally {
      resetRuntime();
    }
  });

  it("takes the default cloud from ARM_ENVIRONMENT, then from AZURE_AUTHORITY_HOST", () => {
    const gov = resolveSettings(lookup({}), { ARM_ENVIRONMENT: "usgovernment" });
    expect(endpointsFor(gov, COMMERCIAL).graphScope).toBe("https://graph.microsoft.us/.default");
    const china = resolveSettings(lookup({}), {
      AZURE_AUTHORITY_HOST: "https://login.chinacloudapi.cn/",
    });
    expect(endpointsFor(china, COMMERCIAL)).toMatchObject({
      cloud: "china",
      graphUrl: "https://microsoftgraph.chinacloudapi.cn",
      graphScope: "https://microsoftgraph.chinacloudapi.cn/.default",
    });
    // Terraform's spelling of the same environment.
    expect(resolveSettings(lookup({}), { ARM_ENVIRONMENT: "AzureUSGovernment" }).defaultCloud).toBe(
      "usgovernment",
    );
  });

  it("keeps the scope of the tenant's cloud when its endpoints are overridden (the emulator)", () => {
    const settings = resolveSettings(
      lookup({
        ...twoClouds,
        "entra-cts:clouds": JSON.stringify({
          usgovernment: {
            graphUrl: "https://127.0.0.1:9002/",
            authorityHost: "https://127.0.0.1:9002",
          },
        }),
      }),
      { ENTRA_CTS_GRAPH_URL: "https://127.0.0.1:9001" },
    );
    expect(endpointsFor(settings, GOVERNMENT)).toEqual({
      cloud: "usgovernment",
      graphUrl: "https://127.0.0.1:9002",
      authorityHost: "https://127.0.0.1:9002",
      graphScope: "https://graph.microsoft.us/.default",
    });
    expect(endpointsFor(settings, COMMERCIAL).graphUrl).toBe("https://127.0.0.1:9001");
  });

  it("reads a tenant's cloud from the emulator's variables", () => {
    const settings = resolveSettings(lookup({}), {
      ENTRA_CTS_TARGET_TENANT_ID: GOVERNMENT,
      ENTRA_CTS_TARGET_CLIENT_ID: "gov-app",
      ENTRA_CTS_TARGET_CLOUD: "usgovernment",
      ENTRA_CTS_USGOVERNMENT_AUTHORITY_HOST: "https://127.0.0.1:9002",
    });
    expect(endpointsFor(settings, GOVERNMENT)).toMatchObject({
      cloud: "usgovernment",
      authorityHost: "https://127.0.0.1:9002",
    });
  });
});

describe("bad cloud input", () => {
  it("refuses an unknown cloud name, naming the setting and the valid names", () => {
    expect(() =>
      resolveSettings(lookup({ "entra-cts:tenants": { [GOVERNMENT]: { cloud: "germany" } } }), {}),
    ).toThrow(
      `entra-cts:tenants.${GOVERNMENT}.cloud is "germany", which is not a Microsoft cloud: use one of "public", "usgovernment", "china".`,
    );
    expect(() => resolveSettings(lookup({}), { ARM_ENVIRONMENT: "moon" })).toThrow(
      /^ARM_ENVIRONMENT is "moon"/,
    );
    expect(() => parseCloudName("usgov", "entra-cts:cloud")).toThrow(/entra-cts:cloud/);
  });

  it("refuses a tenant in another cloud that only the default credential could sign in to", () => {
    const settings = resolveSettings(
      lookup({
        "entra-cts:clientId": "commercial-app",
        "entra-cts:clientSecret": "commercial-secret",
        "entra-cts:tenants": { [GOVERNMENT]: { cloud: "usgovernment" } },
      }),
      {},
    );
    expect(tenantCredentialProblem(settings, COMMERCIAL)).toBeUndefined();
    const problem = tenantCredentialProblem(settings, GOVERNMENT);
    expect(problem).toMatch(/is in the usgovernment cloud/);
    expect(problem).toContain(`entra-cts:tenants.${GOVERNMENT}.clientId`);
    expect(problem).not.toContain("commercial-secret");
    // And the provider refuses to build a session for it rather than send a public-cloud token.
    resetRuntime();
    configure(
      {
        config: {
          get: (key) =>
            ({
              "entra-cts:clientId": "commercial-app",
              "entra-cts:clientSecret": "commercial-secret",
              "entra-cts:tenants": { [GOVERNMENT]: { cloud: "usgovernment" } },
            })[key],
        },
      },
      {},
    );
    try {
      expect(() => sessionFor(GOVERNMENT)).toThrow(/is in the usgovernment cloud/);
    } finally {
      resetRuntime();
    }
    expect(tenantCredentialProblem(resolveSettings(lookup(twoClouds), {}), GOVERNMENT)).toBe(
      undefined,
    );
  });
});

describe("a pair's clouds at check time", () => {
  const settings = resolveSettings(lookup(twoClouds), {});
  const pair = { sourceTenantId: COMMERCIAL, targetTenantId: GOVERNMENT };

  it("needs crossCloud for a pair in two clouds", () => {
    const failures = pairCloudFailures("SyncConfiguration", settings, pair);
    expect(failures).toEqual([
      {
        property: "crossCloud",
        reason: expect.stringMatching(
          /source tenant is in the public cloud and the target tenant in the usgovernment cloud: set crossCloud: true/,
        ),
      },
    ]);
    expect(pairCloudFailures("SyncConfiguration", settings, { ...pair, crossCloud: true })).toEqual(
      [],
    );
  });

  it("refuses crossCloud on a pair in one cloud", () => {
    const sameCloud = {
      sourceTenantId: COMMERCIAL,
      targetTenantId: COMMERCIAL.replace("2f", "3f"),
    };
    expect(
      pairCloudFailures("SyncConfiguration", settings, { ...sameCloud, crossCloud: true }),
    ).toEqual([
      {
        property: "crossCloud",
        reason: expect.stringMatching(
          /crossCloud is true, but both tenants are in the public cloud/,
        ),
      },
    ]);
    expect(pairCloudFailures("SyncConfiguration", settings, sameCloud)).toEqual([]);
  });
});
