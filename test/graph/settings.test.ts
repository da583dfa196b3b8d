import { credentialSpecFor, resolveSettings } from "../../src/graph/settings";

const T1 = "2f7e4b1a-8c3d-4e5f-9a6b-1c2d3e4f5a60";
const T2 = "9c5d131d-b1c3-4fc4-9e3f-c6557947d551";

describe("provider settings", () => {
  it("prefers stack config over the environment", () => {
    const config = { "entra-cts:clientId": "from-config", "entra-cts:clientSecret": "s1" };
    const settings = resolveSettings((key) => config[key as keyof typeof config], {
      AZURE_CLIENT_ID: "from-azure",
      ARM_CLIENT_ID: "from-arm",
    });
    expect(settings.defaultCredential.clientId).toBe("from-config");
    expect(settings.defaultCredential.clientSecret).toBe("s1");
  });

  it("falls back from AZURE_* to ARM_*", () => {
    const settings = resolveSettings(() => undefined, {
      ARM_CLIENT_ID: "arm",
      ARM_CLIENT_SECRET: "x",
      ARM_USE_OIDC: "true",
    });
    expect(settings.defaultCredential).toMatchObject({
      clientId: "arm",
      clientSecret: "x",
      useOidc: true,
    });
  });

  it("reads GitHub Actions' OIDC request variables", () => {
    const settings = resolveSettings(() => undefined, {
      AZURE_CLIENT_ID: "app",
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.example/req?x=1",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "bearer",
    });
    expect(settings.defaultCredential).toMatchObject({
      oidcRequestUrl: "https://token.example/req?x=1",
      oidcRequestToken: "bearer",
    });
  });

  it("gives each tenant its own app from config or from the emulator's variables", () => {
    const config = {
      "entra-cts:tenants": JSON.stringify({
        [T1.toUpperCase()]: { clientId: "a1", clientSecret: "s" },
      }),
    };
    const settings = resolveSettings((key) => config[key as keyof typeof config], {
      ENTRA_CTS_TARGET_TENANT_ID: T2,
      ENTRA_CTS_TARGET_CLIENT_ID: "a2",
      ENTRA_CTS_TARGET_CLIENT_SECRET: "s2",
      AZURE_CLIENT_ID: "shared",
    });
    expect(credentialSpecFor(settings, T1).clientId).toBe("a1");
    expect(credentialSpecFor(settings, T2)).toMatchObject({ clientId: "a2", clientSecret: "s2" });
    expect(credentialSpecFor(settings, "00000000-0000-0000-0000-000000000001").clientId).toBe(
      "shared",
    );
  });

  it("explains a malformed entra-cts:tenants value without echoing it", () => {
    const lookup = (key: string) =>
      key === "entra-cts:tenants" ? "{not json secret-value" : undefined;
    expect(() => resolveSettings(lookup, {})).toThrow(/entra-cts:tenants must be a JSON object/);
    expect(() => resolveSettings(lookup, {})).not.toThrow(/secret-value/);
  });

  it("uses national cloud endpoints from ARM_ENVIRONMENT and overrides for the emulator", () => {
    expect(resolveSettings(() => undefined, { ARM_ENVIRONMENT: "usgovernment" })).toMatchObject({
      graphUrl: "https://graph.microsoft.us",
      authorityHost: "https://login.microsoftonline.us",
    });
    expect(
      resolveSettings(() => undefined, {
        ENTRA_CTS_GRAPH_URL: "https://127.0.0.1:9/",
        ENTRA_CTS_CA_FILE: "/tmp/ca.pem",
      }),
    ).toMatchObject({ graphUrl: "https://127.0.0.1:9", caFile: "/tmp/ca.pem" });
  });

  it("takes the operation deadline from config in seconds", () => {
    const settings = resolveSettings(
      (key) => (key === "entra-cts:operationTimeoutSeconds" ? "12" : undefined),
      {},
    );
    expect(settings.operationTimeoutInMs).toBe(12_000);
    expect(resolveSettings(() => undefined, {}).operationTimeoutInMs).toBe(300_000);
  });
});

describe("structured config", () => {
  it("accepts entra-cts:tenants as the object `pulumi config set --path` produces", () => {
    const tenants = { [T1]: { clientId: "a1", clientSecret: "s1" } };
    const settings = resolveSettings(
      (key) => (key === "entra-cts:tenants" ? tenants : undefined),
      {},
    );
    expect(credentialSpecFor(settings, T1)).toMatchObject({ clientId: "a1", clientSecret: "s1" });
  });
});

describe("precedence", () => {
  it("gives a tenant's own app the CI system's OIDC token", () => {
    const config = { "entra-cts:tenants": { [T1]: { clientId: "app-1" } } };
    const settings = resolveSettings((key) => config[key as keyof typeof config], {
      ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.example/req",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "bearer",
    });
    expect(credentialSpecFor(settings, T1)).toMatchObject({
      clientId: "app-1",
      oidcRequestUrl: "https://token.example/req",
      oidcRequestToken: "bearer",
    });
  });

  it("does not let the emulator's variables override an app set in stack config", () => {
    const config = { "entra-cts:clientId": "from-config", "entra-cts:clientSecret": "s" };
    const settings = resolveSettings((key) => config[key as keyof typeof config], {
      ENTRA_CTS_SOURCE_TENANT_ID: T1,
      ENTRA_CTS_SOURCE_CLIENT_ID: "from-emulator",
    });
    expect(credentialSpecFor(settings, T1).clientId).toBe("from-config");
  });
});
