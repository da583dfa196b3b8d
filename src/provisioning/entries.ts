/** Small builders for planned entries, so the planners read as decisions rather than literals. */
import type { ProvisionedObjectType } from "./jobMemory";
import type { EntryReason, PlannedEntry, ProvisioningAction, ScopingTrace } from "./plan";

export interface EntrySubject {
  objectType: ProvisionedObjectType;
  sourceId: string;
  sourceDisplayName: string;
  scoping?: ScopingTrace;
}

export function skipped(
  subject: EntrySubject,
  intended: ProvisioningAction,
  reason: EntryReason,
  target?: { id: string; displayName: string },
): PlannedEntry {
  return {
    ...subject,
    action: "skip",
    intended,
    reason,
    changes: [],
    targetId: target?.id,
    targetDisplayName: target?.displayName,
  };
}

export function failed(
  subject: EntrySubject,
  intended: ProvisioningAction,
  reason: EntryReason,
  target?: { id: string; displayName: string },
): PlannedEntry {
  return { ...skipped(subject, intended, reason, target), action: "fail" };
}

export const reason = (code: string, message: string): EntryReason => ({ code, message });

/** A managed target object someone else deleted: nothing to delete, the job forgets it. */
export function targetGone(subject: EntrySubject, targetId: string): PlannedEntry {
  const kind = subject.objectType === "Group" ? "group" : "user";
  return {
    ...subject,
    action: "noop",
    intended: "delete",
    targetId,
    changes: [],
    reason: reason("TargetObjectGone", `The target ${kind} ${targetId} no longer exists.`),
  };
}
