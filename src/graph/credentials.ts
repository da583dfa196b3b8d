import * as fs from "node:fs";
import {
  AzureCliCredential,
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  type AccessToken,
  type TokenCredential,
} from "@azure/identity";
import type { CredentialSpec, ProviderSettings } from "./settings";

/** Audience GitHub (and Entra's federated credentials) use for token exchange. */
const FEDERATION_AUDIENCE = "api://AzureADTokenExchange";
const PUBLIC_AUTHORITY = "https://login.microsoftonline.com";

/** Which kind of credential a spec produced, for messages (never the secret itself). */
export type CredentialKind =
  | "clientSecret"
  | "clientCertificate"
  | "federatedToken"
  | "federatedTokenFile"
  | "githubActionsOidc"
  | "azureCli";

export interface ResolvedCredential {
  kind: CredentialKind;
  credential: TokenCredential;
}

async function requestGitHubToken(url: string, bearer: string): Promise<string> {
  const separator = url.includes("?") ? "&" : "?";
  const response = await fetch(
    `${url}${separator}audience=${encodeURIComponent(FEDERATION_AUDIENCE)}`,
    {
      headers: { Authorization: `bearer ${bearer}`, Accept: "application/json" },
    },
  );
  if (!response.ok) {
    throw new Error(
      `Failed to get a GitHub Actions OIDC token: ${response.status}. ` +
        "Give the workflow `permissions: id-token: write`.",
    );
  }
  const body = (await response.json()) as { value?: string };
  if (!body.value) throw new Error("Failed to get a GitHub Actions OIDC token: empty response.");
  return body.value;
}

/** Renew this long before expiry, as MSAL does, so no request leaves with a dying token. */
const RENEW_BEFORE_MS = 5 * 60_000;

interface TokenSlot {
  token?: AccessToken;
  pending?: Promise<AccessToken | null>;
}

/**
 * Tokens per (authority, tenant, client, scope) for the whole provider process. Concurrent first
 * calls share one request (single flight): a fleet refresh starts many reads per tenant at once,
 * and each used to fetch its own token. Module state, never serialized (decisions/0040).
 */
const tokenSlots = new Map<string, TokenSlot>();

function singleFlight(key: string, credential: TokenCredential): TokenCredential {
  return {
    async getToken(scopes, options) {
      const slotKey = `${key}|${[scopes].flat().join(" ")}`;
      let slot = tokenSlots.get(slotKey);
      if (!slot) tokenSlots.set(slotKey, (slot = {}));
      const fresh = slot.token && slot.token.expiresOnTimestamp - Date.now() > RENEW_BEFORE_MS;
      if (fresh) return slot.token!;
      let pending = slot.pending;
      if (!pending) {
        const current = slot;
        pending = current.pending = credential.getToken(scopes, options).then(
          (token) => {
            current.pending = undefined;
            if (token) current.token = token;
            return token;
          },
          (error: unknown) => {
            current.pending = undefined;
            throw error;
          },
        );
      }
      return pending;
    },
  };
}

/** Forgets every cached token (tests, and a configure with new settings). */
export function clearTokenCache(): void {
  tokenSlots.clear();
}

/**
 * The credential for one tenant, behind the process-wide single-flight token cache keyed by
 * authority, tenant and client (the Azure CLI has no client: its key says so).
 */
export function createCredential(
  tenantId: string,
  spec: CredentialSpec,
  settings: ProviderSettings,
  // The authority of the tenant's own cloud (decisions/0130); the default cloud's otherwise.
  authorityHost: string = settings.authorityHost,
): ResolvedCredential {
  const resolved = buildCredential(tenantId, spec, settings, authorityHost);
  const client = resolved.kind === "azureCli" ? "azure-cli" : spec.clientId;
  const key = `${authorityHost}|${tenantId.toLowerCase()}|${client}|${resolved.kind}`;
  return { ...resolved, credential: singleFlight(key, resolved.credential) };
}

/**
 * Builds the @azure/identity credential for one tenant. Instance discovery is turned off for any
 * authority other than Microsoft's public one (national clouds, the emulator), as MSAL otherwise
 * asks login.microsoft.com about it.
 */
function buildCredential(
  tenantId: string,
  spec: CredentialSpec,
  settings: ProviderSettings,
  // The authority of the tenant's own cloud (decisions/0130); the default cloud's otherwise.
  authorityHost: string = settings.authorityHost,
): ResolvedCredential {
  const ca = settings.caFile ? fs.readFileSync(settings.caFile, "utf8") : undefined;
  const options = {
    authorityHost,
    disableInstanceDiscovery: authorityHost !== PUBLIC_AUTHORITY,
    ...(ca ? { tlsOptions: { ca } } : {}),
  };
  const { clientId } = spec;
  const federated = spec.oidcToken ?? spec.oidcTokenFilePath ?? spec.oidcRequestUrl;
  if (clientId && spec.clientSecret && !(spec.useOidc && federated)) {
    return {
      kind: "clientSecret",
      credential: new ClientSecretCredential(tenantId, clientId, spec.clientSecret, options),
    };
  }
  if (clientId && spec.clientCertificatePath && !(spec.useOidc && federated)) {
    return {
      kind: "clientCertificate",
      credential: new ClientCertificateCredential(
        tenantId,
        clientId,
        {
          certificatePath: spec.clientCertificatePath,
          certificatePassword: spec.clientCertificatePassword,
        },
        options,
      ),
    };
  }
  if (clientId && spec.oidcToken) {
    const token = spec.oidcToken;
    return {
      kind: "federatedToken",
      credential: new ClientAssertionCredential(tenantId, clientId, async () => token, options),
    };
  }
  if (clientId && spec.oidcTokenFilePath) {
    const file = spec.oidcTokenFilePath;
    return {
      kind: "federatedTokenFile",
      credential: new ClientAssertionCredential(
        tenantId,
        clientId,
        async () => (await fs.promises.readFile(file, "utf8")).trim(),
        options,
      ),
    };
  }
  if (clientId && spec.oidcRequestUrl && spec.oidcRequestToken) {
    const url = spec.oidcRequestUrl;
    const bearer = spec.oidcRequestToken;
    return {
      kind: "githubActionsOidc",
      credential: new ClientAssertionCredential(
        tenantId,
        clientId,
        () => requestGitHubToken(url, bearer),
        options,
      ),
    };
  }
  if (spec.useCli !== false) {
    // Last resort, as with Pulumi's azuread provider: the signed-in Azure CLI user.
    return { kind: "azureCli", credential: new AzureCliCredential({ tenantId }) };
  }
  throw new Error(
    `No credential for tenant ${tenantId}: set entra-cts:clientId with entra-cts:clientSecret ` +
      "(pulumi config set --secret), a certificate, or OIDC; or AZURE_CLIENT_ID/AZURE_CLIENT_SECRET; " +
      "or sign in with the Azure CLI.",
  );
}
