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

import {
  CLOUD_NAMES,
  CLOUDS,
  cloudOfAuthorityHost,
  parseCloudName,
  type CloudEndpoints,
  type CloudName,
} from "./clouds";

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
  /** Graph root without version of the default cloud, e.g. https://graph.microsoft.com. */
  graphUrl: string;
  /** Token authority of the default cloud, e.g. https://login.microsoftonline.com. */
  authorityHost: string;
  /**
   * The cloud of tenants without `entra-cts:tenants.<tenantId>.cloud`, and of the default
   * credential: entra-cts:cloud, else ARM_ENVIRONMENT, else the cloud of AZURE_AUTHORITY_HOST.
   */
  defaultCloud: CloudName;
  /** Endpoints in force per cloud: Microsoft's, or overrides (entra-cts:clouds, the emulator). */
  clouds: Record<CloudName, CloudEndpoints>;
  /** Tenants whose cloud was set, keyed by tenant id (lower case). */
  tenantClouds: Record<string, CloudName>;
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
      ...(env[`ENTRA_CTS_${label}_CLOUD`] ? { cloud: env[`ENTRA_CTS_${label}_CLOUD`] } : {}),
    } as CredentialSpec;
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
  const defaultCloud = defaultCloudOf(get("cloud"), env);
  const cloud = CLOUDS[defaultCloud];
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
  const graphUrl = stripSlash(
    firstDefined(get("graphUrl"), env.ENTRA_CTS_GRAPH_URL) ?? cloud.graphUrl,
  );
  const authorityHost = stripSlash(
    firstDefined(get("authorityHost"), env.ENTRA_CTS_AUTHORITY_HOST, env.AZURE_AUTHORITY_HOST) ??
      cloud.authorityHost,
  );
  const clouds = cloudEndpoints(config("entra-cts:clouds"), env);
  clouds[defaultCloud] = { graphUrl, authorityHost };
  const { tenants, tenantClouds } = splitTenantClouds({
    // Stack config comes first: an app set there is not overridden by the emulator's variables.
    ...(get("clientId") ? {} : tenantsFromEnv(env)),
    ...tenantsFromConfig(config("entra-cts:tenants")),
  });
  return {
    graphUrl,
    authorityHost,
    defaultCloud,
    clouds,
    tenantClouds,
    caFile: firstDefined(get("caFile"), env.ENTRA_CTS_CA_FILE),
    operationTimeoutInMs:
      (Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_SECONDS) * 1000,
    defaultCredential,
    tenants,
  };
}

/**
 * The default cloud: entra-cts:cloud, else ARM_ENVIRONMENT (as the azuread provider reads it),
 * else the cloud whose authority AZURE_AUTHORITY_HOST names (as @azure/identity reads it).
 * A name that is not a cloud is an error, not a silent fall-back to the public cloud.
 */
function defaultCloudOf(configured: string | undefined, env: NodeJS.ProcessEnv): CloudName {
  if (configured) return parseCloudName(configured, "entra-cts:cloud");
  if (env.ARM_ENVIRONMENT) return parseCloudName(env.ARM_ENVIRONMENT, "ARM_ENVIRONMENT");
  if (env.AZURE_AUTHORITY_HOST) return cloudOfAuthorityHost(env.AZURE_AUTHORITY_HOST) ?? "public";
  return "public";
}

/**
 * Endpoints of every cloud: Microsoft's, replaced by `entra-cts:clouds.<cloud>.graphUrl` /
 * `.authorityHost` or `ENTRA_CTS_<CLOUD>_GRAPH_URL` / `_AUTHORITY_HOST` (the emulator serves
 * each cloud it holds on its own origin).
 */
