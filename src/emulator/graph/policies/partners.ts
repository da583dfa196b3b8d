/** Cross-tenant access partner configurations: list, create, get, update, delete (decisions/reference/graph-cts.md §2). */
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext } from "../../http/route";
import type { JsonObject, PartnerRecord } from "../../world/types";
import {
  applyFilter,
  collectionBody,
  entityBody,
  expandedProperties,
  isGuid,
  paginate,
  pick,
  requireBodyObject,
  selectedProperties,
} from "../odata";
import { policyBehaviour } from "./behaviour";
import { identitySyncForVersion } from "./identitySyncPolicy";
import {
  applyPolicyChanges,
  newPartnerRecord,
  policyForVersion,
  validatePartnerBody,
} from "./partnerProperties";
import { findPartner, isPartnerVisible, partnerVisibilityKey, storedPartner } from "./partnerStore";
import { POLICY_READ, POLICY_WRITE } from "./permissions";

export const PARTNERS_PATH = "/policies/crossTenantAccessPolicy/partners";
const PARTNER_TYPE = "microsoft.graph.crossTenantAccessPolicyConfigurationPartner";
const DUPLICATE_MESSAGE =
  "Another object with the same value for property tenantId already exists.";

/** A partner as the request asks to see it: version view, `$select`, `$expand`. */
function partnerView(ctx: GraphRequestContext, partner: PartnerRecord): JsonObject {
  const expand = expandedProperties(ctx, ["identitySynchronization"], PARTNER_TYPE);
  const select = selectedProperties(ctx);
  const full = policyForVersion(partner, ctx.version);
  const view = select ? pick(full, select, ["tenantId"]) : full;
  if (expand.has("identitySynchronization")) {
    view.identitySynchronization = partner.identitySynchronization
      ? identitySyncForVersion(partner.identitySynchronization, ctx.version)
      : null;
  }
  return view;
}

function createPartner(ctx: GraphRequestContext) {
  const action = "create a cross-tenant access partner configuration";
  const { tenantId, ...properties } = requireBodyObject(ctx.body, action);
  if (tenantId === undefined || tenantId === null) {
    throw GraphError.badRequest(
      `Failed to ${action}: tenantId is required. Send the partner tenant's id (a GUID).`,
    );
  }
  if (!isGuid(tenantId)) {
    throw GraphError.badRequest(
      `Failed to ${action}: tenantId '${String(tenantId)}' is not a GUID. Use the partner tenant's id, not a domain name.`,
    );
  }
  validatePartnerBody(properties, ctx.version, action);
  if (storedPartner(ctx, tenantId)) throw GraphError.conflict(DUPLICATE_MESSAGE);
  const policy = ctx.tenant.crossTenantAccessPolicy;
  const deletedIndex = policy.deletedPartners.findIndex(
    (p) => p.tenantId.toLowerCase() === tenantId.toLowerCase(),
  );
  if (deletedIndex >= 0) {
    if (policyBehaviour(ctx.world).softDeletedPartnerBlocksCreate) {
      throw GraphError.conflict(
        `${DUPLICATE_MESSAGE} A soft-deleted partner configuration for this tenant exists; restore it or delete it permanently first.`,
      );
    }
    // Decision 0010: the new partner supersedes the soft-deleted copy, so one key never
    // names two recoverable objects.
    policy.deletedPartners.splice(deletedIndex, 1);
  }
  const partner = newPartnerRecord(tenantId.toLowerCase());
  applyPolicyChanges(partner, properties, "replace");
  policy.partners.push(partner);
  ctx.markCreated(partnerVisibilityKey(ctx.tenant.id, partner.tenantId));
  return {
    status: 201,
    body: entityBody(
      ctx,
      "policies/crossTenantAccessPolicy/partners/$entity",
      policyForVersion(partner, ctx.version),
    ),
  };
}

function updatePartner(ctx: GraphRequestContext) {
  const partner = findPartner(ctx, ctx.params.tenantId);
  const action = `update the partner configuration for tenant ${partner.tenantId}`;
  const { tenantId, ...changes } = requireBodyObject(ctx.body, action);
  if (tenantId !== undefined && String(tenantId).toLowerCase() !== partner.tenantId) {
    throw GraphError.badRequest(
      `Failed to ${action}: tenantId is the key and cannot be changed. Delete this partner and create one for the other tenant.`,
    );
  }
  validatePartnerBody(changes, ctx.version, action);
  applyPolicyChanges(partner, changes, policyBehaviour(ctx.world).complexPropertyPatch);
  return { status: 204 };
}

function deletePartner(ctx: GraphRequestContext) {
  const partner = findPartner(ctx, ctx.params.tenantId);
  if (partner.identitySynchronization) {
    // Decision 0011: the documented rule (GD partner-delete), with an emulator-chosen answer.
    throw GraphError.badRequest(
      `Failed to delete the partner configuration for tenant ${partner.tenantId}: it still has an identity synchronization policy. Delete ${PARTNERS_PATH}/${partner.tenantId}/identitySynchronization first.`,
    );
  }
  const policy = ctx.tenant.crossTenantAccessPolicy;
  policy.partners.splice(policy.partners.indexOf(partner), 1);
  // Partners are soft-deleted whichever version deletes them (decisions/reference/graph-cts.md §2.6).
  policy.deletedPartners = policy.deletedPartners.filter((p) => p.tenantId !== partner.tenantId);
  policy.deletedPartners.push({
    ...structuredClone(partner),
    deletedDateTime: new Date(ctx.now()).toISOString(),
  });
  return { status: 204 };
}

export const partnerRoutes = [
  route("GET", PARTNERS_PATH, POLICY_READ, (ctx) => {
    const visible = ctx.tenant.crossTenantAccessPolicy.partners.filter((p) =>
      isPartnerVisible(ctx, p),
    );
    const filtered = applyFilter(ctx, visible, {
      resource: "CrossTenantAccessPolicyConfigurationPartner",
      properties: ["tenantId", "isServiceProvider"],
    });
    const page = paginate(ctx, filtered);
    return {
      status: 200,
      body: collectionBody(ctx, "policies/crossTenantAccessPolicy/partners", {
        ...page,
        items: page.items.map((p) => partnerView(ctx, p)),
      }),
    };
  }),
  route("POST", PARTNERS_PATH, POLICY_WRITE, createPartner),
  route("GET", `${PARTNERS_PATH}/:tenantId`, POLICY_READ, (ctx) => ({
    status: 200,
    body: entityBody(
      ctx,
      "policies/crossTenantAccessPolicy/partners/$entity",
      partnerView(ctx, findPartner(ctx, ctx.params.tenantId)),
    ),
  })),
  route("PATCH", `${PARTNERS_PATH}/:tenantId`, POLICY_WRITE, updatePartner),
  route("DELETE", `${PARTNERS_PATH}/:tenantId`, POLICY_WRITE, deletePartner),
];
