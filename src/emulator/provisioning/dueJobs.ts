/**
 * Which active jobs are due for a scheduled cycle at a given time: the service runs a job's first
 * cycle as soon as it starts, then one every `schedule.interval` (PT40M for CTS,
 * decisions/reference/graph-cts.md §5.4). Used when the emulated clock is advanced
 * (decisions/0094).
 */
import type { WorldState } from "../world/types";
import { activeJobs, type JobSelector } from "./jobSelection";

/** Milliseconds of an ISO 8601 duration of days, hours, minutes and seconds (PT40M, P1DT2H). */
export function durationMs(iso: unknown): number | undefined {
  const match =
    typeof iso === "string"
      ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso)
      : null;
  if (!match || iso === "P" || iso === "PT") return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  return (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000;
}

function lastBegan(job: { status?: unknown }): number | undefined {
  const last = (job.status as { lastExecution?: { timeBegan?: unknown } | null } | undefined)
    ?.lastExecution;
  const began = typeof last?.timeBegan === "string" ? Date.parse(last.timeBegan) : NaN;
  return Number.isNaN(began) ? undefined : began;
}

/** Active jobs whose next scheduled cycle is due at `now` (never run, or an interval has passed). */
export function dueJobs(world: WorldState, now: number): Array<Required<JobSelector>> {
  return activeJobs(world).filter((selector) => {
    const tenant = world.tenants.find((candidate) => candidate.id === selector.tenantId);
    const job = tenant?.synchronization[selector.servicePrincipalId]?.jobs.find(
      (candidate) => candidate.id === selector.jobId,
    );
    if (!job) return false;
    const began = lastBegan(job);
    if (began === undefined) return true;
    const interval = durationMs(job.schedule.interval);
    return interval !== undefined && now - began >= interval;
  });
}
