/**
 * The Graph bodies the provider sends, typed with Microsoft's published typings, so a misspelled
 * property or a wrong value type fails to compile (decisions/0097). Types only: nothing here is
 * emitted, and the typings stay development dependencies because no exported type names them.
 */
import type * as Graph from "@microsoft/microsoft-graph-types";
import type * as GraphBeta from "@microsoft/microsoft-graph-types-beta";

/** PATCH/POST body of a partner configuration (v1.0). */
export type PartnerPayload = Graph.CrossTenantAccessPolicyConfigurationPartner;

/** The inbound-trust flags of a partner. */
export type InboundTrustPayload = Graph.CrossTenantAccessPolicyInboundTrust;

/**
 * PUT/PATCH body of a partner's identity-sync policy. The beta typings (0.44.0-preview) lag the
 * service: they lack `groupSyncInbound` (decisions/reference/graph-cts.md §3.1), added here.
 */
export interface IdentitySyncPayload extends Pick<
  GraphBeta.CrossTenantIdentitySyncPolicyPartner,
  "displayName" | "userSyncInbound"
> {
  groupSyncInbound?: GraphBeta.NullableOption<{
    isSyncAllowed?: GraphBeta.NullableOption<boolean>;
  }>;
}
