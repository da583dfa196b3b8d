import type { PolicyConfigSchema, PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import { includesId } from "../lib/ids";
import { readString, UNKNOWN } from "../lib/known";
import { configurationOf } from "../lib/links";
import { resourcesOf } from "../lib/resources";

export interface GroupBasedScopeConfig {
  /** User object ids that may be assigned directly (e.g. a pilot account). */
  allowedUserPrincipalIds: string[];
}

export const groupBasedScopeSchema: PolicyConfigSchema = {
  properties: {
    allowedUserPrincipalIds: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "User object ids that may be assigned to a configuration directly.",
    },
  },
};

/**
 * Scope decides who leaves the source organisation's control: "all" pushes every user, and
 * per-user assignments drift from the HR-driven groups that should decide membership. Groups
 * also make deprovisioning a membership change instead of a code change.
 */
export const groupBasedScope: StackValidationPolicy = {
  name: "cts-group-based-scope",
  description:
    "Every SyncConfiguration syncs only assigned principals, assigns at least one group, and assigns no individual users outside the allowlist.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: groupBasedScopeSchema,
  remediationSteps:
    'Leave scope unset (or "assigned"), and add an Assignment with principalType "Group" for the group whose members should be synchronized. List deliberate user assignments in allowedUserPrincipalIds.',
  validateStack: (args, reportViolation) => {
    const config = configWithDefaults<GroupBasedScopeConfig>(
      groupBasedScopeSchema,
      args.getConfig(),
    );
    const configurations = resourcesOf(args.resources, "SyncConfiguration");
    const assignments = resourcesOf(args.resources, "Assignment");

    for (const configuration of configurations) {
      const scope = readString(configuration.props, "scope");
      if (scope !== undefined && scope !== UNKNOWN && scope !== "assigned") {
        reportViolation(
          `SyncConfiguration '${configuration.name}' has scope "${scope}", which synchronizes every user of the source tenant. Remove scope (default "assigned") and assign groups with Assignment resources (principalType "Group").`,
          configuration.urn,
        );
      }
    }

    for (const assignment of assignments) {
      const principalType = readString(assignment.props, "principalType");
      const principalId = readString(assignment.props, "principalId");
      if (principalType === "Group" || principalType === UNKNOWN || principalId === UNKNOWN)
        continue;
      if (principalId !== undefined && includesId(config.allowedUserPrincipalIds, principalId))
        continue;
      reportViolation(
        `Assignment '${assignment.name}' assigns ${principalType ?? "a principal without principalType"} ${principalId ?? "(no principalId)"} directly. Assign a group instead (principalType "Group"), or add ${principalId ?? "the user's object id"} to allowedUserPrincipalIds of cts-group-based-scope if this user is deliberate.`,
        assignment.urn,
      );
    }

    const links = assignments.map((assignment) => ({
      assignment,
      link: configurationOf(assignment, configurations),
    }));
    // An assignment we cannot place yet might be the configuration's group: stay quiet.
    if (links.some(({ link }) => link.kind === "unknown")) return;
    for (const configuration of configurations) {
      const own = links
        .filter(({ link }) => link.kind === "linked" && link.configuration === configuration)
        .map(({ assignment }) => assignment);
      if (!own.some(mayBeGroup)) {
        reportViolation(
          `SyncConfiguration '${configuration.name}' has no group assigned, so group membership cannot decide who is synchronized. Add an Assignment with servicePrincipalId from this configuration and principalType "Group".`,
          configuration.urn,
        );
      }
    }
  },
};

function mayBeGroup(assignment: PolicyResource): boolean {
  const principalType = readString(assignment.props, "principalType");
  return principalType === "Group" || principalType === UNKNOWN;
}
