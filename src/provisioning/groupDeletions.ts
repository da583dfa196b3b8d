/** Groups the job manages that are no longer assigned: deleted, or kept without Delete. */
import { reason, skipped, targetGone, type EntrySubject } from "./entries";
import type { GroupTools } from "./groupTools";
import { entriesOfType } from "./jobMemory";
import type { PlannedEntry } from "./plan";
import { isSubject, type PlanContext } from "./planContext";

export function planGroupDeletions(
  context: PlanContext,
  inScope: ReadonlySet<string>,
  tools: Pick<GroupTools, "targetGroups">,
  deletes: boolean,
): PlannedEntry[] {
  const planned: PlannedEntry[] = [];
  for (const [sourceId, known] of entriesOfType(context.memory, "Group")) {
    if (!isSubject(context, sourceId) || inScope.has(sourceId)) continue;
    const subject: EntrySubject = {
      objectType: "Group",
      sourceId,
      sourceDisplayName: known.displayName,
    };
    const target = tools.targetGroups.get(known.targetId);
    if (!target) {
      planned.push(targetGone(subject, known.targetId));
      continue;
    }
    const targetRef = { id: target.id, displayName: target.displayName };
    const why = `${known.displayName} is no longer assigned to the configuration`;
    planned.push(
      deletes
        ? {
            ...subject,
            action: "delete",
            intended: "delete",
            targetId: target.id,
            targetDisplayName: target.displayName,
            changes: [],
            reason: reason("NotEffectivelyEntitled", `${why}: the target group is deleted.`),
          }
        : skipped(
            subject,
            "delete",
            reason(
              "DeleteNotInFlowTypes",
              `${why}, but the group object mapping's flowTypes do not include Delete, so the target group is kept.`,
            ),
            targetRef,
          ),
    );
  }
  return planned;
}
