/**
 * The cross-tenant policy check behind "test connection" (decisions/reference/graph-cts.md §5.3): the source must
 * allow outbound automatic user consent towards the target, and the target must allow inbound
 * user synchronization and inbound automatic user consent from the source. Reads both tenants'
 * cross-tenant access policies from the world; soft-deleted partners do not count.
 */
import type { PartnerRecord, TenantState } from "../../world/types";

export interface PolicyCheckFailure {
  code: string;
  message: string;
  /** Which tenant must change its policy. */
  target: "source" | "target";
}

function partnerFor(tenant: TenantState, partnerTenantId: string): PartnerRecord | undefined {
  const wanted = partnerTenantId.toLowerCase();
  return tenant.crossTenantAccessPolicy.partners.find(
    (partner) => partner.tenantId.toLowerCase() === wanted,
  );
}

/** A nested flag that is exactly `true` (null inherits the default, which is always false). */
function flag(record: unknown, ...path: string[]): boolean {
  let value: unknown = record;
  for (const key of path) {
    if (value === null || typeof value !== "object") return false;
    value = (value as Record<string, unknown>)[key];
  }
  return value === true;
}

/** Every failed check, in the order the portal reports them; empty when all pass. */
export function checkCrossTenantSyncPolicies(
  source: TenantState,
  target: TenantState,
): PolicyCheckFailure[] {
  const failures: PolicyCheckFailure[] = [];
  const outbound = partnerFor(source, target.id);
  if (!flag(outbound, "automaticUserConsentSettings", "outboundAllowed")) {
    failures.push({
      code: "SourceAutomaticUserConsentOutboundNotAllowed",
      target: "source",
      message: `The source tenant has not enabled automatic user consent with the target tenant. In the source tenant ${source.id}, set automaticUserConsentSettings.outboundAllowed to true on the partner configuration for ${target.id}.`,
    });
  }
  const inbound = partnerFor(target, source.id);
  if (!flag(inbound?.identitySynchronization, "userSyncInbound", "isSyncAllowed")) {
    failures.push({
      code: "TargetUserSyncInboundNotAllowed",
      target: "target",
      message: `The target tenant has not enabled inbound synchronization with this tenant. In the target tenant ${target.id}, create the partner configuration for ${source.id} and its identitySynchronization policy with userSyncInbound.isSyncAllowed true.`,
    });
  }
  if (!flag(inbound, "automaticUserConsentSettings", "inboundAllowed")) {
    failures.push({
      code: "TargetAutomaticUserConsentInboundNotAllowed",
      target: "target",
      message: `The target tenant has not enabled automatic user consent (inbound auto-redemption) with this tenant. In the target tenant ${target.id}, set automaticUserConsentSettings.inboundAllowed to true on the partner configuration for ${source.id}.`,
    });
  }
  return failures;
}
