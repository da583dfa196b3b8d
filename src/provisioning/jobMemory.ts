/**
 * What a provisioning job remembers between cycles: the service's "connector data store". For each
 * source object it provisioned (or took over) it keeps the target object id, so a later cycle can
 * update the same object and delete it when the source object leaves scope. It also remembers which
 * skips it already reported, so steady-state cycles do not repeat them in the provisioning logs.
 *
 * The memory lives on the job record under `provisioning` (plain JSON, so snapshots keep it;
 * decisions/0050).
 */
import type {
  JobProvisioningState,
  ProvisionedEntry,
  SyncJobRecord,
} from "../emulator/world/types";

export type { JobProvisioningState, ProvisionedEntry } from "../emulator/world/types";
export type ProvisionedObjectType = ProvisionedEntry["objectType"];

export function emptyMemory(): JobProvisioningState {
  return { entries: {}, reportedSkips: {}, schemaVersion: null, cycles: 0 };
}

/** The job's memory, created on first use. */
export function jobMemory(job: SyncJobRecord): JobProvisioningState {
  job.provisioning ??= emptyMemory();
  return job.provisioning;
}

/** The job's memory without creating it (previews must not write to the world). */
export function peekJobMemory(job: SyncJobRecord): JobProvisioningState {
  return job.provisioning ?? emptyMemory();
}

/** Source ids of the entries of one object type. */
export function entriesOfType(
  memory: JobProvisioningState,
  objectType: ProvisionedObjectType,
): Array<[string, ProvisionedEntry]> {
  return Object.entries(memory.entries).filter(([, entry]) => entry.objectType === objectType);
}