function cloudEndpoints(raw: unknown, env: NodeJS.ProcessEnv): Record<CloudName, CloudEndpoints> {
  const configured: Record<string, Partial<CloudEndpoints>> = {};
  if (raw !== undefined && raw !== null && raw !== "") {
    const parsed: unknown = typeof raw === "string" ? safeJson(raw) : raw;
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw new Error(
        "entra-cts:clouds must be a JSON object keyed by cloud name, e.g. " +
          '{"usgovernment": {"graphUrl": "...", "authorityHost": "..."}}.',
      );
    }
    for (const [name, endpoints] of Object.entries(parsed as Record<string, unknown>)) {
      configured[parseCloudName(name, `A key of entra-cts:clouds`)] = (endpoints ??
        {}) as Partial<CloudEndpoints>;
    }
  }
  const result = {} as Record<CloudName, CloudEndpoints>;
  for (const name of CLOUD_NAMES) {
    const prefix = `ENTRA_CTS_${name.toUpperCase()}`;
    result[name] = {
      graphUrl: stripSlash(
        firstDefined(configured[name]?.graphUrl, env[`${prefix}_GRAPH_URL`]) ??
          CLOUDS[name].graphUrl,
      ),
      authorityHost: stripSlash(
        firstDefined(configured[name]?.authorityHost, env[`${prefix}_AUTHORITY_HOST`]) ??
          CLOUDS[name].authorityHost,
      ),
    };
  }
  return result;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Takes `cloud` out of each tenant's entry: it says where the tenant is, not how to sign in. */
function splitTenantClouds(entries: Record<string, CredentialSpec & { cloud?: unknown }>): {
  tenants: Record<string, CredentialSpec>;
  tenantClouds: Record<string, CloudName>;
} {
  const tenants: Record<string, CredentialSpec> = {};
  const tenantClouds: Record<string, CloudName> = {};
  for (const [tenantId, entry] of Object.entries(entries)) {
    const { cloud, ...spec } = entry;
    if (cloud !== undefined && cloud !== "") {
      tenantClouds[tenantId] = parseCloudName(String(cloud), `entra-cts:tenants.${tenantId}.cloud`);
    }
    tenants[tenantId] = spec;
  }
  return { tenants, tenantClouds };
}

/** Where a tenant is and how to reach its Graph. */
export interface TenantEndpoints extends CloudEndpoints {
  cloud: CloudName;
  /** The scope its tokens are requested with (the cloud's Graph resource). */
  graphScope: string;
}

/** The cloud of a tenant: its own `cloud` setting, else the default cloud. */
export function cloudOf(settings: ProviderSettings, tenantId: string): CloudName {
  return settings.tenantClouds[tenantId.toLowerCase()] ?? settings.defaultCloud;
}

export function endpointsFor(settings: ProviderSettings, tenantId: string): TenantEndpoints {
  const cloud = cloudOf(settings, tenantId);
  return { cloud, ...settings.clouds[cloud], graphScope: CLOUDS[cloud].graphScope };
}

/**
 * Why no credential can sign in to a tenant's cloud, or undefined. An app registration lives
 * in one cloud, so the default credential (entra-cts:clientId, AZURE_*, ARM_*) serves only the
 * default cloud; a tenant in another cloud needs an app of its own (decisions/0130).
 */
export function tenantCredentialProblem(
  settings: ProviderSettings,
  tenantId: string,
): string | undefined {
  const key = tenantId.toLowerCase();
  const cloud = cloudOf(settings, key);
  if (cloud === settings.defaultCloud) return undefined;
  const own = settings.tenants[key];
  if (own?.clientId || own?.useCli) return undefined;
  return (
    `Tenant ${key} is in the ${cloud} cloud (entra-cts:tenants.${key}.cloud), but the only ` +
    `credential configured is the default one, which signs in to the ${settings.defaultCloud} ` +
    `cloud. Give the tenant an app of its own in ${CLOUDS[cloud].displayName}: ` +
    `pulumi config set --path 'entra-cts:tenants.${key}.clientId' <appId> and ` +
    `pulumi config set --secret --path 'entra-cts:tenants.${key}.clientSecret' <secret>.`
  );
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
