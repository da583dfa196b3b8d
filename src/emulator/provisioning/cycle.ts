/**
 * One provisioning cycle of one job (decisions/reference/graph-cts.md §§5-8):
 *   1. a job quarantined for TooManyDeletes waits for a ForceDeletes restart;
 *   2. the gate: saved credentials and both tenants' policies, else quarantine with the real error;
 *   3. restart flags pending from `restart` apply (ConnectorDataStore forgets, Watermark re-reports);
 *   4. plan, apply (deletions held when over the threshold), log, update the job status.
 */
import { randomUUID } from "node:crypto";
import type { WorldState } from "../world/types";
import {
  RestartScopeFlag,
  hasRestartFlag,
  parseRestartScope,
} from "../graph/synchronization/restartScope";
import { applyPlan } from "./applyPlan";
import { changeCounts, executionCounts, type ChangeCounts } from "./cycleCounts";
import { jobMemory, type JobProvisioningState } from "../../provisioning/jobMemory";
import { selectJob, type JobSelector, type SelectedJob } from "./jobSelection";
import { quarantineJob, quarantineReason, recordCompletedCycle, type Execution } from "./jobStatus";
import { entriesToLog } from "./logSelection";
import { readJobMappings } from "../../provisioning/objectMappings";
import { planCycle } from "../../provisioning/planCycle";
import { checkCycleGate, type SynchronizationError } from "./policyGate";
import { ProvisioningError } from "./provisioningError";
import type { EntryReason } from "../../provisioning/plan";
import {
  appendProvisioningLogs,
  provisioningLogEntry,
  stagedDeleteLogEntry,
  type LogScope,
} from "./provisioningLog";

export interface CycleOptions {
  /** The emulator clock (ms since epoch). Default Date.now. */
  now?: () => number;
  /** Called for every object created in the target (the replication-lag knob marks it). */
  onCreated?: (objectId: string) => void;
  /** Object ids for created objects. Default crypto.randomUUID. */
  newId?: () => string;
}

export type CycleOutcome = "Succeeded" | "EntryLevelErrors" | "Quarantined";

export interface CycleReport {
  tenantId: string;
  servicePrincipalId: string;
  jobId: string;
  /** The cycle's activity id (provisioning logs' cycleId); null when nothing ran. */
  cycleId: string | null;
  outcome: CycleOutcome;
  /** Set when the job is (still) quarantined after this call. */
  quarantine?: { reason: string; error: SynchronizationError };
  changes: ChangeCounts;
  /** Provisioning log entries written. */
  logEntries: number;
}

const NO_CHANGES: ChangeCounts = {
  created: 0,
  updated: 0,
  deleted: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
  held: 0,
};

function pendingFlags(selected: SelectedJob): number {
  const pending = selected.job.pendingRestartScope;
  if (!pending) return 0;
  try {
    return parseRestartScope(pending);
  } catch {
    return 0;
  }
}

function applyRestartFlags(
  flags: number,
  memory: JobProvisioningState,
  schemaVersion: string | null,
) {
  if (hasRestartFlag(flags, RestartScopeFlag.ConnectorDataStore)) memory.entries = {};
  if (hasRestartFlag(flags, RestartScopeFlag.Watermark) || memory.schemaVersion !== schemaVersion) {
    // A full re-evaluation (or a changed schema, ED-CFG step 8) reports every skip again.
    memory.reportedSkips = {};
  }
  memory.schemaVersion = schemaVersion;
}

function report(
  selected: SelectedJob,
  fields: Partial<CycleReport> & Pick<CycleReport, "outcome">,
): CycleReport {
  return {
    tenantId: selected.source.id,
    servicePrincipalId: selected.servicePrincipal.id,
    jobId: selected.job.id,
    cycleId: null,
    changes: NO_CHANGES,
    logEntries: 0,
    ...fields,
  };
}

function quarantineOf(selected: SelectedJob): CycleReport["quarantine"] {
  const quarantine = selected.job.status.quarantine as {
    reason: string;
    error: SynchronizationError;
  } | null;
  return quarantine ? { reason: quarantine.reason, error: quarantine.error } : undefined;
}

