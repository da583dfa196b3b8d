/**
 * The emulator's provisioning engine: cycles that make the target tenant contain what a
 * cross-tenant synchronization configuration says, the preview of the next cycle, and
 * provisionOnDemand. Pure-ish functions over the world: they read and write WorldState only.
 */
export { runCycle } from "./cycle";
export type { CycleOptions, CycleOutcome, CycleReport } from "./cycle";
export { runCycles, startCycleTimer } from "./cycles";
export type { CycleTimer, CycleTimerOptions } from "./cycles";
export type { ChangeCounts } from "./cycleCounts";
export { previewProvisioning } from "./preview";
export type {
  PreviewCreate,
  PreviewDelete,
  PreviewOptions,
  PreviewProblem,
  PreviewUpdate,
  ProvisioningPreview,
} from "./preview";
export { ProvisioningError } from "./provisioningError";
export type { ProvisioningErrorKind } from "./provisioningError";
export type { JobSelector } from "./jobSelection";
export type { SynchronizationError } from "./policyGate";
export type { PropertyChange } from "../../provisioning/plan";
export { ON_DEMAND_LIMIT } from "./onDemandThrottle";
