import type { PolicyResource } from "@pulumi/policy";
import { readBoolean, UNKNOWN } from "./known";
import { describePair, partnerPoliciesFor, sideOf, type PairSide, type SyncPair } from "./pairs";

/**
 * What each side of a sync pair must allow (decisions/reference/graph-cts.md §1, §5.3): without these settings
 * Graph's test connection fails with AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure and
 * synchronized users get consent prompts.
 */
type SideRequirement = ReadonlyArray<{ property: string; meaning: string }>;

const REQUIREMENTS: Readonly<Record<PairSide, SideRequirement>> = {
  source: [
    {
      property: "automaticUserConsentOutbound",
      meaning: "outbound automatic redemption, so its users get no consent prompt in the target",
    },
  ],
  target: [
    {
      property: "automaticUserConsentInbound",
      meaning: "inbound automatic redemption of the source's invitations",
    },
    { property: "userSyncInbound", meaning: "inbound user synchronization from the source" },
  ],
};

export interface Finding {
  message: string;
  urn: string;
}

/** What is missing on one side of `pair` for automatic redemption; empty when all is set. */
export function redemptionFindings(
  pair: SyncPair,
  partnerPolicies: readonly PolicyResource[],
  side: PairSide,
): Finding[] {
  const requirement = REQUIREMENTS[side];
  const { tenantId, partnerTenantId } = sideOf(pair, side);
  const { matches, undecided } = partnerPoliciesFor(partnerPolicies, tenantId, partnerTenantId);
  const preamble = `${describePair(pair)} needs automatic redemption on both sides`;
  if (matches.length === 0) {
    if (undecided) return [];
    const settings = requirement.map(({ property }) => `${property}: true`).join(", ");
    const snippet = `new PartnerPolicy("${pair.configuration.name}-${side}", { tenantId: "${tenantId}", partnerTenantId: "${partnerTenantId}", ${settings} })`;
    return [
      {
        urn: pair.configuration.urn,
        message: `${preamble}, but the ${side} tenant ${tenantId} has no PartnerPolicy for partner ${partnerTenantId} in this stack. Add ${snippet}.`,
      },
    ];
  }
  const findings: Finding[] = [];
  for (const { property, meaning } of requirement) {
    const values = matches.map((partnerPolicy) => readBoolean(partnerPolicy.props, property));
    if (values.some((value) => value === true || value === UNKNOWN)) continue;
    const partnerPolicy = matches[0];
    const current = values[0] === false ? `sets ${property} to false` : `does not set ${property}`;
    findings.push({
      urn: partnerPolicy.urn,
      message: `${preamble}, but PartnerPolicy '${partnerPolicy.name}' (${side} side: tenant ${tenantId}, partner ${partnerTenantId}) ${current} (${meaning}). Set ${property}: true on PartnerPolicy '${partnerPolicy.name}'.`,
    });
  }
  return findings;
}
