/**
 * "What will my target tenant contain": the plan of the next cycle of a job, without applying
 * it. Lists the users (and groups) a cycle would create with their attributes, update (with the
 * changes and the resulting attributes), delete, leave unchanged, fail on (conflicts) and skip
 * (with reasons). Works on a job that was never started; reads the world and writes nothing.
 */
import type { JsonObject, WorldState } from "../world/types";
import {
  RestartScopeFlag,
  hasRestartFlag,
  parseRestartScope,
} from "../graph/synchronization/restartScope";
import { peekJobMemory, type ProvisionedObjectType } from "../../provisioning/jobMemory";
import { findTenant, selectJob, type JobSelector } from "./jobSelection";
import { quarantineReason } from "./jobStatus";
import type { PlannedEntry, PropertyChange } from "../../provisioning/plan";
import { planCycle } from "../../provisioning/planCycle";
import { checkCycleGate, type SynchronizationError } from "./policyGate";

interface PreviewObject {
  objectType: ProvisionedObjectType;
  sourceId: string;
  sourceDisplayName: string;
}

export interface PreviewCreate extends PreviewObject {
  /**
   * A placeholder id ("new-1", "new-2", ...): the real id is assigned when the cycle runs. References
   * to the new object in this preview (a manager, a group member) use the placeholder.
   */
  plannedId: string;
  /** The new object's properties. */
  attributes: JsonObject;
}

export interface PreviewUpdate extends PreviewObject {
  targetId: string;
  /** memory: the object this job manages; alternativeSecurityIds: an existing account taken over. */
  matchedBy?: "memory" | "alternativeSecurityIds";
  changes: PropertyChange[];
  /** The object's properties after the update. */
  attributes: JsonObject;
}

export interface PreviewDelete extends PreviewObject {
  targetId: string;
  reason: string;
  /** True when the accidental-deletion threshold would hold the deletion. */
  held: boolean;
}

export interface PreviewProblem extends PreviewObject {
  targetId?: string;
  code: string;
  message: string;
}

export interface ProvisioningPreview {
  tenantId: string;
  servicePrincipalId: string;
  jobId: string;
  targetTenantId: string | null;
  /** Why a cycle would not run (or would quarantine) right now; the plan is still shown when possible. */
  blocked?: SynchronizationError;
  create: PreviewCreate[];
  update: PreviewUpdate[];
  delete: PreviewDelete[];
  unchanged: Array<PreviewObject & { targetId: string }>;
  /** Entry-level errors (e.g. a UPN already taken in the target). */
  conflicts: PreviewProblem[];
  skipped: PreviewProblem[];
  deletionThreshold: { threshold: number | null; deletions: number; exceeded: boolean };
}

export interface PreviewOptions {
  /** The emulator clock (ms since epoch). Default Date.now. */
  now?: () => number;
}

/** The record without the emulator's bookkeeping (managerId stays: it is the manager reference). */
function withoutBookkeeping(record: JsonObject): JsonObject {
  const { netId: _netId, memberIds: _memberIds, ownerIds: _ownerIds, ...rest } = record;
  return rest;
}

const objectOf = (entry: PlannedEntry): PreviewObject => ({
  objectType: entry.objectType,
  sourceId: entry.sourceId,
  sourceDisplayName: entry.sourceDisplayName,
});

function createdAttributes(entry: PlannedEntry): JsonObject {
  // The plan's records are fresh objects that nothing else holds: no copy needed.
  const { id: _id, ...attributes } = withoutBookkeeping(entry.record ?? {});
  return entry.objectType === "Group"
    ? { ...attributes, members: entry.memberIds ?? [] }
    : attributes;
}

function updatedAttributes(
  world: WorldState,
  targetTenantId: string,
  entry: PlannedEntry,
): JsonObject {
  const tenant = findTenant(world, targetTenantId);
  const current =
    entry.objectType === "User"
      ? tenant?.users.find((user) => user.id === entry.targetId)
      : tenant?.groups.find((group) => group.id === entry.targetId);
  const attributes = withoutBookkeeping(structuredClone(current ?? {}));
  for (const change of entry.changes) attributes[change.name] = structuredClone(change.newValue);
  if (entry.objectType === "Group") attributes.members = entry.memberIds ?? [];
  return attributes;
}

const problem = (entry: PlannedEntry): PreviewProblem => ({
  ...objectOf(entry),
  targetId: entry.targetId,
  code: entry.reason?.code ?? "Unknown",
  message: entry.reason?.message ?? "",
});

function pendingForceDeletes(pending: string | undefined): boolean {
  try {
    return pending
      ? hasRestartFlag(parseRestartScope(pending), RestartScopeFlag.ForceDeletes)
      : false;
  } catch {
    return false;
  }
}

/** What the next cycle of the job would do, without doing it. */
export function previewProvisioning(
  world: WorldState,
  selector: JobSelector,
  options: PreviewOptions = {},
): ProvisioningPreview {
  const selected = selectJob(world, selector, "preview provisioning");
  const { job, source } = selected;
  const preview: ProvisioningPreview = {
    tenantId: source.id,
    servicePrincipalId: selected.servicePrincipal.id,
    jobId: job.id,
    targetTenantId: null,
    create: [],
    update: [],
    delete: [],
    unchanged: [],
    conflicts: [],
    skipped: [],
    deletionThreshold: {
      threshold: selected.settings.deleteThreshold ?? null,
      deletions: 0,
      exceeded: false,
    },
  };
  const gate = checkCycleGate(world, source, selected.settings);
  const target = gate.ok ? gate.target : findTenant(world, selected.settings.companyId ?? "");
  if (!gate.ok) preview.blocked = gate.error;
  if (!target) return preview;
  const forceDeletes = pendingForceDeletes(job.pendingRestartScope);
  if (gate.ok && quarantineReason(job) === "TooManyDeletes" && !forceDeletes) {
    preview.blocked = (job.status.quarantine as { error: SynchronizationError }).error;
  }
  preview.targetTenantId = target.id;
  let created = 0;
  const plan = planCycle({
    selected,
    target,
    memory: peekJobMemory(job),
    now: (options.now ?? Date.now)(),
    newId: () => `new-${(created += 1)}`,
    forceDeletes,
  });
  preview.deletionThreshold = {
    threshold: plan.deleteThreshold ?? null,
    deletions: plan.deletions,
    exceeded: plan.deletionsHeld,
  };
  for (const entry of [...plan.users, ...plan.groups]) {
    switch (entry.action) {
      case "create":
        preview.create.push({
          ...objectOf(entry),
          plannedId: entry.targetId as string,
          attributes: createdAttributes(entry),
        });
        break;
      case "update":
        preview.update.push({
          ...objectOf(entry),
          targetId: entry.targetId as string,
          matchedBy: entry.matchedBy,
          changes: entry.changes,
          attributes: updatedAttributes(world, target.id, entry),
        });
        break;
      case "delete":
        preview.delete.push({
          ...objectOf(entry),
          targetId: entry.targetId as string,
          reason: entry.reason?.message ?? "",
          held: plan.deletionsHeld,
        });
        break;
      case "noop":
        if (entry.intended !== "delete") {
          preview.unchanged.push({ ...objectOf(entry), targetId: entry.targetId as string });
        }
        break;
      case "fail":
        preview.conflicts.push(problem(entry));
        break;
      case "skip":
        preview.skipped.push(problem(entry));
        break;
    }
  }
  return preview;
}
