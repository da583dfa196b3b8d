/**
 * Which applied entries reach the provisioning logs. Every export (create, update, delete) and
 * every failure is logged, each cycle, as the service retries failures every cycle. A skip is
 * logged when it is new for that object, so a steady-state cycle does not repeat the same skips
 * (a Watermark restart or a schema change clears what was reported, decisions/0054).
 */
import type { JobProvisioningState } from "../../provisioning/jobMemory";
import type { PlannedEntry } from "../../provisioning/plan";

export function entriesToLog(
  entries: PlannedEntry[],
  memory: JobProvisioningState,
): PlannedEntry[] {
  const logged: PlannedEntry[] = [];
  for (const entry of entries) {
    if (entry.action === "noop") continue;
    if (entry.action !== "skip") {
      delete memory.reportedSkips[entry.sourceId];
      logged.push(entry);
      continue;
    }
    const code = entry.reason?.code ?? "Skipped";
    if (memory.reportedSkips[entry.sourceId] === code) continue;
    memory.reportedSkips[entry.sourceId] = code;
    logged.push(entry);
  }
  return logged;
}
