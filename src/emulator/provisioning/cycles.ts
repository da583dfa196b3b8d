/**
 * Cycles over many jobs: every active job of the world (optionally narrowed to a tenant,
 * configuration or job), on request or on a timer. The real service runs a cycle every 40 minutes;
 * the emulator runs them when asked, or every `intervalMs` when started with a timer.
 */
import type { WorldState } from "../world/types";
import { runCycle, type CycleOptions, type CycleReport } from "./cycle";
import { activeJobs, type JobSelector } from "./jobSelection";

/** Runs one cycle of every active job that matches `filter`, in world order. */
export function runCycles(
  world: WorldState,
  filter: Partial<JobSelector> = {},
  options: CycleOptions = {},
): CycleReport[] {
  return activeJobs(world, filter).map((selector) => runCycle(world, selector, options));
}

export interface CycleTimerOptions extends CycleOptions {
  /** Milliseconds between rounds of cycles. */
  intervalMs: number;
  /** Called with each round's reports (e.g. for logging). */
  onCycles?: (reports: CycleReport[]) => void;
  /** Called when a round fails; the timer keeps running. */
  onError?: (error: unknown) => void;
}

export interface CycleTimer {
  stop(): void;
}

/** Runs `runCycles` every `intervalMs` (the timer does not keep the process alive). */
export function startCycleTimer(world: WorldState, options: CycleTimerOptions): CycleTimer {
  if (!Number.isFinite(options.intervalMs) || options.intervalMs <= 0) {
    throw new RangeError(
      `Failed to start the cycle timer: intervalMs must be a positive number of milliseconds, got ${options.intervalMs}.`,
    );
  }
  const timer = setInterval(() => {
    try {
      const reports = runCycles(world, {}, options);
      options.onCycles?.(reports);
    } catch (error) {
      options.onError?.(error);
    }
  }, options.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
