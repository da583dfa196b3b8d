/**
 * provisionOnDemand (decisions/reference/graph-cts.md §5.6): the cycle's logic for one subject (a user, or a group
 * with the members named in `links.members`), applied at once, logged, and answered as a
 * stringKeyStringValuePair whose value is the JSON list of per-object results (the CTS
 * walkthrough's layout, decisions/0056). Works on a job that was never started, as in the portal
 * ("test provision on demand" comes before "start").
 */
import { randomUUID } from "node:crypto";
import type { JsonObject, WorldState } from "../world/types";
import { applyPlan } from "./applyPlan";
import { reason, skipped } from "../../provisioning/entries";
import { jobMemory } from "../../provisioning/jobMemory";
import type { SelectedJob } from "./jobSelection";
import { readJobMappings } from "../../provisioning/objectMappings";
import type { PlannedEntry } from "../../provisioning/plan";
import { planCycle } from "../../provisioning/planCycle";
import { checkCycleGate } from "./policyGate";
import { appendProvisioningLogs, provisioningLogEntry, type LogScope } from "./provisioningLog";

export const ON_DEMAND_RESULT_KEY =
  "Microsoft.Identity.Health.CPP.Common.DataContracts.SyncFabric.StatusInfo";

export interface OnDemandSubject {
  objectId: string;
  objectTypeName: "User" | "Group";
  displayName: string;
  /** For a group: the members to provision with it. */
  memberIds: string[];
}

export interface OnDemandRequest {
  world: WorldState;
  selected: SelectedJob;
  subject: OnDemandSubject;
  now: number;
  caller: { appId: string; displayName: string };
  onCreated?: (objectId: string) => void;
}

export interface OnDemandResult {
  /** Success, Skipped or Failure: the subject's own outcome. */
  result: "Success" | "Skipped" | "Failure";
  key: string;
  /** JSON text: one result object per provisioned object, the subject first. */
  value: string;
}

const STATUS = { success: "Success", skipped: "Skipped", failure: "Failure" } as const;
const ACTION = { create: "Create", update: "Update", delete: "Delete", other: "Other" } as const;

function notEntitled(subject: OnDemandSubject): PlannedEntry {
  return skipped(
    {
      objectType: subject.objectTypeName,
      sourceId: subject.objectId,
      sourceDisplayName: subject.displayName,
    },
    "other",
    reason(
      "NotEffectivelyEntitled",
      `${subject.displayName} is not in scope: it is not assigned to the configuration (directly or as a direct member of an assigned group). Assign it, or use scope "Sync all users".`,
    ),
  );
}

/** A noop is reported as Graph reports an export with nothing to change. */
function asReported(entry: PlannedEntry): PlannedEntry {
  if (entry.action !== "noop") return entry;
  return {
    ...entry,
    action: "skip",
    reason: reason(
      "RedundantExport",
      "The target object already has these values: nothing to export.",
    ),
  };
}

function resultObject(record: JsonObject, entry: PlannedEntry, now: number): JsonObject {
  const status = (record.provisioningStatusInfo as JsonObject).status as keyof typeof STATUS;
  const error = (record.provisioningStatusInfo as JsonObject).errorInformation as JsonObject | null;
  const time = new Date(now).toISOString();
  return {
    action: ACTION[record.provisioningAction as keyof typeof ACTION] ?? "Other",
    changeId: record.changeId,
    startTime: time,
    endTime: time,
    reportableIdentifier: entry.sourceDisplayName,
    statusInfo: {
      status: STATUS[status],
      errorCode: error?.errorCode ?? null,
      reason: error?.reason ?? null,
      additionalDetails: null,
      errorCategory: error?.errorCategory ?? null,
      recommendedAction: null,
    },
    provisioningSteps: record.provisioningSteps,
    modifiedProperties: record.modifiedProperties,
    sourceIdentity: record.sourceIdentity,
    targetIdentity: record.targetIdentity,
    sourceSystem: record.sourceSystem,
    targetSystem: record.targetSystem,
  };
}

export function provisionOnDemand(request: OnDemandRequest): OnDemandResult {
  const { selected, subject, now } = request;
  const { job, source } = selected;
  const mappings = readJobMappings(job);
  const gate = checkCycleGate(request.world, source, selected.settings);
  let entries: PlannedEntry[];
  if (!gate.ok) {
    entries = [
      {
        ...notEntitled(subject),
        action: "fail",
        intended: "create",
        reason: reason(gate.error.code, gate.error.message),
      },
    ];
  } else {
    const memory = jobMemory(job);
    const plan = planCycle({
      selected,
      target: gate.target,
      memory,
      now,
      newId: randomUUID,
      forceDeletes: false,
      subjects: new Set([subject.objectId, ...subject.memberIds]),
    });
    const applied = applyPlan(plan, gate.target, memory, { now, onCreated: request.onCreated });
    entries = applied.entries;
    if (!entries.some((entry) => entry.sourceId === subject.objectId)) {
      entries = [notEntitled(subject), ...entries];
    }
  }
  // The subject first, then the members provisioned with it.
  entries.sort(
    (a, b) => Number(b.sourceId === subject.objectId) - Number(a.sourceId === subject.objectId),
  );
  const scope: LogScope = {
    source,
    targetTenantId: gate.ok ? gate.target.id : (selected.settings.companyId ?? ""),
    servicePrincipal: selected.servicePrincipal,
    jobId: job.id,
    cycleId: randomUUID(),
    now,
    sourceDirectoryName: mappings.sourceDirectoryName,
    targetDirectoryName: mappings.targetDirectoryName,
    initiatedBy: {
      id: request.caller.appId,
      displayName: request.caller.displayName,
      initiatorType: "application",
    },
  };
  const reported = entries.map(asReported);
  const records = reported.map((entry) => provisioningLogEntry(entry, scope));
  appendProvisioningLogs(source, records);
  const results = records.map((record, index) => resultObject(record, reported[index], now));
  const first = results[0].statusInfo as { status: OnDemandResult["result"] };
  return { result: first.status, key: ON_DEMAND_RESULT_KEY, value: JSON.stringify(results) };
}
