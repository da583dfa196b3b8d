/**
 * What group planning needs, prepared once per plan: the compiled group mappings and scoping
 * filter, the target groups, and which target users this job decides memberships for.
 */
import type { EvaluateOptions } from "../mapping";
import type { GroupRecord } from "../emulator/world/types";
import { compileMappings, referencedSourceAttributes } from "./attributeEvaluation";
import { entriesOfType } from "./jobMemory";
import type { ObjectMappingDocument } from "./objectMappings";
import type { PlanContext } from "./planContext";
import { compileFilter } from "./scopeFilter";
import { groupSourceRecord } from "./sourceRecord";
import { groupWrite } from "./targetValues";
import type { UserPlan } from "./userPlanner";

/** Why a group cannot be synchronized (only security groups can), or undefined. */
export function unsupportedKind(group: GroupRecord): string | undefined {
  if (group.groupTypes.includes("Unified")) return "a Microsoft 365 group";
  if (!group.securityEnabled) return "not a security group";
  if (group.mailEnabled) return "a mail-enabled security group";
  if (group.isAssignableToRole === true) return "a role-assignable group";
  return undefined;
}

export interface GroupTools {
  objectMapping: ObjectMappingDocument;
  evaluate: (group: GroupRecord) => { writes: Map<string, unknown> } | { problem: string };
  scopeFilter: ReturnType<typeof compileFilter>;
  attributes: string[];
  syncsMembers: boolean;
  /** Target user ids whose memberships this job decides (its users, and deleted users). */
  managedUsers: ReadonlySet<string>;
  provisioned: ReadonlyMap<string, string>;
  targetGroups: ReadonlyMap<string, GroupRecord>;
}

export function groupTools(
  context: PlanContext,
  objectMapping: ObjectMappingDocument,
  users: UserPlan,
) {
  const compiled = compileMappings(objectMapping).filter(
    (mapping) => !mapping.matching && mapping.target !== "members",
  );
  const options: EvaluateOptions = {
    now: new Date(context.now),
    defaultDomain: context.source.domain,
  };
  const attributes = referencedSourceAttributes(objectMapping);
  const managedUsers = new Set(users.provisioned.values());
  for (const [, known] of entriesOfType(context.memory, "User")) managedUsers.add(known.targetId);
  // Users deleted in the target (by this plan or earlier) leave the groups this job manages.
  for (const entry of users.entries) {
    if (entry.action === "delete" && entry.targetId) managedUsers.add(entry.targetId);
  }
  for (const user of context.target.users) if (user.deletedDateTime) managedUsers.add(user.id);
  const tools: GroupTools = {
    objectMapping,
    attributes,
    scopeFilter: compileFilter(objectMapping.scopeGroups),
    syncsMembers: objectMapping.attributeMappings.some((m) => m.targetAttributeName === "members"),
    managedUsers,
    provisioned: users.provisioned,
    targetGroups: new Map(context.target.groups.map((group) => [group.id, group])),
    evaluate: (group) => {
      const record = groupSourceRecord(group, attributes, { assigned: true });
      const writes = new Map<string, unknown>();
      for (const mapping of compiled) {
        try {
          const outcome = mapping.evaluate(record, options);
          if (outcome.kind === "ignoreObject") return { problem: "IgnoreObjectFlow" };
          if (outcome.kind === "skipAttribute") continue;
          const write = groupWrite(mapping.target, outcome.value);
          if (write.kind === "write") writes.set(write.property, write.value);
        } catch (error) {
          return {
            problem: `The mapping for ${mapping.target} failed: ${(error as Error).message}`,
          };
        }
      }
      return { writes };
    },
  };
  return tools;
}

/** Target ids of the group's direct user members that this job provisions. */
export function memberTargets(group: GroupRecord, tools: GroupTools): string[] {
  const targets: string[] = [];
  for (const memberId of group.memberIds) {
    const targetId = tools.provisioned.get(memberId);
    if (targetId) targets.push(targetId);
  }
  return targets;
}
