/**
 * The job's `status` after a cycle (decisions/reference/graph-cts.md §5.4 synchronizationStatus): lastExecution and
 * its counts, lastSuccessfulExecution(WithExports), steady-state times, entry counts by type,
 * code Active after a completed cycle, and quarantine {reason, currentBegan, nextAttempt,
 * seriesBegan, seriesCount, error} when a cycle cannot run or holds deletions (decisions/0055).
 */
import type { JsonObject, SyncJobRecord } from "../world/types";
import { entriesOfType, type JobProvisioningState } from "../../provisioning/jobMemory";
import type { SynchronizationError } from "./policyGate";

/** CTS cycles run every 40 minutes; a quarantined job is retried on the same rhythm. */
export const CYCLE_INTERVAL_MS = 40 * 60 * 1000;

export type ExecutionState = "Succeeded" | "Failed" | "EntryLevelErrors";

export type QuarantineReason = "EncounteredQuarantineException" | "TooManyDeletes";

export interface ExecutionCounts {
  /** Source objects read. */
  imported: number;
  /** Objects in scope (assigned or all, passing the filters). */
  entitled: number;
  /** In-scope objects the engine would export (not skipped). */
  entitledForProvisioning: number;
  /** Exports attempted (creates, updates, deletes, failures). */
  exports: number;
  /** Exports that succeeded. */
  exported: number;
  /** Entries that failed and will be retried next cycle. */
  escrowed: number;
}

export interface Execution {
  cycleId: string;
  began: number;
  ended: number;
  counts: ExecutionCounts;
  state: ExecutionState;
  error?: SynchronizationError;
}

const iso = (ms: number) => new Date(ms).toISOString();

function taskExecution(execution: Execution): JsonObject {
  const { counts } = execution;
  return {
    activityIdentifier: execution.cycleId,
    countEntitled: counts.entitled,
    countEntitledForProvisioning: counts.entitledForProvisioning,
    countEscrowed: counts.escrowed,
    countEscrowedRaw: counts.escrowed,
    countExported: counts.exported,
    countExports: counts.exports,
    countImported: counts.imported,
    countImportedDeltas: counts.imported,
    countImportedReferenceDeltas: 0,
    error: execution.error ?? { code: "None", message: "", tenantActionable: false },
    state: execution.state,
    timeBegan: iso(execution.began),
    timeEnded: iso(execution.ended),
  };
}

function entryCounts(memory: JobProvisioningState): Array<{ key: string; value: number }> {
  const counts = [{ key: "user to User", value: entriesOfType(memory, "User").length }];
  const groups = entriesOfType(memory, "Group").length;
  if (groups > 0) counts.push({ key: "group to Group", value: groups });
  return counts;
}

/** A cycle that ran to the end (with or without entry-level errors). */
export function recordCompletedCycle(
  job: SyncJobRecord,
  execution: Execution,
  memory: JobProvisioningState,
): void {
  const status = job.status;
  const record = taskExecution(execution);
  status.code = "Active";
  status.quarantine = null;
  status.troubleshootingUrl = "";
  status.countSuccessiveCompleteFailures = 0;
  status.lastExecution = record;
  status.lastSuccessfulExecution = record;
  if (execution.counts.exported > 0) status.lastSuccessfulExecutionWithExports = record;
  const ended = iso(execution.ended);
  if (
    status.steadyStateFirstAchievedTime === undefined ||
    String(status.steadyStateFirstAchievedTime).startsWith("0001-")
  ) {
    status.steadyStateFirstAchievedTime = ended;
  }
  status.steadyStateLastAchievedTime = ended;
  status.synchronizedEntryCountByType = entryCounts(memory);
  memory.cycles += 1;
}

/** Puts the job in quarantine (or extends the current series of the same reason). */
export function quarantineJob(
  job: SyncJobRecord,
  reason: QuarantineReason,
  execution: Execution,
  memory: JobProvisioningState,
): void {
  const status = job.status;
  const error = execution.error as SynchronizationError;
  const current = status.quarantine as JsonObject | null | undefined;
  const sameSeries = current && current.reason === reason;
  status.code = "Quarantine";
  status.lastExecution = taskExecution(execution);
  status.countSuccessiveCompleteFailures = Number(status.countSuccessiveCompleteFailures ?? 0) + 1;
  status.synchronizedEntryCountByType = entryCounts(memory);
  status.quarantine = {
    currentBegan: sameSeries ? current.currentBegan : iso(execution.ended),
    nextAttempt: iso(execution.ended + CYCLE_INTERVAL_MS),
    reason,
    seriesBegan: sameSeries ? current.seriesBegan : iso(execution.ended),
    seriesCount: sameSeries ? Number(current.seriesCount ?? 0) + 1 : 1,
    error,
  };
}

/** The job's quarantine reason, if it is quarantined. */
export function quarantineReason(job: SyncJobRecord): string | undefined {
  const quarantine = job.status.quarantine as JsonObject | null | undefined;
  return quarantine ? String(quarantine.reason) : undefined;
}
