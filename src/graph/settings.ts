/**
 * Where the provider's Graph settings and credentials come from, resolved at run time inside the
 * provider process (never captured into the serialized provider, never written to state):
 * 1. stack config under the `entra-cts` namespace (`pulumi config set --secret entra-cts:clientSecret ...`),
 * 2. the emulator's variables (`ENTRA_CTS_*`, as `entra-cts-emulator` prints them),
 * 3. `AZURE_*` as @azure/identity reads them, then `ARM_*` as Pulumi's azuread users have them,
 * 4. GitHub Actions OIDC (`ACTIONS_ID_TOKEN_REQUEST_*`), a workload-identity token file,
 * 5. the Azure CLI.
 * One multi-tenant app for all tenants (the default credential) or one app per tenant
 * (`entra-cts:tenants` or `ENTRA_CTS_<LABEL>_TENANT_ID` + `_CLIENT_ID` + `_CLIENT_SECRET`).
 */

/** How to authenticate to one tenant. The first usable method wins, in the order listed. */
export interface CredentialSpec {
  clientId?: string;
  clientSecret?: string;
  /** Path of a PEM file holding the certificate and its private key. */
  clientCertificatePath?: string;
  clientCertificatePassword?: string;
  /** A federated token (e.g. GitHub's ID token) passed directly. */
  oidcToken?: string;
  /** A file holding a federated token (workload identity). */
  oidcTokenFilePath?: string;
  /** GitHub Actions' token request endpoint and bearer token. */
  oidcRequestUrl?: string;
  oidcRequestToken?: string;
  /** Use federated credentials (ARM_USE_OIDC) even when a secret is also present. */
  useOidc?: boolean;
  /** Use the Azure CLI's login. */
  useCli?: boolean;
}

export interface ProviderSettings {
  /** Graph root without version, e.g. https://graph.microsoft.com. */
  graphUrl: string;
  /** Token authority, e.g. https://login.microsoftonline.com. */
  authorityHost: string;
  /** Extra CA certificate file (PEM) to trust, e.g. the emulator's. */
  caFile?: string;
  /** Deadline for one resource operation, retries and consistency waits included. */
  operationTimeoutInMs: number;
  /** Credential used for tenants without their own entry. */
  defaultCredential: CredentialSpec;
  /** Per-tenant credentials, keyed by tenant id (lower case). */
  tenants: Record<string, CredentialSpec>;
}

/**
 * Reads a stack config value. Structured values (set with `pulumi config set --path`) arrive as
 * objects, plain ones as strings.
 */
export type ConfigLookup = (key: string) => unknown;

const CLOUDS: Record<string, { graphUrl: string; authorityHost: string }> = {
  public: {
    graphUrl: "https://graph.microsoft.com",
    authorityHost: "https://login.microsoftonline.com",
  },
  usgovernment: {
    graphUrl: "https://graph.microsoft.us",
    authorityHost: "https://login.microsoftonline.us",
  },
  china: {
    graphUrl: "https://microsoftgraph.chinacloudapi.cn",
    authorityHost: "https://login.chinacloudapi.cn",
  },
};

const DEFAULT_TIMEOUT_SECONDS = 300;

function firstDefined(...values: Array<string | undefined>): string | undefined {
  return values.find((value) => value !== undefined && value !== "");
}

function truthy(value: string | undefined): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  return /^(1|true|yes)$/i.test(value);
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** Per-tenant credentials from `entra-cts:tenants` (JSON object keyed by tenant id). */
function tenantsFromConfig(raw: unknown): Record<string, CredentialSpec> {
  if (raw === undefined || raw === null || raw === "") return {};
  let parsed: unknown = raw;
  try {
    if (typeof raw === "string") parsed = JSON.parse(raw);
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
      throw new Error("not an object");
  } catch {
    throw new Error(
      "entra-cts:tenants must be a JSON object keyed by tenant id, e.g. " +
        '{"<tenantId>": {"clientId": "...", "clientSecret": "..."}}. Set it with ' +
        "`pulumi config set --secret --path 'entra-cts:tenants.<tenantId>.clientSecret' ...`.",
    );
  }
  const result: Record<string, CredentialSpec> = {};
  for (const [tenantId, spec] of Object.entries(parsed as Record<string, CredentialSpec>)) {
    result[tenantId.toLowerCase()] = spec;
  }
  return result;
}

