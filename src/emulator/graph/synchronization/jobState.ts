/**
 * The job state machine of decisions/reference/graph-cts.md §5.5, as pure transitions on a job record:
 *   create  -> Disabled / Paused
 *   start   -> Active / NotRun (Active after the first completed cycle), quarantine lifted
 *   pause   -> Paused / Paused
 *   restart -> Active / NotRun, quarantine lifted for QuarantineState or Full; the scope is kept
 *              for the next provisioning cycle (Watermark re-evaluates, ForceDeletes releases
 *              held deletions).
 */
import type { JsonObject, SyncJobRecord } from "../../world/types";
import { NEVER } from "./jobRecord";
import {
  RestartScopeFlag,
  formatRestartScope,
  hasRestartFlag,
  parseRestartScope,
} from "./restartScope";

/** The lastExecution Graph shows after start and before the first cycle completes. */
function notYetRunExecution(): JsonObject {
  return {
    activityIdentifier: null,
    countEntitled: 0,
    countEntitledForProvisioning: 0,
    countEscrowed: 0,
    countEscrowedRaw: 0,
    countExported: 0,
    countExports: 0,
    countImported: 0,
    countImportedDeltas: 0,
    countImportedReferenceDeltas: 0,
    error: { code: "None", message: "", tenantActionable: false },
    state: "Failed",
    timeBegan: NEVER,
    timeEnded: NEVER,
  };
}

function activate(job: SyncJobRecord): void {
  job.schedule.state = "Active";
  job.status.code = "NotRun";
  job.status.troubleshootingUrl = "";
  job.status.lastExecution ??= notYetRunExecution();
}

function liftQuarantine(job: SyncJobRecord): void {
  job.status.quarantine = null;
}

/** Whether cycles are already running (start is then a no-op apart from lifting quarantine). */
function isRunning(job: SyncJobRecord): boolean {
  return job.schedule.state === "Active" && job.status.code === "Active";
}

export function startJob(job: SyncJobRecord): void {
  liftQuarantine(job);
  if (isRunning(job)) return;
  activate(job);
}

export function pauseJob(job: SyncJobRecord): void {
  job.schedule.state = "Paused";
  job.status.code = "Paused";
}

/** Restarts with `flags` (see restartScope.ts); the pending scope accumulates until a cycle. */
export function restartJob(job: SyncJobRecord, flags: number): void {
  if (hasRestartFlag(flags, RestartScopeFlag.QuarantineState)) liftQuarantine(job);
  const pending = job.pendingRestartScope ? parseRestartScope(job.pendingRestartScope) : 0;
  const combined = pending | flags;
  if (combined !== RestartScopeFlag.None) job.pendingRestartScope = formatRestartScope(combined);
  activate(job);
}
