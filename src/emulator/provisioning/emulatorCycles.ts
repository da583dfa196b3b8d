/**
 * Provisioning cycles as a running emulator offers them (RunningEmulator.runCycle/previewCycle,
 * POST /_emulator/cycles, GET /_emulator/cycles/preview, the start-up timer): the engine bound to
 * the emulator's world, clock and replication-lag knob.
 */
import type { WorldState } from "../world/types";
import { runCycle, type CycleReport } from "./cycle";
import { runCycles, startCycleTimer, type CycleTimer } from "./cycles";
import { dueJobs } from "./dueJobs";
import { findTenant, type JobSelector } from "./jobSelection";
import { previewProvisioning, type ProvisioningPreview } from "./preview";
import { ProvisioningError } from "./provisioningError";

/** Which jobs to run: all active ones, or those of a tenant, a configuration, or one job. */
export interface CycleSelection {
  tenantId?: string;
  servicePrincipalId?: string;
  jobId?: string;
}

export interface EmulatorCycleServices {
  world: WorldState;
  now(): number;
  /** Objects a cycle creates are hidden while the replication-lag knob says so. */
  markCreated(objectId: string): void;
}

export interface EmulatorCyclesOptions {
  /** Run every active job's cycle every this many ms (off when omitted). */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

export interface EmulatorCycles {
  /** Runs a cycle now: of the named configuration (or job), else of every matching active job. */
  run(selection?: CycleSelection): CycleReport[];
  /** Runs the cycle of every active job whose schedule says it is due now (decisions/0094). */
  runDue(): CycleReport[];
  /** What the next cycle of a job would do, without doing it. */
  preview(selector: Partial<JobSelector> & { servicePrincipalId: string }): ProvisioningPreview;
  /** Stops the timer, if any. */
  stop(): void;
}

/** The tenant holding configuration `servicePrincipalId` when no tenant is named. */
function tenantOf(world: WorldState, servicePrincipalId: string, tenantId?: string): string {
  if (tenantId) return findTenant(world, tenantId)?.id ?? tenantId;
  const wanted = servicePrincipalId.toLowerCase();
  const tenant = world.tenants.find((candidate) =>
    candidate.servicePrincipals.some((sp) => sp.id.toLowerCase() === wanted),
  );
  if (!tenant) {
    throw new ProvisioningError(
      "notFound",
      `Failed to find configuration '${servicePrincipalId}': no tenant of the emulator has that service principal. Use the service principal object id returned by instantiate.`,
    );
  }
  return tenant.id;
}

export function emulatorCycles(
  services: EmulatorCycleServices,
  options: EmulatorCyclesOptions = {},
): EmulatorCycles {
  const cycleOptions = { now: services.now, onCreated: services.markCreated };
  const timer: CycleTimer | undefined =
    options.intervalMs === undefined
      ? undefined
      : startCycleTimer(services.world, {
          ...cycleOptions,
          intervalMs: options.intervalMs,
          onError: options.onError,
        });
  return {
    run(selection = {}) {
      if (!selection.servicePrincipalId) {
        return runCycles(services.world, selection, cycleOptions);
      }
      // A named configuration runs even if it is not active, so the caller learns why it cannot.
      const tenantId = tenantOf(services.world, selection.servicePrincipalId, selection.tenantId);
      return [
        runCycle(
          services.world,
          { tenantId, servicePrincipalId: selection.servicePrincipalId, jobId: selection.jobId },
          cycleOptions,
        ),
      ];
    },
    runDue() {
      return dueJobs(services.world, services.now()).map((selector) =>
        runCycle(services.world, selector, cycleOptions),
      );
    },
    preview(selector) {
      const tenantId = tenantOf(services.world, selector.servicePrincipalId, selector.tenantId);
      return previewProvisioning(services.world, { ...selector, tenantId }, { now: services.now });
    },
    stop() {
      timer?.stop();
    },
  };
}
