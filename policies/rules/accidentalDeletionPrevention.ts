import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import { readBoolean, readNumber, UNKNOWN } from "../lib/known";
import { isResource } from "../lib/resources";

export interface AccidentalDeletionPreventionConfig {
  /** Highest deletion threshold a configuration may use. */
  maximumThreshold: number;
}

export const accidentalDeletionPreventionSchema: PolicyConfigSchema = {
  properties: {
    maximumThreshold: {
      type: "integer",
      minimum: 1,
      default: 500,
      description: "Highest accidentalDeletionThreshold allowed (Entra's default is 500).",
    },
  },
};

/** The provider's default when accidentalDeletionThreshold is unset (the portal's default). */
const DEFAULT_THRESHOLD = 500;

/**
 * Unassigning a group, or a scoping-filter typo, soft-deletes its users in the target on the next
 * cycle. The threshold quarantines the job instead (reason TooManyDeletes) until someone looks.
 */
export const accidentalDeletionPrevention: ResourceValidationPolicy = {
  name: "cts-accidental-deletion-prevention",
  description:
    "SyncConfigurations keep accidental-deletion prevention on, with a threshold no higher than the configured maximum.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: accidentalDeletionPreventionSchema,
  remediationSteps:
    "Remove accidentalDeletionPrevention: false and keep accidentalDeletionThreshold at or below maximumThreshold.",
  validateResource: (args, reportViolation) => {
    if (!isResource(args.type, "SyncConfiguration")) return;
    const config = configWithDefaults<AccidentalDeletionPreventionConfig>(
      accidentalDeletionPreventionSchema,
      args.getConfig(),
    );
    if (readBoolean(args.props, "accidentalDeletionPrevention") === false) {
      reportViolation(
        `SyncConfiguration '${args.name}' turns accidental-deletion prevention off: one unassigned group or scoping-filter mistake would delete its users in the target tenant. Remove accidentalDeletionPrevention: false.`,
      );
    }
    const threshold = readNumber(args.props, "accidentalDeletionThreshold");
    if (threshold === UNKNOWN) return;
    const effective = threshold ?? DEFAULT_THRESHOLD;
    if (effective > config.maximumThreshold) {
      reportViolation(
        `SyncConfiguration '${args.name}' allows ${effective} deletions per cycle before quarantine; the maximum is ${config.maximumThreshold}. Set accidentalDeletionThreshold to ${config.maximumThreshold} or less.`,
      );
    }
  },
};
