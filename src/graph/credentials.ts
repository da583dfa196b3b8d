import * as fs from "node:fs";
import {
  AzureCliCredential,
  ClientAssertionCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
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

/**
 * Builds the @azure/identity credential for one tenant. Instance discovery is turned off for any
 * authority other than Microsoft's public one (national clouds, the emulator), as MSAL otherwise
 * asks login.microsoft.com about it.
 */
export function createCredential(
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
