import type { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import {
  describePair,
  externallyManagedPairsSchema,
  externallyManagedSides,
  syncPairOf,
  type ExternallyManagedPair,
} from "../lib/pairs";
import { redemptionFindings } from "../lib/redemption";
import { resourcesOf } from "../lib/resources";

export interface AutomaticRedemptionExternalPairsConfig {
  /** The same list as `cts-automatic-redemption-both-sides` gets (decisions/0031). */
  externallyManagedPairs: ExternallyManagedPair[];
}

export const automaticRedemptionExternalPairsSchema: PolicyConfigSchema = {
  properties: { externallyManagedPairs: externallyManagedPairsSchema },
};

/**
 * The advisory half of the automatic-redemption rule: for sides someone else manages, this
 * stack cannot prove the settings, so the review gets a reminder instead of a blocked preview.
 * Graph's test connection (SyncConfiguration `testConnection`, on by default) checks the live
 * settings during `pulumi up`.
 */
export const automaticRedemptionExternalPairs: StackValidationPolicy = {
  name: "cts-automatic-redemption-external-pairs",
  description:
    "Reminds reviewers to confirm automatic redemption for sync-pair sides whose PartnerPolicy is managed outside this stack.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: automaticRedemptionExternalPairsSchema,
  remediationSteps:
    "Ask the team that manages the external side to confirm the settings named in the message; test connection verifies them on pulumi up.",
  validateStack: (args, reportViolation) => {
    const config = configWithDefaults<AutomaticRedemptionExternalPairsConfig>(
      automaticRedemptionExternalPairsSchema,
      args.getConfig(),
    );
    const partnerPolicies = resourcesOf(args.resources, "PartnerPolicy");
    for (const configuration of resourcesOf(args.resources, "SyncConfiguration")) {
      const pair = syncPairOf(configuration);
      if (!pair) continue;
      for (const side of externallyManagedSides(config.externallyManagedPairs, pair)) {
        const findings = redemptionFindings(pair, partnerPolicies, side);
        const sidePresent = findings.some((finding) => finding.urn !== configuration.urn);
        if (sidePresent) {
          // The side's PartnerPolicy is in this stack after all: report what it lacks.
          for (const finding of findings) reportViolation(finding.message, finding.urn);
          continue;
        }
        if (findings.length === 0) continue;
        const settings =
          side === "source"
            ? "automaticUserConsentOutbound"
            : "automaticUserConsentInbound and userSyncInbound";
        reportViolation(
          `${describePair(pair)}: the ${side} side is declared externally managed, so this stack cannot check it. Confirm with its owners that the ${side} tenant's partner configuration sets ${settings} to true; test connection fails on pulumi up otherwise.`,
          configuration.urn,
        );
      }
    }
  },
};
