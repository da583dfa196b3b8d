/**
 * Every policy of the pack, and each one's config schema. Importing this module does not start
 * the analyzer (only `new PolicyPack` in ../index.ts does), so tests import it directly.
 */
import type { Policies, PolicyConfigSchema } from "@pulumi/policy";
import { accidentalDeletionPrevention } from "./accidentalDeletionPrevention";
import { attributeMappingExpressions } from "./attributeMappingExpressions";
import { automaticRedemptionBothSides } from "./automaticRedemptionBothSides";
import { automaticRedemptionExternalPairs } from "./automaticRedemptionExternalPairs";
import { groupBasedScope } from "./groupBasedScope";
import { jobEnabledWithBothSides } from "./jobEnabledWithBothSides";
import { notificationEmail } from "./notificationEmail";
import { trustAllowlist } from "./trustAllowlist";
import { userType } from "./userType";

export {
  accidentalDeletionPrevention,
  accidentalDeletionPreventionSchema,
  type AccidentalDeletionPreventionConfig,
} from "./accidentalDeletionPrevention";
export {
  attributeMappingExpressions,
  attributeMappingExpressionsSchema,
  type AttributeMappingExpressionsConfig,
} from "./attributeMappingExpressions";
export {
  automaticRedemptionBothSides,
  automaticRedemptionBothSidesSchema,
  type AutomaticRedemptionBothSidesConfig,
} from "./automaticRedemptionBothSides";
export {
  automaticRedemptionExternalPairs,
  automaticRedemptionExternalPairsSchema,
  type AutomaticRedemptionExternalPairsConfig,
} from "./automaticRedemptionExternalPairs";
export {
  groupBasedScope,
  groupBasedScopeSchema,
  type GroupBasedScopeConfig,
} from "./groupBasedScope";
export {
  jobEnabledWithBothSides,
  jobEnabledWithBothSidesSchema,
  type JobEnabledWithBothSidesConfig,
} from "./jobEnabledWithBothSides";
export {
  notificationEmail,
  notificationEmailSchema,
  type NotificationEmailConfig,
} from "./notificationEmail";
export { trustAllowlist, trustAllowlistSchema, type TrustAllowlistConfig } from "./trustAllowlist";
export { userType, userTypeSchema, type UserTypeConfig } from "./userType";

/** Mandatory policies first: the two mistakes that break a sync pair or widen its scope. */
export const allPolicies: Policies = [
  automaticRedemptionBothSides,
  groupBasedScope,
  automaticRedemptionExternalPairs,
  accidentalDeletionPrevention,
  notificationEmail,
  userType,
  attributeMappingExpressions,
  trustAllowlist,
  jobEnabledWithBothSides,
];

/** Config schema per policy name (for docs and for `--policy-pack-config` validation). */
export const configSchemas: Readonly<Record<string, PolicyConfigSchema>> = Object.fromEntries(
  allPolicies.flatMap((policy) =>
    policy.configSchema ? [[policy.name, policy.configSchema]] : [],
  ),
);
