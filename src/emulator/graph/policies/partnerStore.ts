/**
 * Finding partner configurations in the caller's tenant, with the replication-lag check: a
 * partner created moments ago answers 404 until the lag knob lets it through, as in Entra.
 */
import { GraphError } from "../../http/graphError";
import type { GraphRequestContext } from "../../http/route";
import type { PartnerRecord } from "../../world/types";

/** The id a partner is known by to the replication-lag knob (partners have no object id). */
export function partnerVisibilityKey(ownerTenantId: string, partnerTenantId: string): string {
  return `${ownerTenantId}/crossTenantAccessPolicy/partners/${partnerTenantId.toLowerCase()}`;
}

/** The stored partner for `tenantId`, visible or not (for duplicate checks). */
export function storedPartner(
  ctx: GraphRequestContext,
  tenantId: string,
): PartnerRecord | undefined {
  const wanted = tenantId.toLowerCase();
  return ctx.tenant.crossTenantAccessPolicy.partners.find(
    (p) => p.tenantId.toLowerCase() === wanted,
  );
}

export function isPartnerVisible(ctx: GraphRequestContext, partner: PartnerRecord): boolean {
  return ctx.isVisible(partnerVisibilityKey(ctx.tenant.id, partner.tenantId));
}

/** The partner for `tenantId`; 404 Request_ResourceNotFound when missing or not yet replicated. */
export function findPartner(ctx: GraphRequestContext, tenantId: string): PartnerRecord {
  const partner = storedPartner(ctx, tenantId);
  if (!partner || !isPartnerVisible(ctx, partner)) throw GraphError.notFound(tenantId);
  return partner;
}
