/**
 * Group provisioning (beta, decisions/reference/graph-cts.md §6 and ED-OVW "Group synchronization"): when the group
 * object mapping is enabled, assigned security groups are created in the target as static
 * security groups with their direct members that this job provisions. Nested groups,
 * Microsoft 365, mail-enabled and role-assignable groups are not synchronized. A same-named group
 * that already exists in the target is not matched: groups join only through the job's own link.
 * Groups that leave scope are deleted when Delete is among the group mapping's flowTypes.
 */
import type { GroupRecord } from "../emulator/world/types";
import { failed, reason, skipped, type EntrySubject } from "./entries";
import { planGroupChange } from "./groupChanges";
import { planGroupDeletions } from "./groupDeletions";
import { groupTools } from "./groupTools";
import type { PlannedEntry } from "./plan";
import { isSubject, type PlanContext } from "./planContext";
import { CROSS_TENANT_SYNC_POLICY_CHECK_FAILURE } from "./groupSyncPolicy";
import type { SourceScope } from "./scope";
import { groupSourceRecord } from "./sourceRecord";
import type { UserPlan } from "./userPlanner";

export interface GroupPlanOptions {
  /** The target allows inbound group sync from the source (beta groupSyncInbound). */
  groupSyncAllowed: boolean;
}

export function planGroups(
  context: PlanContext,
  scope: SourceScope,
  users: UserPlan,
  options: GroupPlanOptions,
): PlannedEntry[] {
  const objectMapping = context.mappings.group;
  // Groups synchronize only with "Sync only assigned users and groups" (ED-CFG step 7).
  const candidates = context.settings.syncAll
    ? []
    : scope.assignedGroups.filter((group) => isSubject(context, group.id));
  const subjectOf = (group: GroupRecord): EntrySubject => ({
    objectType: "Group",
    sourceId: group.id,
    sourceDisplayName: group.displayName,
  });
  if (!objectMapping?.enabled) {
    return candidates.map((group) =>
      skipped(
        subjectOf(group),
        "other",
        reason(
          "EntityTypeNotSupported",
          `${group.displayName} is a group and the group object mapping is disabled. Enable "Provision Azure Active Directory Groups" in the schema to synchronize groups.`,
        ),
      ),
    );
  }
  if (!options.groupSyncAllowed) {
    return candidates.map((group) =>
      failed(
        subjectOf(group),
        "create",
        reason(
          CROSS_TENANT_SYNC_POLICY_CHECK_FAILURE,
          `The target tenant has not enabled inbound group synchronization with this tenant. In the target tenant ${context.target.id}, set groupSyncInbound.isSyncAllowed to true on the identitySynchronization policy for ${context.source.id} (beta).`,
        ),
      ),
    );
  }
  const tools = groupTools(context, objectMapping, users);
  const inScope = new Set<string>();
  const planned: PlannedEntry[] = [];
  for (const group of candidates) {
    const record = groupSourceRecord(group, tools.attributes, { assigned: true });
    const verdict = tools.scopeFilter(record);
    if (!verdict.passed) {
      if (!context.memory.entries[group.id]) {
        planned.push(
          skipped(
            subjectOf(group),
            "other",
            reason(
              "NotInScope",
              `The scoping filter ${verdict.failed} is False for ${group.displayName}.`,
            ),
          ),
        );
      }
      continue;
    }
    inScope.add(group.id);
    planned.push(planGroupChange(context, group, tools));
  }
  return [
    ...planned,
    ...planGroupDeletions(context, inScope, tools, objectMapping.flowTypes.has("Delete")),
  ];
}
