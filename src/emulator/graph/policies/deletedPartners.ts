/**
 * Beta `/policies/deletedItems/crossTenantPartners`: soft-deleted partners (decisions/reference/graph-cts.md §2.6).
 * Microsoft documents these calls as "Not supported" for every permission type, so app tokens
 * get 403 unless the world's allowAppTokensOnDeletedPartners switch is on (decision 0012).
 */
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext } from "../../http/route";
import type { PartnerRecord } from "../../world/types";
import { collectionBody, entityBody, paginate } from "../odata";
import { policyBehaviour } from "./behaviour";
import { policyForVersion } from "./partnerProperties";
import { partnerVisibilityKey, storedPartner } from "./partnerStore";
import { POLICY_READ, POLICY_WRITE } from "./permissions";

const PATH = "/policies/deletedItems/crossTenantPartners";
const BETA = ["beta"] as const;

function requireAppTokensAllowed(ctx: GraphRequestContext, action: string): void {
  if (!policyBehaviour(ctx.world).allowAppTokensOnDeletedPartners) {
    throw new GraphError(
      403,
      "Authorization_RequestDenied",
      `Failed to ${action}: Microsoft Graph does not support application permissions for deleted cross-tenant partner configurations. Restore or purge them in the Entra admin center, or turn on the emulator's allowAppTokensOnDeletedPartners switch to rehearse the API.`,
    );
  }
}

function findDeleted(ctx: GraphRequestContext, tenantId: string): PartnerRecord {
  const found = ctx.tenant.crossTenantAccessPolicy.deletedPartners.find(
    (p) => p.tenantId === tenantId.toLowerCase(),
  );
  if (!found) throw GraphError.notFound(tenantId);
  return found;
}

export const deletedPartnerRoutes = [
  route(
    "GET",
    PATH,
    POLICY_READ,
    (ctx) => {
      requireAppTokensAllowed(ctx, "list deleted partner configurations");
      const page = paginate(ctx, ctx.tenant.crossTenantAccessPolicy.deletedPartners);
      return {
        status: 200,
        body: collectionBody(ctx, "policies/deletedItems/crossTenantPartners", {
          ...page,
          items: page.items.map((p) => policyForVersion(p, ctx.version)),
        }),
      };
    },
    BETA,
  ),
  route(
    "GET",
    `${PATH}/:tenantId`,
    POLICY_READ,
    (ctx) => {
      requireAppTokensAllowed(ctx, "read a deleted partner configuration");
      return {
        status: 200,
        body: entityBody(
          ctx,
          "policies/deletedItems/crossTenantPartners/$entity",
          policyForVersion(findDeleted(ctx, ctx.params.tenantId), ctx.version),
        ),
      };
    },
    BETA,
  ),
  route(
    "POST",
    `${PATH}/:tenantId/restore`,
    POLICY_WRITE,
    (ctx) => {
      requireAppTokensAllowed(ctx, "restore a deleted partner configuration");
      const deleted = findDeleted(ctx, ctx.params.tenantId);
      if (storedPartner(ctx, deleted.tenantId)) {
        throw GraphError.conflict(
          "Another object with the same value for property tenantId already exists.",
        );
      }
      const policy = ctx.tenant.crossTenantAccessPolicy;
      policy.deletedPartners.splice(policy.deletedPartners.indexOf(deleted), 1);
      const { deletedDateTime: _deleted, ...partner } = deleted;
      policy.partners.push(partner as PartnerRecord);
      ctx.markCreated(partnerVisibilityKey(ctx.tenant.id, deleted.tenantId));
      return {
        status: 200,
        body: entityBody(
          ctx,
          "policies/crossTenantAccessPolicy/partners/$entity",
          policyForVersion(partner, ctx.version),
        ),
      };
    },
    BETA,
  ),
  route(
    "DELETE",
    `${PATH}/:tenantId`,
    POLICY_WRITE,
    (ctx) => {
      requireAppTokensAllowed(ctx, "permanently delete a partner configuration");
      const deleted = findDeleted(ctx, ctx.params.tenantId);
      const policy = ctx.tenant.crossTenantAccessPolicy;
      policy.deletedPartners.splice(policy.deletedPartners.indexOf(deleted), 1);
      return { status: 204 };
    },
    BETA,
  ),
];
