import type * as pulumi from "@pulumi/pulumi";
import { CLOUDS } from "../graph/clouds";
import { cloudOf, tenantCredentialProblem, type ProviderSettings } from "../graph/settings";

/** The tenants of a configuration and its cross-cloud option, as SyncConfiguration takes them. */
export interface CloudPair {
  sourceTenantId: string;
  targetTenantId: string;
  crossCloud?: boolean;
}

/**
 * Check-time refusals for a pair's clouds, made from settings alone (no Graph call,
 * decisions/0130): a tenant no configured credential can sign in to, a pair in two clouds
 * without the cross-cloud option (Graph would answer ExternalTenantNotFound at the test
 * connection), and the option on a pair in one cloud.
 */
export function pairCloudFailures(
  resource: string,
  settings: ProviderSettings,
  pair: CloudPair,
): pulumi.dynamic.CheckFailure[] {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  for (const property of ["sourceTenantId", "targetTenantId"] as const) {
    const problem = tenantCredentialProblem(settings, pair[property]);
    if (problem) failures.push({ property, reason: `${resource}: ${problem}` });
  }
  const source = cloudOf(settings, pair.sourceTenantId);
  const target = cloudOf(settings, pair.targetTenantId);
  if (source !== target && pair.crossCloud !== true) {
    failures.push({
      property: "crossCloud",
      reason:
        `${resource}: the source tenant is in the ${source} cloud and the target tenant in the ` +
        `${target} cloud: set crossCloud: true (the admin center's "Setup cross-tenant ` +
        `synchronization across Microsoft clouds"). Cross-cloud synchronization needs ` +
        `allowedCloudEndpoints in both tenants (CloudSettings) and the target's cross-cloud ` +
        `enablement for ${CLOUDS[source].displayName}.`,
    });
  }
  if (source === target && pair.crossCloud === true) {
    failures.push({
      property: "crossCloud",
      reason:
        `${resource}: crossCloud is true, but both tenants are in the ${source} cloud. Remove ` +
        `crossCloud, or set the tenant's cloud with entra-cts:tenants.<tenantId>.cloud if one ` +
        `of them lives in another cloud.`,
    });
  }
  return failures;
}
