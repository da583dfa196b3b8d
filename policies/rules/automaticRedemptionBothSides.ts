import type { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import {
  externallyManagedPairsSchema,
  externallyManagedSides,
  syncPairOf,
  type ExternallyManagedPair,
  type PairSide,
} from "../lib/pairs";
import { redemptionFindings } from "../lib/redemption";
import { resourcesOf } from "../lib/resources";

export interface AutomaticRedemptionBothSidesConfig {
  /** Pairs (or one side of them) whose PartnerPolicy is managed outside this stack: not checked here. */
  externallyManagedPairs: ExternallyManagedPair[];
}

export const automaticRedemptionBothSidesSchema: PolicyConfigSchema = {
  properties: { externallyManagedPairs: externallyManagedPairsSchema },
};

const SIDES: readonly PairSide[] = ["source", "target"];

/**
 * The mistake admins make most with CTS: configuring only one tenant. Sync needs the source to
 * allow outbound automatic redemption and the target to allow inbound automatic redemption and
 * user sync, all for each other; otherwise test connection fails and users see consent prompts.
 * Sides declared externally managed are left to `cts-automatic-redemption-external-pairs`
 * (decisions/0031).
 */
export const automaticRedemptionBothSides: StackValidationPolicy = {
  name: "cts-automatic-redemption-both-sides",
  description:
    "Every SyncConfiguration needs PartnerPolicy resources allowing automatic redemption in both tenants: outbound in the source, inbound plus user sync in the target.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: automaticRedemptionBothSidesSchema,
  remediationSteps:
    "Add a PartnerPolicy in the source tenant (partner: target) with automaticUserConsentOutbound: true, and one in the target tenant (partner: source) with automaticUserConsentInbound: true and userSyncInbound: true. If a side is managed by another team, list the pair in externallyManagedPairs.",
  validateStack: (args, reportViolation) => {
    const config = configWithDefaults<AutomaticRedemptionBothSidesConfig>(
      automaticRedemptionBothSidesSchema,
      args.getConfig(),
    );
    const partnerPolicies = resourcesOf(args.resources, "PartnerPolicy");
    for (const configuration of resourcesOf(args.resources, "SyncConfiguration")) {
      const pair = syncPairOf(configuration);
      if (!pair) continue;
      const external = externallyManagedSides(config.externallyManagedPairs, pair);
      for (const side of SIDES) {
        if (external.has(side)) continue;
        for (const finding of redemptionFindings(pair, partnerPolicies, side)) {
          reportViolation(finding.message, finding.urn);
        }
      }
    }
  },
};
