/**
 * The structural properties Graph's metadata declares for partner configurations and the default
 * policy, per API version (msgraph-metadata: the v1.0 CSDL and the beta type mappings;
 * decisions/0093-policy-properties-per-metadata.md). Answers carry exactly these names, null when
 * never set, as the service does; a test compares the lists with an extract of the metadata.
 */
import type { GraphVersion } from "../../http/route";

const SHARED = [
  "appServiceConnectInbound",
  "automaticUserConsentSettings",
  "b2bCollaborationInbound",
  "b2bCollaborationOutbound",
  "b2bDirectConnectInbound",
  "b2bDirectConnectOutbound",
  "inboundTrust",
  "m365CollaborationInbound",
  "m365CollaborationOutbound",
  "tenantRestrictions",
] as const;

const PARTNER_V1 = [
  ...SHARED,
  "isInMultiTenantOrganization",
  "isServiceProvider",
  "tenantId",
] as const;
const DEFAULT_V1 = [
  ...SHARED,
  "invitationRedemptionIdentityProviderConfiguration",
  "isServiceDefault",
] as const;

/** Beta's additions to both entity types. */
const BETA_ADDS = ["blockServiceProviderOutboundAccess"] as const;

export type PolicyKind = "partner" | "default";

const PROPERTIES: Record<PolicyKind, Record<GraphVersion, readonly string[]>> = {
  partner: { "v1.0": PARTNER_V1, beta: [...PARTNER_V1, ...BETA_ADDS] },
  default: { "v1.0": DEFAULT_V1, beta: [...DEFAULT_V1, ...BETA_ADDS] },
};

/** The structural property names of `kind` in `version`, as the metadata declares them. */
export function policyProperties(kind: PolicyKind, version: GraphVersion): readonly string[] {
  return PROPERTIES[kind][version];
}
