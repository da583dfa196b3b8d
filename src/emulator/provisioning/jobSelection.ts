/**
 * Finds the job a cycle, preview or on-demand request is about: source tenant, configuration
 * (service principal), its synchronization subtree and job, and the job-wide settings.
 */
import type {
  ServicePrincipalRecord,
  SyncJobRecord,
  SynchronizationRecord,
  TenantState,
  WorldState,
} from "../world/types";
import { ProvisioningError } from "./provisioningError";
import { readSyncSettings, type SyncSettings } from "../../provisioning/syncSettings";

/** Names one job: the source tenant, the configuration's service principal, and the job. */
export interface JobSelector {
  tenantId: string;
  servicePrincipalId: string;
  /** Optional when the configuration has exactly one job (CTS has one). */
  jobId?: string;
}

export interface SelectedJob {
  source: TenantState;
  servicePrincipal: ServicePrincipalRecord;
  synchronization: SynchronizationRecord;
  job: SyncJobRecord;
  settings: SyncSettings;
}

const sameId = (left: string, right: string) => left.toLowerCase() === right.toLowerCase();

export function findTenant(world: WorldState, tenantId: string): TenantState | undefined {
  return world.tenants.find((tenant) => sameId(tenant.id, tenantId));
}

/** Resolves `selector`; throws ProvisioningError (notFound) naming what is missing. */
export function selectJob(world: WorldState, selector: JobSelector, action: string): SelectedJob {
  const fail = (reason: string, remedy: string) =>
    new ProvisioningError("notFound", `Failed to ${action}: ${reason}. ${remedy}`);
  const source = findTenant(world, selector.tenantId);
  if (!source) {
    throw fail(
      `tenant '${selector.tenantId}' is not in the emulator's world`,
      "Use a tenant id from GET /_emulator/settings",
    );
  }
  const servicePrincipal = source.servicePrincipals.find((sp) =>
    sameId(sp.id, selector.servicePrincipalId),
  );
  if (!servicePrincipal) {
    throw fail(
      `service principal '${selector.servicePrincipalId}' does not exist in tenant ${source.id}`,
      "Use the object id of the configuration's service principal (returned by instantiate)",
    );
  }
  const synchronization = source.synchronization[servicePrincipal.id];
  const jobs = synchronization?.jobs ?? [];
  const job = selector.jobId
    ? jobs.find((candidate) => candidate.id === selector.jobId)
    : jobs.length === 1
      ? jobs[0]
      : undefined;
  if (!synchronization || !job) {
    const known = jobs.map((candidate) => candidate.id).join(", ");
    throw fail(
      selector.jobId
        ? `job '${selector.jobId}' does not exist on service principal ${servicePrincipal.id}`
        : `service principal ${servicePrincipal.id} has ${jobs.length} synchronization jobs`,
      jobs.length === 0
        ? "Create a job first (POST .../synchronization/jobs)"
        : `Name the job: ${known}`,
    );
  }
  return {
    source,
    servicePrincipal,
    synchronization,
    job,
    settings: readSyncSettings(synchronization.secrets),
  };
}

/** Every job whose schedule is Active, optionally narrowed to a tenant, configuration or job. */
export function activeJobs(
  world: WorldState,
  filter: Partial<JobSelector> = {},
): Array<Required<JobSelector>> {
  const selected: Array<Required<JobSelector>> = [];
  for (const tenant of world.tenants) {
    if (filter.tenantId && !sameId(tenant.id, filter.tenantId)) continue;
    for (const [servicePrincipalId, synchronization] of Object.entries(tenant.synchronization)) {
      if (filter.servicePrincipalId && !sameId(servicePrincipalId, filter.servicePrincipalId)) {
        continue;
      }
      for (const job of synchronization.jobs) {
        if (filter.jobId && job.id !== filter.jobId) continue;
        if (job.schedule.state !== "Active") continue;
        selected.push({ tenantId: tenant.id, servicePrincipalId, jobId: job.id });
      }
    }
  }
  return selected;
}
