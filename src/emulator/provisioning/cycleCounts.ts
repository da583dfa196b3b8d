/** Counts of a plan as the job status (taskExecution) and the cycle report show them. */
import type { ExecutionCounts } from "./jobStatus";
import type { PlannedEntry } from "../../provisioning/plan";

/** Skips that mean "not in scope" rather than "in scope but not exportable". */
const OUT_OF_SCOPE = new Set(["NotInScope", "NotEffectivelyEntitled"]);

export function executionCounts(entries: readonly PlannedEntry[]): ExecutionCounts {
  const counts: ExecutionCounts = {
    imported: 0,
    entitled: 0,
    entitledForProvisioning: 0,
    exports: 0,
    exported: 0,
    escrowed: 0,
  };
  for (const entry of entries) {
    const exports = entry.action !== "skip" && entry.action !== "noop";
    if (exports) counts.exports += 1;
    if (entry.action === "fail") counts.escrowed += 1;
    else if (exports) counts.exported += 1;
    if (entry.intended === "delete") continue;
    counts.imported += 1;
    if (entry.action === "skip" && OUT_OF_SCOPE.has(entry.reason?.code ?? "")) continue;
    counts.entitled += 1;
    if (entry.action !== "skip") counts.entitledForProvisioning += 1;
  }
  return counts;
}

/** What a cycle did, object by object, in the cycle report. */
export interface ChangeCounts {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  skipped: number;
  failed: number;
  /** Deletions held by the accidental-deletion threshold. */
  held: number;
}

export function changeCounts(applied: readonly PlannedEntry[], held: number): ChangeCounts {
  const counts: ChangeCounts = {
    created: 0,
    updated: 0,
    deleted: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    held,
  };
  for (const entry of applied) {
    if (entry.action === "create") counts.created += 1;
    else if (entry.action === "update") counts.updated += 1;
    else if (entry.action === "delete") counts.deleted += 1;
    else if (entry.action === "noop") counts.unchanged += 1;
    else if (entry.action === "skip") counts.skipped += 1;
    else counts.failed += 1;
  }
  return counts;
}
