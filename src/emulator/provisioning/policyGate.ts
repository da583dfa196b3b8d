/**
 * Whether a cycle may run at all: the configuration names a target tenant the emulator knows
 * (CompanyId, AuthenticationType SyncPolicy), and both tenants' cross-tenant access policies allow
 * synchronization right now. A failure carries the synchronizationError the job is quarantined
 * with (decisions/reference/graph-cts.md §5.4 synchronizationError, §8.2; decisions/0051).
 */
import type { TenantState, WorldState } from "../world/types";
import { checkCrossTenantSyncPolicies } from "../graph/synchronization/crossTenantPolicyCheck";
import { findTenant } from "./jobSelection";
import type { SyncSettings } from "../../provisioning/syncSettings";
import {
  CROSS_TENANT_SYNC_POLICY_CHECK_FAILURE,
  targetAllowsGroupSync,
} from "../../provisioning/groupSyncPolicy";

export { CROSS_TENANT_SYNC_POLICY_CHECK_FAILURE, targetAllowsGroupSync };

/** Graph's synchronizationError. */
export interface SynchronizationError {
  code: string;
  message: string;
  tenantActionable: boolean;
}

export type GateResult =
  { ok: true; target: TenantState } | { ok: false; error: SynchronizationError };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Documented codes (decisions/reference/graph-cts.md §8.2). */
export const B2B_MANAGEMENT_POLICY_CHECK_FAILURE = "AzureDirectoryB2BManagementPolicyCheckFailure";

const refuse = (code: string, message: string): GateResult => ({
  ok: false,
  error: { code, message, tenantActionable: true },
});

function credentialsProblem(settings: SyncSettings): GateResult | undefined {
  if (!settings.companyId || !settings.authenticationType) {
    return refuse(
      "CredentialsMissing",
      "The configuration has no saved credentials: CompanyId and AuthenticationType are missing. PUT .../synchronization/secrets with CompanyId (the target tenant id) and AuthenticationType SyncPolicy, then restart the job.",
    );
  }
  if (settings.authenticationType !== "SyncPolicy" || !GUID.test(settings.companyId)) {
    return refuse(
      "InvalidCredentials",
      `The saved credentials are not usable for cross-tenant synchronization (AuthenticationType '${settings.authenticationType}', CompanyId '${settings.companyId}'). Save AuthenticationType SyncPolicy and the target tenant id as CompanyId, then restart the job.`,
    );
  }
  return undefined;
}

/**
 * Checks credentials and policies. A target that withdrew inbound user sync answers the
 * cross-tenant sync policy failure; missing automatic redemption alone answers the B2B management
 * policy failure, whose documented message is "Policy permitting auto-redemption of invitations
 * not configured".
 */
export function checkCycleGate(
  world: WorldState,
  source: TenantState,
  settings: SyncSettings,
): GateResult {
  const problem = credentialsProblem(settings);
  if (problem) return problem;
  const target = findTenant(world, settings.companyId as string);
  if (!target) {
    return refuse(
      "ExternalTenantNotFound",
      `The target tenant '${settings.companyId}' was not found. Check that CompanyId is the target tenant's id.`,
    );
  }
  const failures = checkCrossTenantSyncPolicies(source, target);
  if (failures.length === 0) return { ok: true, target };
  const details = failures.map((failure) => failure.message).join(" ");
  if (failures.some((failure) => failure.code === "TargetUserSyncInboundNotAllowed")) {
    return refuse(CROSS_TENANT_SYNC_POLICY_CHECK_FAILURE, details);
  }
  return refuse(
    B2B_MANAGEMENT_POLICY_CHECK_FAILURE,
    `Policy permitting auto-redemption of invitations not configured. ${details}`,
  );
}
