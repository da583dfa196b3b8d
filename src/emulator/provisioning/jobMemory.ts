/**
 * What a provisioning job remembers between cycles: the service's "connector data store". For each
 * source object it provisioned (or took over) it keeps the target object id, so a later cycle can
 * update the same object and delete it when the source object leaves scope. It also remembers which
 * skips it already reported, so steady-state cycles do not repeat them in the provisioning logs.
 *
 * The memory lives on the job record under `provisioning` (plain JSON, so snapshots keep it). The
 * world's SyncJobRecord type does not declare the field yet, hence the local extension type
 * (decisions/0050).
 */
import type { SyncJobRecord } from "../world/types";

export type ProvisionedObjectType = "User" | "Group";

/** One source object the job manages in the target tenant. */
export interface ProvisionedEntry {
  objectType: ProvisionedObjectType;
  targetId: string;
  /** The source object's display name when last seen (logs still name it after it is gone). */
  displayName: string;
}

export interface JobProvisioningState {
  /** Source object id -> the target object the job manages for it. */
  entries: Record<string, ProvisionedEntry>;
  /** Source object id -> the skip (code) last written to the provisioning logs. */
  reportedSkips: Record<string, string>;
  /** Schema version the skips were reported under: a schema change re-evaluates everyone. */
  schemaVersion: string | null;
  /** Completed cycles (the first one turns the job Active). */
  cycles: number;
}

type JobWithMemory = SyncJobRecord & { provisioning?: JobProvisioningState };

export function emptyMemory(): JobProvisioningState {
  return { entries: {}, reportedSkips: {}, schemaVersion: null, cycles: 0 };
}

/** The job's memory, created on first use. */
export function jobMemory(job: SyncJobRecord): JobProvisioningState {
  const holder = job as JobWithMemory;
  holder.provisioning ??= emptyMemory();
  return holder.provisioning;
}

/** The job's memory without creating it (previews must not write to the world). */
export function peekJobMemory(job: SyncJobRecord): JobProvisioningState {
  return (job as JobWithMemory).provisioning ?? emptyMemory();
}

/** Source ids of the entries of one object type. */
export function entriesOfType(
  memory: JobProvisioningState,
  objectType: ProvisionedObjectType,
): Array<[string, ProvisionedEntry]> {
  return Object.entries(memory.entries).filter(([, entry]) => entry.objectType === objectType);
}
