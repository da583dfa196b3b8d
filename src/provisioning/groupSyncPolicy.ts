/**
 * The one cross-tenant access setting the planner reads itself: whether the target's partner
 * configuration for the source allows inbound group sync (beta groupSyncInbound). Everything else
 * about whether a cycle may run is the emulator's cycle gate (src/emulator/provisioning/policyGate).
 */
import type { TenantState } from "../emulator/world/types";

/** Documented code (decisions/reference/graph-cts.md §8.2). */
export const CROSS_TENANT_SYNC_POLICY_CHECK_FAILURE =
  "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure";

/** Inbound group sync (beta groupSyncInbound) on the target's partner configuration for the source. */
export function targetAllowsGroupSync(source: TenantState, target: TenantState): boolean {
  const partner = target.crossTenantAccessPolicy.partners.find(
    (candidate) => candidate.tenantId.toLowerCase() === source.id.toLowerCase(),
  );
  const groupSync = partner?.identitySynchronization?.groupSyncInbound as
    { isSyncAllowed?: unknown } | null | undefined;
  return groupSync?.isSyncAllowed === true;
}
