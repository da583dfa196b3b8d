import type { PolicyConfigSchema, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import { readArray, readString, UNKNOWN, type Known } from "../lib/known";
import { configurationOf } from "../lib/links";
import { resourcesOf } from "../lib/resources";

export interface UserTypeConfig {
  /** The userType synchronized users should get in the target tenant. */
  expectedUserType: "Member" | "Guest";
}

export const userTypeSchema: PolicyConfigSchema = {
  properties: {
    expectedUserType: {
      type: "string",
      enum: ["Member", "Guest"],
      default: "Member",
      description: "The userType synchronized users should get in the target tenant.",
    },
  },
};

/** The CTS template maps userType to the constant Member (decisions/reference/graph-cts.md §5.8). */
const TEMPLATE_USER_TYPE = "Member";

/** A userType the stack declares, and the AttributeMapping that declares it. */
interface DeclaredUserType {
  value: string;
  mapping: PolicyResource;
}

/**
 * Member or Guest decides what synchronized users can see and do in the target (Teams, the
 * directory, licensing). The template default is easy to miss in review, so the pack states
 * which one the organisation expects.
 */
export const userType: StackValidationPolicy = {
  name: "cts-user-type",
  description:
    "The userType each SyncConfiguration gives synchronized users (its userType constant mapping, or the template's Member) matches expectedUserType.",
  enforcementLevel: "advisory",
  severity: "low",
  configSchema: userTypeSchema,
  remediationSteps:
    'Add or change the AttributeMapping entry { targetAttribute: "userType", constant: "<expected>" } on the configuration\'s job, or change expectedUserType.',
  validateStack: (args, reportViolation) => {
    const config = configWithDefaults<UserTypeConfig>(userTypeSchema, args.getConfig());
    const configurations = resourcesOf(args.resources, "SyncConfiguration");
    const attributeMappings = resourcesOf(args.resources, "AttributeMapping").map((mapping) => ({
      mapping,
      link: configurationOf(mapping, configurations),
    }));
    // A mapping we cannot place yet might set any configuration's userType: stay quiet.
    if (attributeMappings.some(({ link }) => link.kind === "unknown")) return;

    for (const configuration of configurations) {
      const own = attributeMappings
        .filter(({ link }) => link.kind === "linked" && link.configuration === configuration)
        .map(({ mapping }) => mapping);
      const declared = declaredUserTypes(own);
      if (declared === UNKNOWN) continue;
      if (declared.length === 0) {
        if (sameUserType(TEMPLATE_USER_TYPE, config.expectedUserType)) continue;
        reportViolation(
          `SyncConfiguration '${configuration.name}' creates ${TEMPLATE_USER_TYPE} users (the template default: no AttributeMapping sets userType), but ${config.expectedUserType} is expected. Add an AttributeMapping for its job with mappings: [{ targetAttribute: "userType", constant: "${config.expectedUserType}" }], or change expectedUserType of cts-user-type.`,
          configuration.urn,
        );
        continue;
      }
      for (const { value, mapping } of declared) {
        if (sameUserType(value, config.expectedUserType)) continue;
        reportViolation(
          `SyncConfiguration '${configuration.name}' creates ${value} users (AttributeMapping '${mapping.name}' maps userType to the constant "${value}"), but ${config.expectedUserType} is expected. Set constant: "${config.expectedUserType}" on that mapping, or change expectedUserType of cts-user-type.`,
          mapping.urn,
        );
      }
    }
  },
};

/**
 * The userType constants the User object mappings declare. UNKNOWN when the userType cannot be
 * told before the sync runs: a value not known yet, or a mapping from a source attribute or an
 * expression (left to review).
 */
function declaredUserTypes(mappings: readonly PolicyResource[]): Known<DeclaredUserType[]> {
  const declared: DeclaredUserType[] = [];
  for (const mapping of mappings) {
    const objectType = readString(mapping.props, "objectType");
    if (objectType === "Group") continue;
    const entries = readArray(mapping.props, "mappings");
    if (entries === UNKNOWN) return UNKNOWN;
    for (const entry of entries ?? []) {
      const target = readString(entry, "targetAttribute");
      if (target === UNKNOWN) return UNKNOWN;
      if (target?.toLowerCase() !== "usertype") continue;
      const constant = readString(entry, "constant");
      if (constant === UNKNOWN || constant === undefined) return UNKNOWN;
      declared.push({ value: constant, mapping });
    }
  }
  return declared;
}

function sameUserType(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
