import type { PolicyConfigSchema, StackValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import { readBoolean, UNKNOWN } from "../lib/known";
import { configurationOf } from "../lib/links";
import {
  describePair,
  externallyManagedPairsSchema,
  externallyManagedSides,
  partnerPoliciesFor,
  sideOf,
  syncPairOf,
  type ExternallyManagedPair,
  type PairSide,
} from "../lib/pairs";
import { resourcesOf } from "../lib/resources";

export interface JobEnabledWithBothSidesConfig {
  /** Pairs (or one side of them) whose PartnerPolicy is managed outside this stack. */
  externallyManagedPairs: ExternallyManagedPair[];
}

export const jobEnabledWithBothSidesSchema: PolicyConfigSchema = {
  properties: { externallyManagedPairs: externallyManagedPairsSchema },
};

const SIDES: readonly PairSide[] = ["source", "target"];

/**
 * A started job runs every 40 minutes; with one side's cross-tenant settings missing, each cycle
 * fails its policy check and the job ends up quarantined. Keeping the job paused until both
 * PartnerPolicy resources exist makes a half-built pair harmless.
 */
export const jobEnabledWithBothSides: StackValidationPolicy = {
  name: "cts-job-enabled-with-both-sides",
  description:
    "A SyncJob runs (enabled) only when the stack also holds the PartnerPolicy for both sides of its configuration's pair, or the missing side is externally managed.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: jobEnabledWithBothSidesSchema,
  remediationSteps:
    "Add the missing PartnerPolicy, set enabled: false on the SyncJob until it exists, or list the pair in externallyManagedPairs.",
  validateStack: (args, reportViolation) => {
    const config = configWithDefaults<JobEnabledWithBothSidesConfig>(
      jobEnabledWithBothSidesSchema,
      args.getConfig(),
    );
    const configurations = resourcesOf(args.resources, "SyncConfiguration");
    const partnerPolicies = resourcesOf(args.resources, "PartnerPolicy");
    for (const job of resourcesOf(args.resources, "SyncJob")) {
      const enabled = readBoolean(job.props, "enabled");
      // Unset means enabled (the resource's default); a value not known yet is not a violation.
      if (enabled === false || enabled === UNKNOWN) continue;
      const link = configurationOf(job, configurations);
      if (link.kind !== "linked") continue;
      const pair = syncPairOf(link.configuration);
      if (!pair) continue;
      const external = externallyManagedSides(config.externallyManagedPairs, pair);
      for (const side of SIDES) {
        if (external.has(side)) continue;
        const holder = sideOf(pair, side);
        const { matches, undecided } = partnerPoliciesFor(
          partnerPolicies,
          holder.tenantId,
          holder.partnerTenantId,
        );
        if (matches.length > 0 || undecided) continue;
        reportViolation(
          `SyncJob '${job.name}' is enabled, but ${describePair(pair)} has no PartnerPolicy for its ${side} side (tenant ${holder.tenantId}, partner ${holder.partnerTenantId}) in this stack, so every cycle would fail its policy check. Add that PartnerPolicy, set enabled: false until it exists, or list the pair in externallyManagedPairs of cts-job-enabled-with-both-sides.`,
          job.urn,
        );
      }
    }
  },
};
