import type { WorldState } from "../../world/types";

/**
 * Switches for cross-tenant policy behaviour that no Microsoft source settles (decisions/reference/graph-cts.md
 * §§2.4, 2.6). They live on the world, so a snapshot keeps them, and tests or users flip them
 * to rehearse either answer. Decisions 0010 and 0011 explain the defaults.
 */
export interface PolicyBehaviour {
  /** A soft-deleted partner with the same tenantId makes POST answer 409. Default false. */
  softDeletedPartnerBlocksCreate: boolean;
  /**
   * How PATCH treats a complex property (e.g. automaticUserConsentSettings): "replace" the whole
   * object (OData's rule, default) or "merge" its fields into the stored one.
   */
  complexPropertyPatch: "replace" | "merge";
  /**
   * Let app tokens use /beta/policies/deletedItems/crossTenantPartners, which Microsoft documents
   * as not supported for any permission. Default false (403).
   */
  allowAppTokensOnDeletedPartners: boolean;
}

export const DEFAULT_POLICY_BEHAVIOUR: PolicyBehaviour = {
  softDeletedPartnerBlocksCreate: false,
  complexPropertyPatch: "replace",
  allowAppTokensOnDeletedPartners: false,
};

/** A world that may carry policy switches (optional: absent means the defaults). */
export type WorldWithPolicyBehaviour = WorldState & { policyBehaviour?: Partial<PolicyBehaviour> };

export function policyBehaviour(world: WorldState): PolicyBehaviour {
  return { ...DEFAULT_POLICY_BEHAVIOUR, ...(world as WorldWithPolicyBehaviour).policyBehaviour };
}

/** Sets switches on a world (tests, fixtures, the knobs API). */
export function setPolicyBehaviour(world: WorldState, changes: Partial<PolicyBehaviour>): void {
  const target = world as WorldWithPolicyBehaviour;
  target.policyBehaviour = { ...target.policyBehaviour, ...changes };
}
