/**
 * Applies a plan: writes the target tenant (creates, updates, soft deletes of users; creates,
 * updates and deletes of groups) and the job's memory. Held deletions (over the threshold) are
 * left alone. Soft delete = deletedDateTime set, the record kept in the tenant's user list
 * (decisions/0053): lookups hide it and it keeps its properties for a manual restore.
 */
import type { GroupRecord, JsonObject, TenantState, UserRecord } from "../world/types";
import type { JobProvisioningState } from "../../provisioning/jobMemory";
import type { CyclePlan, PlannedEntry } from "../../provisioning/plan";

export interface ApplyOptions {
  now: number;
  /** Called with the id of every object created in the target (replication-lag bookkeeping). */
  onCreated?: (objectId: string) => void;
}

/** What happened to each entry once applied. */
export interface AppliedPlan {
  /** Entries as applied (held deletions left out). */
  entries: PlannedEntry[];
  /** Deletions that were held by the accidental-deletion threshold. */
  held: PlannedEntry[];
}

function assign(record: JsonObject, entry: PlannedEntry): void {
  for (const change of entry.changes) {
    if (change.name === "members") continue;
    record[change.name] = structuredClone(change.newValue);
  }
}

function remember(memory: JobProvisioningState, entry: PlannedEntry): void {
  if (!entry.targetId) return;
  memory.entries[entry.sourceId] = {
    objectType: entry.objectType,
    targetId: entry.targetId,
    displayName: entry.sourceDisplayName,
  };
}

export function applyPlan(
  plan: CyclePlan,
  target: TenantState,
  memory: JobProvisioningState,
  options: ApplyOptions,
): AppliedPlan {
  const users = new Map<string, UserRecord>(target.users.map((user) => [user.id, user]));
  const groups = new Map<string, GroupRecord>(target.groups.map((group) => [group.id, group]));
  const deletedAt = new Date(options.now).toISOString();
  const applied: PlannedEntry[] = [];
  const held: PlannedEntry[] = [];
  const removedGroups = new Set<string>();

  for (const entry of [...plan.users, ...plan.groups]) {
    if (entry.action === "delete" && plan.deletionsHeld) {
      held.push(entry);
      continue;
    }
    applied.push(entry);
    const isUser = entry.objectType === "User";
    const existing = entry.targetId
      ? isUser
        ? users.get(entry.targetId)
        : groups.get(entry.targetId)
      : undefined;
    switch (entry.action) {
      case "create": {
        // The plan built the record for this purpose and is discarded after the cycle.
        const record = entry.record as JsonObject;
        if (isUser) target.users.push(record as UserRecord);
        else target.groups.push(record as GroupRecord);
        options.onCreated?.(String(record.id));
        remember(memory, entry);
        break;
      }
      case "update":
        if (existing) {
          assign(existing, entry);
          if (!isUser && entry.memberIds)
            (existing as GroupRecord).memberIds = [...entry.memberIds];
        }
        remember(memory, entry);
        break;
      case "noop":
        if (entry.intended === "delete") delete memory.entries[entry.sourceId];
        else remember(memory, entry);
        break;
      case "delete":
        if (isUser && existing) existing.deletedDateTime = deletedAt;
        if (!isUser && entry.targetId) removedGroups.add(entry.targetId);
        delete memory.entries[entry.sourceId];
        break;
      default:
        // Skips and failures change nothing; the job keeps what it knew.
        break;
    }
  }
  // In place: other code may hold the array.
  for (let i = target.groups.length - 1; i >= 0; i -= 1) {
    if (removedGroups.has(target.groups[i].id)) target.groups.splice(i, 1);
  }
  return { entries: applied, held };
}
