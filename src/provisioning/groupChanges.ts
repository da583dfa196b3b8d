/**
 * The create or update of one in-scope group: a new static security group with the direct members
 * this job provisions, or the changed properties and memberships of the group the job manages.
 */
import type { GroupRecord, JsonObject } from "../emulator/world/types";
import { failed, reason, skipped, type EntrySubject } from "./entries";
import type { PlannedEntry, PropertyChange } from "./plan";
import type { PlanContext } from "./planContext";
import { isEmptyValue, sameValue } from "./targetValues";
import { memberTargets, unsupportedKind, type GroupTools } from "./groupTools";

export function planGroupChange(
  context: PlanContext,
  group: GroupRecord,
  tools: GroupTools,
): PlannedEntry {
  const subject: EntrySubject = {
    objectType: "Group",
    sourceId: group.id,
    sourceDisplayName: group.displayName,
  };
  const kind = unsupportedKind(group);
  if (kind) {
    return skipped(
      subject,
      "other",
      reason(
        "GroupTypeNotSupported",
        `${group.displayName} is ${kind}; cross-tenant synchronization provisions security groups only.`,
      ),
    );
  }
  const evaluated = tools.evaluate(group);
  const known = context.memory.entries[group.id];
  const existing = known ? tools.targetGroups.get(known.targetId) : undefined;
  const targetRef = existing ? { id: existing.id, displayName: existing.displayName } : undefined;
  if ("problem" in evaluated) {
    return evaluated.problem === "IgnoreObjectFlow"
      ? skipped(
          subject,
          "other",
          reason("IgnoreObjectFlow", "A mapping returned IgnoreObjectFlow."),
        )
      : failed(
          subject,
          existing ? "update" : "create",
          reason("ExpressionEvaluationFailure", evaluated.problem),
          targetRef,
        );
  }
  const members = memberTargets(group, tools);
  if (!existing) return planGroupCreate(context, subject, evaluated.writes, members, tools);
  return planGroupUpdate(subject, existing, evaluated.writes, members, tools);
}

function planGroupCreate(
  context: PlanContext,
  subject: EntrySubject,
  writes: Map<string, unknown>,
  members: string[],
  tools: GroupTools,
): PlannedEntry {
  if (!tools.objectMapping.flowTypes.has("Add")) {
    return skipped(
      subject,
      "create",
      reason("AddNotInFlowTypes", "The group object mapping's flowTypes do not include Add."),
    );
  }
  const displayName = writes.get("displayName");
  if (typeof displayName !== "string" || displayName === "") {
    return failed(
      subject,
      "create",
      reason("MissingRequiredAttribute", "displayName is required to create a group. Map it."),
    );
  }
  const properties: JsonObject = {
    displayName,
    description: writes.get("description") ?? null,
    mailNickname:
      writes.get("mailNickname") ?? displayName.toLowerCase().replace(/[^a-z0-9]+/g, "-"),
    securityEnabled: true,
    mailEnabled: false,
    groupTypes: [],
  };
  const memberIds = tools.syncsMembers ? members : [];
  const id = context.newId();
  const record: JsonObject = {
    id,
    ...properties,
    mail: null,
    isAssignableToRole: false,
    visibility: null,
    createdDateTime: new Date(context.now).toISOString(),
    memberIds,
  };
  const changes: PropertyChange[] = Object.entries(properties).map(([name, newValue]) => ({
    name,
    oldValue: null,
    newValue,
  }));
  if (memberIds.length) changes.push({ name: "members", oldValue: [], newValue: memberIds });
  return {
    ...subject,
    action: "create",
    intended: "create",
    targetId: id,
    targetDisplayName: displayName,
    record,
    changes,
    memberIds,
  };
}

function planGroupUpdate(
  subject: EntrySubject,
  existing: GroupRecord,
  writes: Map<string, unknown>,
  members: string[],
  tools: GroupTools,
): PlannedEntry {
  const changes: PropertyChange[] = [];
  const flowTypeOf = (name: string) =>
    tools.objectMapping.attributeMappings.find((m) => m.targetAttributeName === name)?.flowType;
  if (tools.objectMapping.flowTypes.has("Update")) {
    for (const [name, value] of writes) {
      const flowType = flowTypeOf(name);
      if (flowType === "ObjectAddOnly") continue;
      if (
        (flowType === "AttributeAddOnly" || flowType === "ValueAddOnly") &&
        !isEmptyValue(existing[name])
      ) {
        continue;
      }
      if (!sameValue(existing[name], value)) {
        changes.push({ name, oldValue: existing[name] ?? null, newValue: value });
      }
    }
  }
  let memberIds = existing.memberIds;
  if (tools.syncsMembers) {
    // Members someone else added in the target stay; only this job's users come and go.
    const kept = existing.memberIds.filter((id) => !tools.managedUsers.has(id));
    memberIds = [...kept, ...members.filter((id) => !kept.includes(id))];
    const before = [...existing.memberIds].sort();
    const after = [...memberIds].sort();
    if (!sameValue(before, after)) {
      changes.push({ name: "members", oldValue: existing.memberIds, newValue: memberIds });
    }
  }
  return {
    ...subject,
    action: changes.length ? "update" : "noop",
    intended: "update",
    targetId: existing.id,
    targetDisplayName: existing.displayName,
    matchedBy: "memory",
    changes,
    memberIds,
  };
}
