/**
 * The impact of a planned change: the plan of each touched job's next cycle in the world as it
 * will be after the change (the same planner the emulator's cycles apply), compared with the
 * plan in the world as it is, to say who enters or leaves scope. Counts always; names and values
 * only in samples, and only when samples are on.
 */
import type { WorldState } from "../emulator/world/types";
import { selectJob } from "../emulator/provisioning/jobSelection";
import { planCycle, peekJobMemory, type CyclePlan, type PlannedEntry } from "../provisioning";
import { applyChanges, type JobKey, type UnknowableChange } from "./applyChanges";
import type { IgnoredResource, PreviewPlan } from "./previewPlan";

export interface ValueSample {
  user: string;
  before: unknown;
  after: unknown;
}

export interface AttributeImpact {
  attribute: string;
  users: number;
  samples?: ValueSample[];
}

export interface ConflictImpact {
  code: string;
  users: number;
  samples?: Array<{ user: string; message: string }>;
}

export interface JobImpact {
  sourceTenantId: string;
  servicePrincipalId: string;
  jobId: string;
  targetTenantId: string | null;
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
  skipped: number;
  newlyInScope: number;
  newlyOutOfScope: number;
  attributes: AttributeImpact[];
  conflicts: ConflictImpact[];
  deletionThreshold: { threshold: number | null; deletions: number; stopsJob: boolean };
  /** A sample of users the change creates or removes (display names only). */
  samples?: { created: string[]; removed: string[] };
  /** Why this job could not be planned, when it could not. */
  problem?: string;
}

export interface ImpactReport {
  jobs: JobImpact[];
  /** Resources in the plan the report does not read. */
  ignored: IgnoredResource[];
  /** Changes the report could not take into account. */
  unknowable: UnknowableChange[];
}

export interface ImpactOptions {
  /** Include names and before/after values (default true). */
  samples?: boolean;
  /** Samples per attribute or list (default 3). */
  sampleSize?: number;
  /** The clock expressions see (ms since epoch). */
  now?: number;
  /** The template schema released mappings return to. */
  templateSchema: Record<string, unknown>;
}

const lower = (text: string) => text.toLowerCase();

/**
 * A copy of the world for applying changes to: only what a change writes is copied (saved
 * secrets, the job records whose schema is replaced, the assignment list). Users, groups and job
 * memory are shared, read-only to the planner: a deep copy of 100,000 users would double the
 * report's memory.
 */
function copyForChanges(world: WorldState): WorldState {
  return {
    ...world,
    tenants: world.tenants.map((tenant) => ({
      ...tenant,
      appRoleAssignments: [...tenant.appRoleAssignments],
      synchronization: Object.fromEntries(
        Object.entries(tenant.synchronization).map(([id, synchronization]) => [
          id,
          {
            secrets: { ...synchronization.secrets },
            jobs: synchronization.jobs.map((job) => ({ ...job })),
          },
        ]),
      ),
    })),
  };
}

function planOf(world: WorldState, key: JobKey, now: number): CyclePlan {
  const selected = selectJob(world, key, "report the impact");
  const companyId = selected.settings.companyId;
  const target = world.tenants.find((tenant) => companyId && lower(tenant.id) === lower(companyId));
  if (!target) {
    throw new Error(
      `the configuration's target tenant ${companyId ?? "(none)"} is not readable; give the credentials read access to it`,
    );
  }
  let created = 0;
  return planCycle({
    selected,
    target,
    memory: peekJobMemory(selected.job),
    now,
    newId: () => `new-${(created += 1)}`,
    forceDeletes: /ForceDeletes/i.test(selected.job.pendingRestartScope ?? ""),
  });
}

/** Source users the plan keeps in the target (provisioned, updated, unchanged or in conflict). */
function inScope(plan: CyclePlan): Set<string> {
  const ids = new Set<string>();
  for (const entry of plan.users) {
    if (entry.action === "skip" || entry.action === "delete") continue;
    if (entry.action === "noop" && entry.intended === "delete") continue;
    ids.add(entry.sourceId);
  }
  return ids;
}

