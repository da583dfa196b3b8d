/**
 * A partner's identitySynchronization policy: PUT creates, GET, PATCH, DELETE (decisions/reference/graph-cts.md §3).
 * The partner must exist; PUT on an existing policy and PATCH on a missing one answer the errors
 * the CTS walkthrough shows (§3.3).
 */
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext } from "../../http/route";
import type { JsonObject, PartnerRecord } from "../../world/types";
import { entityBody, requireBodyObject } from "../odata";
import { policyBehaviour } from "./behaviour";
import {
  identitySyncForVersion,
  newIdentitySyncRecord,
  validateIdentitySyncBody,
} from "./identitySyncPolicy";
import { applyPolicyChanges } from "./partnerProperties";
import { PARTNERS_PATH } from "./partners";
import { findPartner } from "./partnerStore";
import { POLICY_READ, POLICY_WRITE } from "./permissions";

const PATH = `${PARTNERS_PATH}/:tenantId/identitySynchronization`;

/** The walkthrough's 409 for a second PUT (§3.3), details included. */
const ALREADY_EXISTS =
  "A conflicting object with one or more of the specified property values is present in the directory.";

/** The walkthrough's answer to PATCH on a policy that does not exist (§3.3). */
function companyInformationNotFound(): GraphError {
  return new GraphError(
    404,
    "Directory_ObjectNotFound",
    "Unable to read the company information from the directory.",
  );
}

function existingPolicy(partner: PartnerRecord): JsonObject {
  if (!partner.identitySynchronization) {
    throw GraphError.notFound(`${partner.tenantId}/identitySynchronization`);
  }
  return partner.identitySynchronization;
}

function createPolicy(ctx: GraphRequestContext) {
  const partner = findPartner(ctx, ctx.params.tenantId);
  const body = requireBodyObject(
    ctx.body,
    `create identitySynchronization for partner ${partner.tenantId}`,
  );
  validateIdentitySyncBody(body, ctx.version, partner.tenantId);
  if (partner.identitySynchronization) throw GraphError.conflict(ALREADY_EXISTS);
  partner.identitySynchronization = newIdentitySyncRecord(partner.tenantId, body);
  return { status: 204 };
}

function updatePolicy(ctx: GraphRequestContext) {
  let partner: PartnerRecord;
  try {
    partner = findPartner(ctx, ctx.params.tenantId);
  } catch {
    throw companyInformationNotFound();
  }
  const policy = partner.identitySynchronization;
  if (!policy) throw companyInformationNotFound();
  const changes = requireBodyObject(
    ctx.body,
    `update identitySynchronization for partner ${partner.tenantId}`,
  );
  validateIdentitySyncBody(changes, ctx.version, partner.tenantId);
  const { tenantId: _key, ...rest } = changes;
  applyPolicyChanges(policy, rest, policyBehaviour(ctx.world).complexPropertyPatch);
  return { status: 204 };
}

export const identitySynchronizationRoutes = [
  route("PUT", PATH, POLICY_WRITE, createPolicy),
  route("GET", PATH, POLICY_READ, (ctx) => {
    const partner = findPartner(ctx, ctx.params.tenantId);
    return {
      status: 200,
      body: entityBody(
        ctx,
        `policies/crossTenantAccessPolicy/partners('${partner.tenantId}')/identitySynchronization/$entity`,
        identitySyncForVersion(existingPolicy(partner), ctx.version),
      ),
    };
  }),
  route("PATCH", PATH, POLICY_WRITE, updatePolicy),
  route("DELETE", PATH, POLICY_WRITE, (ctx) => {
    const partner = findPartner(ctx, ctx.params.tenantId);
    existingPolicy(partner);
    delete partner.identitySynchronization;
    return { status: 204 };
  }),
];