/** Per-tenant credentials from `ENTRA_CTS_<LABEL>_TENANT_ID`, `_CLIENT_ID`, `_CLIENT_SECRET`. */
function tenantsFromEnv(env: NodeJS.ProcessEnv): Record<string, CredentialSpec> {
  const result: Record<string, CredentialSpec> = {};
  for (const [name, tenantId] of Object.entries(env)) {
    const match = /^ENTRA_CTS_([A-Z0-9_]+)_TENANT_ID$/.exec(name);
    if (!match || !tenantId) continue;
    const label = match[1];
    result[tenantId.toLowerCase()] = {
      clientId: env[`ENTRA_CTS_${label}_CLIENT_ID`],
      clientSecret: env[`ENTRA_CTS_${label}_CLIENT_SECRET`],
      clientCertificatePath: env[`ENTRA_CTS_${label}_CLIENT_CERTIFICATE_PATH`],
    };
  }
  return result;
}

/** Resolves the provider settings from stack config and the environment. */
export function resolveSettings(config: ConfigLookup, env: NodeJS.ProcessEnv): ProviderSettings {
  const text = (key: string): string | undefined => {
    const value = config(`entra-cts:${key}`);
    return value === undefined || value === null ? undefined : String(value);
  };
  const get = text;
  const cloud = CLOUDS[(env.ARM_ENVIRONMENT ?? "public").toLowerCase()] ?? CLOUDS.public;
  const timeout = Number(
    firstDefined(get("operationTimeoutSeconds"), env.ENTRA_CTS_OPERATION_TIMEOUT_SECONDS),
  );
  const defaultCredential: CredentialSpec = {
    clientId: firstDefined(get("clientId"), env.AZURE_CLIENT_ID, env.ARM_CLIENT_ID),
    clientSecret: firstDefined(get("clientSecret"), env.AZURE_CLIENT_SECRET, env.ARM_CLIENT_SECRET),
    clientCertificatePath: firstDefined(
      get("clientCertificatePath"),
      env.AZURE_CLIENT_CERTIFICATE_PATH,
      env.ARM_CLIENT_CERTIFICATE_PATH,
    ),
    clientCertificatePassword: firstDefined(
      get("clientCertificatePassword"),
      env.AZURE_CLIENT_CERTIFICATE_PASSWORD,
      env.ARM_CLIENT_CERTIFICATE_PASSWORD,
    ),
    oidcToken: firstDefined(get("oidcToken"), env.ARM_OIDC_TOKEN),
    oidcTokenFilePath: firstDefined(
      get("oidcTokenFilePath"),
      env.ARM_OIDC_TOKEN_FILE_PATH,
      env.AZURE_FEDERATED_TOKEN_FILE,
    ),
    oidcRequestUrl: firstDefined(env.ARM_OIDC_REQUEST_URL, env.ACTIONS_ID_TOKEN_REQUEST_URL),
    oidcRequestToken: firstDefined(env.ARM_OIDC_REQUEST_TOKEN, env.ACTIONS_ID_TOKEN_REQUEST_TOKEN),
    useOidc: truthy(firstDefined(get("useOidc"), env.ARM_USE_OIDC)),
    useCli: truthy(firstDefined(get("useCli"), env.ARM_USE_CLI)),
  };
  return {
    graphUrl: stripSlash(firstDefined(get("graphUrl"), env.ENTRA_CTS_GRAPH_URL) ?? cloud.graphUrl),
    authorityHost: stripSlash(
      firstDefined(get("authorityHost"), env.ENTRA_CTS_AUTHORITY_HOST, env.AZURE_AUTHORITY_HOST) ??
        cloud.authorityHost,
    ),
    caFile: firstDefined(get("caFile"), env.ENTRA_CTS_CA_FILE),
    operationTimeoutInMs:
      (Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_SECONDS) * 1000,
    defaultCredential,
    tenants: {
      // Stack config comes first: an app set there is not overridden by the emulator's variables.
      ...(get("clientId") ? {} : tenantsFromEnv(env)),
      ...tenantsFromConfig(config("entra-cts:tenants")),
    },
  };
}

/** The credential spec for a tenant: its own entry, else the default one. */
export function credentialSpecFor(settings: ProviderSettings, tenantId: string): CredentialSpec {
  const own = settings.tenants[tenantId.toLowerCase()];
  if (!own) return settings.defaultCredential;
  // What is not tied to one app (federated tokens from the CI system, the Azure CLI) still
  // applies to a tenant that names its own app.
  const { oidcToken, oidcTokenFilePath, oidcRequestUrl, oidcRequestToken, useOidc, useCli } =
    settings.defaultCredential;
  const ambient = {
    oidcToken,
    oidcTokenFilePath,
    oidcRequestUrl,
    oidcRequestToken,
    useOidc,
    useCli,
  };
  const defined = (spec: CredentialSpec) =>
    Object.fromEntries(
      Object.entries(spec).filter(([, value]) => value !== undefined && value !== ""),
    );
  return { ...defined(ambient), ...defined(own) };
}