function attributeImpacts(updates: PlannedEntry[], size: number, samples: boolean) {
  const byName = new Map<string, AttributeImpact>();
  for (const entry of updates) {
    for (const change of entry.changes) {
      let impact = byName.get(change.name);
      if (!impact) {
        impact = { attribute: change.name, users: 0, ...(samples ? { samples: [] } : {}) };
        byName.set(change.name, impact);
      }
      impact.users += 1;
      if (impact.samples && impact.samples.length < size) {
        impact.samples.push({
          user: entry.sourceDisplayName,
          before: change.oldValue,
          after: change.newValue,
        });
      }
    }
  }
  return [...byName.values()].sort(
    (a, b) => b.users - a.users || a.attribute.localeCompare(b.attribute),
  );
}

function conflictImpacts(failures: PlannedEntry[], size: number, samples: boolean) {
  const byCode = new Map<string, ConflictImpact>();
  for (const entry of failures) {
    const code = entry.reason?.code ?? "Unknown";
    let impact = byCode.get(code);
    if (!impact) {
      impact = { code, users: 0, ...(samples ? { samples: [] } : {}) };
      byCode.set(code, impact);
    }
    impact.users += 1;
    if (impact.samples && impact.samples.length < size) {
      impact.samples.push({ user: entry.sourceDisplayName, message: entry.reason?.message ?? "" });
    }
  }
  return [...byCode.values()];
}

function jobImpact(
  wasIn: ReadonlySet<string>,
  after: CyclePlan,
  options: ImpactOptions,
): JobImpact {
  const samples = options.samples ?? true;
  const size = options.sampleSize ?? 3;
  const users = after.users;
  const of = (action: PlannedEntry["action"]) => users.filter((entry) => entry.action === action);
  const isIn = inScope(after);
  const created = of("create");
  const removed = of("delete");
  return {
    sourceTenantId: after.sourceTenantId,
    servicePrincipalId: after.servicePrincipalId,
    jobId: after.jobId,
    targetTenantId: after.targetTenantId,
    created: created.length,
    updated: of("update").length,
    removed: removed.length,
    unchanged: users.filter((entry) => entry.action === "noop" && entry.intended !== "delete")
      .length,
    skipped: of("skip").length,
    newlyInScope: [...isIn].filter((id) => !wasIn.has(id)).length,
    newlyOutOfScope: [...wasIn].filter((id) => !isIn.has(id)).length,
    attributes: attributeImpacts(of("update"), size, samples),
    conflicts: conflictImpacts(of("fail"), size, samples),
    deletionThreshold: {
      threshold: after.deleteThreshold ?? null,
      deletions: after.deletions,
      stopsJob: after.deletionsHeld,
    },
    ...(samples
      ? {
          samples: {
            created: created.slice(0, size).map((entry) => entry.sourceDisplayName),
            removed: removed.slice(0, size).map((entry) => entry.sourceDisplayName),
          },
        }
      : {}),
  };
}

function failedJob(key: JobKey, problem: string): JobImpact {
  return {
    sourceTenantId: key.tenantId,
    servicePrincipalId: key.servicePrincipalId,
    jobId: key.jobId ?? "",
    targetTenantId: null,
    created: 0,
    updated: 0,
    removed: 0,
    unchanged: 0,
    skipped: 0,
    newlyInScope: 0,
    newlyOutOfScope: 0,
    attributes: [],
    conflicts: [],
    deletionThreshold: { threshold: null, deletions: 0, stopsJob: false },
    problem,
  };
}

/**
 * The impact of `plan` on `world` (not modified): for every job the plan's resources touch, what
 * its next cycle does once the change is applied.
 */
export function impactReport(
  world: WorldState,
  plan: PreviewPlan,
  options: ImpactOptions,
): ImpactReport {
  const now = options.now ?? Date.now();
  const changed = copyForChanges(world);
  const applied = applyChanges(changed, plan.changes, { templateSchema: options.templateSchema });
  const jobs = applied.jobs.map((key) => {
    try {
      // Only the set of users in scope is kept of the plan before the change, so the two plans
      // are never in memory together.
      let wasIn: Set<string>;
      try {
        wasIn = inScope(planOf(world, key, now));
      } catch {
        wasIn = new Set();
      }
      return jobImpact(wasIn, planOf(changed, key, now), options);
    } catch (error) {
      return failedJob(key, (error as Error).message);
    }
  });
  return { jobs, ignored: plan.ignored, unknowable: applied.unknowable };
}
