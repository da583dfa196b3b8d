/**
 * The whole plan of one cycle (or one provisionOnDemand request): users, then groups (whose
 * members are the users this plan provisions), then the accidental-deletion threshold check
 * (ED-ACCDEL: more deletions than the threshold hold every deletion until a ForceDeletes restart).
 */
import type { TenantState } from "../emulator/world/types";
import { planGroups } from "./groupPlanner";
import type { JobProvisioningState } from "./jobMemory";
import { readJobMappings } from "./objectMappings";
import type { CyclePlan } from "./plan";
import type { PlanContext, PlannedJob } from "./planContext";
import { targetAllowsGroupSync } from "./groupSyncPolicy";
import { computeScope } from "./scope";
import { TargetUserIndex } from "./targetIndex";
import { planUsers } from "./userPlanner";

export interface PlanRequest {
  selected: PlannedJob;
  target: TenantState;
  memory: JobProvisioningState;
  now: number;
  newId(): string;
  /** A ForceDeletes restart is pending: deletions over the threshold go ahead. */
  forceDeletes: boolean;
  /** provisionOnDemand: the source objects to look at. */
  subjects?: ReadonlySet<string>;
}

export function planCycle(request: PlanRequest): CyclePlan {
  const { selected, target } = request;
  const context: PlanContext = {
    source: selected.source,
    target,
    servicePrincipal: selected.servicePrincipal,
    job: selected.job,
    settings: selected.settings,
    mappings: readJobMappings(selected.job),
    memory: request.memory,
    now: request.now,
    newId: request.newId,
    subjects: request.subjects,
  };
  const scope = computeScope(
    selected.source,
    selected.servicePrincipal.id,
    selected.settings.syncAll,
  );
  const users = planUsers(context, scope, new TargetUserIndex(target));
  const groups = planGroups(context, scope, users, {
    groupSyncAllowed: targetAllowsGroupSync(selected.source, target),
  });
  const deletions = [...users.entries, ...groups].filter((e) => e.action === "delete").length;
  const threshold = selected.settings.deleteThreshold;
  return {
    sourceTenantId: selected.source.id,
    targetTenantId: target.id,
    servicePrincipalId: selected.servicePrincipal.id,
    jobId: selected.job.id,
    users: users.entries,
    groups,
    deletions,
    deleteThreshold: threshold,
    // On-demand requests are not held: the threshold guards cycles (ED-ACCDEL).
    deletionsHeld:
      threshold !== undefined &&
      deletions > threshold &&
      !request.forceDeletes &&
      !request.subjects,
  };
}
