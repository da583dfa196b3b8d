/**
 * Deprovisioning (decisions/reference/graph-cts.md §6): a user the job manages that left scope (unassigned, removed
 * from the assigned group, deleted in the source, or no longer passing the scoping filter) is
 * soft-deleted in the target, unless Delete is not among the object mapping's flowTypes.
 * Input-filter drops, skips and failures never deprovision.
 */
import type { UserRecord } from "../emulator/world/types";
import { reason, skipped, targetGone, type EntrySubject } from "./entries";
import { entriesOfType } from "./jobMemory";
import type { PlannedEntry } from "./plan";
import { isSubject, type PlanContext } from "./planContext";
import type { SourceScope } from "./scope";
import type { TargetUserIndex } from "./targetIndex";

function whyOutOfScope(
  sourceUsers: ReadonlyMap<string, UserRecord>,
  sourceId: string,
  outOfScope: ReadonlyMap<string, string>,
): { code: string; text: string } {
  const user = sourceUsers.get(sourceId);
  if (!user || user.deletedDateTime) {
    return { code: "SourceObjectDeleted", text: "was deleted in the source tenant" };
  }
  const filter = outOfScope.get(sourceId);
  if (filter) return { code: "OutOfScope", text: `no longer passes the scoping filter ${filter}` };
  return {
    code: "NotEffectivelyEntitled",
    text: "is no longer assigned to the configuration (directly or as a direct member of an assigned group)",
  };
}

export function planUserDeletions(
  context: PlanContext,
  scope: SourceScope,
  outOfScope: ReadonlyMap<string, string>,
  index: TargetUserIndex,
): PlannedEntry[] {
  const planned: PlannedEntry[] = [];
  const deletes = context.mappings.user?.flowTypes.has("Delete") ?? false;
  const deletedAt = new Date(context.now).toISOString();
  let sourceUsers: Map<string, UserRecord> | undefined;
  for (const [sourceId, known] of entriesOfType(context.memory, "User")) {
    if (!isSubject(context, sourceId)) continue;
    if (scope.userIds.has(sourceId) && !outOfScope.has(sourceId)) continue;
    const subject: EntrySubject = {
      objectType: "User",
      sourceId,
      sourceDisplayName: known.displayName,
    };
    const target = index.user(known.targetId);
    sourceUsers ??= new Map(context.source.users.map((user) => [user.id, user]));
    const why = whyOutOfScope(sourceUsers, sourceId, outOfScope);
    if (!target) {
      // Deleted in the target by someone else: nothing to do but forget it.
      planned.push(targetGone(subject, known.targetId));
      continue;
    }
    const targetRef = { id: target.id, displayName: target.displayName };
    if (!deletes) {
      planned.push(
        skipped(
          subject,
          "delete",
          reason(
            "DeleteNotInFlowTypes",
            `${known.displayName} ${why.text}, but the user object mapping's flowTypes do not include Delete, so the target user is kept.`,
          ),
          targetRef,
        ),
      );
      continue;
    }
    planned.push({
      ...subject,
      action: "delete",
      intended: "delete",
      targetId: target.id,
      targetDisplayName: target.displayName,
      changes: [{ name: "deletedDateTime", oldValue: null, newValue: deletedAt }],
      reason: reason(
        why.code,
        `${known.displayName} ${why.text}: the target user is soft-deleted.`,
      ),
    });
  }
  return planned;
}