/** Runs one cycle of an active job; throws ProvisioningError when the job is missing or inactive. */
export function runCycle(
  world: WorldState,
  selector: JobSelector,
  options: CycleOptions = {},
): CycleReport {
  const clock = options.now ?? Date.now;
  const selected = selectJob(world, selector, "run a provisioning cycle");
  const { job, source } = selected;
  if (job.schedule.state !== "Active") {
    throw new ProvisioningError(
      "notRunnable",
      `Failed to run a provisioning cycle for job ${job.id}: the job is ${String(job.schedule.state)}. Start it (POST .../jobs/${job.id}/start) first.`,
    );
  }
  const flags = pendingFlags(selected);
  const forceDeletes = hasRestartFlag(flags, RestartScopeFlag.ForceDeletes);
  if (quarantineReason(job) === "TooManyDeletes" && !forceDeletes) {
    return report(selected, { outcome: "Quarantined", quarantine: quarantineOf(selected) });
  }
  const began = clock();
  const cycleId = randomUUID();
  const memory = jobMemory(job);
  const gate = checkCycleGate(world, source, selected.settings);
  if (!gate.ok) {
    const execution: Execution = {
      cycleId,
      began,
      ended: clock(),
      counts: executionCounts([]),
      state: "Failed",
      error: gate.error,
    };
    quarantineJob(job, "EncounteredQuarantineException", execution, memory);
    return report(selected, {
      cycleId,
      outcome: "Quarantined",
      quarantine: quarantineOf(selected),
    });
  }
  const mappings = readJobMappings(job);
  applyRestartFlags(flags, memory, mappings.schemaVersion);
  const plan = planCycle({
    selected,
    target: gate.target,
    memory,
    now: began,
    newId: options.newId ?? randomUUID,
    forceDeletes,
  });
  const applied = applyPlan(plan, gate.target, memory, {
    now: began,
    onCreated: options.onCreated,
  });
  const logScope: LogScope = {
    source,
    targetTenantId: gate.target.id,
    servicePrincipal: selected.servicePrincipal,
    jobId: job.id,
    cycleId,
    now: began,
    sourceDirectoryName: mappings.sourceDirectoryName,
    targetDirectoryName: mappings.targetDirectoryName,
  };
  const tooManyDeletes: EntryReason = {
    code: "TooManyDeletes",
    message: `The cycle would delete ${plan.deletions} objects, more than the accidental-deletion threshold of ${plan.deleteThreshold}; no deletion was made. Review the deletions, then restart the job with resetScope ForceDeletes to allow them (or raise DeleteThresholdValue in SyncNotificationSettings).`,
  };
  const logs = [
    ...entriesToLog(applied.entries, memory).map((entry) => provisioningLogEntry(entry, logScope)),
    // Every held deletion is logged each cycle that holds it, like failures (decisions/0091).
    ...applied.held.map((entry) => stagedDeleteLogEntry(entry, logScope, tooManyDeletes)),
  ];
  appendProvisioningLogs(source, logs);
  delete job.pendingRestartScope;
  const counts = executionCounts(applied.entries);
  const changes = changeCounts(applied.entries, applied.held.length);
  if (plan.deletionsHeld) {
    const error: SynchronizationError = { ...tooManyDeletes, tenantActionable: true };
    quarantineJob(
      job,
      "TooManyDeletes",
      { cycleId, began, ended: clock(), counts, state: "Failed", error },
      memory,
    );
    return report(selected, {
      cycleId,
      outcome: "Quarantined",
      quarantine: quarantineOf(selected),
      changes,
      logEntries: logs.length,
    });
  }
  const state = counts.escrowed > 0 ? "EntryLevelErrors" : "Succeeded";
  recordCompletedCycle(job, { cycleId, began, ended: clock(), counts, state }, memory);
  return report(selected, { cycleId, outcome: state, changes, logEntries: logs.length });
}
