import type { EmulatorSettings } from "../../src/emulator";

/**
 * The provider's stack config for an emulator, as a user's `pulumi config` would hold it: the
 * emulator's endpoints and CA, and one app per tenant under `entra-cts:tenants` (a secret).
 */
export function providerConfigFor(settings: EmulatorSettings): Record<string, string> {
  const tenants = Object.fromEntries(
    settings.tenants.map((t) => [
      t.tenantId,
      { clientId: t.clientId, clientSecret: t.clientSecret },
    ]),
  );
  return {
    "entra-cts:graphUrl": settings.graphUrl,
    "entra-cts:authorityHost": settings.authorityHost,
    "entra-cts:caFile": settings.caCertPath,
    "entra-cts:tenants": JSON.stringify(tenants),
    "entra-cts:operationTimeoutSeconds": "30",
  };
}

export const PROVIDER_SECRET_KEYS = ["entra-cts:tenants"];

/** Tenant labels for topology programs: the first label of each tenant's domain. */
export function tenantLabels(settings: EmulatorSettings): Record<string, string> {
  return Object.fromEntries(settings.tenants.map((t) => [t.domain.split(".")[0], t.tenantId]));
}
