/**
 * Everything a plan reads, gathered once: the pair of tenants, the configuration and job, the
 * job's settings, mappings and memory, the clock, and (for provisionOnDemand) the subjects the
 * plan is limited to.
 */
import type { ServicePrincipalRecord, SyncJobRecord, TenantState } from "../emulator/world/types";
import type { JobProvisioningState } from "./jobMemory";
import type { JobMappings } from "./objectMappings";
import type { SyncSettings } from "./syncSettings";

/** The job a plan is for: the emulator's selected job, or one the impact report reads live. */
export interface PlannedJob {
  source: TenantState;
  servicePrincipal: ServicePrincipalRecord;
  job: SyncJobRecord;
  settings: SyncSettings;
}

export interface PlanContext {
  source: TenantState;
  target: TenantState;
  servicePrincipal: ServicePrincipalRecord;
  job: SyncJobRecord;
  settings: SyncSettings;
  mappings: JobMappings;
  /** Read-only during planning. */
  memory: JobProvisioningState;
  /** Milliseconds since epoch (the emulator clock). */
  now: number;
  /** Object ids for objects the plan creates. */
  newId(): string;
  /** provisionOnDemand: only these source objects are looked at; nothing else is deleted. */
  subjects?: ReadonlySet<string>;
}

export const isSubject = (context: PlanContext, sourceId: string): boolean =>
  !context.subjects || context.subjects.has(sourceId);
