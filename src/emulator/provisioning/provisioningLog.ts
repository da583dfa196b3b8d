/**
 * Provisioning log entries (provisioningObjectSummary, decisions/reference/graph-cts.md §8.5) for applied plan
 * entries, written to the source tenant where GET /auditLogs/provisioning reads them. Step names
 * follow the ones Microsoft's samples show (EntryImport, EntrySynchronizationScoping,
 * EntrySynchronizationSkip, EntryExport...); decisions/0054.
 */
import { randomUUID } from "node:crypto";
import type { JsonObject, ProvisioningLogRecord, TenantState } from "../world/types";
import type { EntryReason, PlannedEntry, PropertyChange } from "../../provisioning/plan";

/** Oldest entries are dropped beyond this many per tenant (Entra keeps 30 days). */
export const MAX_PROVISIONING_LOG_ENTRIES = 100_000;

export interface LogScope {
  source: TenantState;
  targetTenantId: string;
  servicePrincipal: { id: string; displayName: string };
  jobId: string;
  cycleId: string;
  now: number;
  sourceDirectoryName: string;
  targetDirectoryName: string;
  /** Who started the change: the service (cycles) or an app (provisionOnDemand). */
  initiatedBy?: {
    id: string;
    displayName: string;
    initiatorType: "application" | "system" | "user";
  };
}

interface Step {
  name: string;
  provisioningStepType: "import" | "scoping" | "matching" | "processing" | "export";
  status: "success" | "failure" | "skipped";
  description: string;
  details: Record<string, string>;
}

const SERVICE = {
  id: "",
  displayName: "Azure AD Provisioning Service",
  initiatorType: "system" as const,
};

const suffix = { create: "Add", update: "Update", delete: "Delete" } as const;

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

function modifiedProperties(changes: PropertyChange[]) {
  return changes.map((change) => ({
    displayName: change.name,
    oldValue: text(change.oldValue),
    newValue: text(change.newValue),
  }));
}

function steps(entry: PlannedEntry, scope: LogScope): Step[] {
  const kind = entry.objectType;
  const name = entry.sourceDisplayName;
  const target = entry.targetDisplayName ?? entry.targetId ?? "";
  const result: Step[] = [
    {
      name: "EntryImport",
      provisioningStepType: "import",
      status: "success",
      description: `Retrieved ${kind} '${name}' from ${scope.sourceDirectoryName}`,
      details: { objectId: entry.sourceId },
    },
  ];
  if (entry.scoping) {
    result.push({
      name: "EntrySynchronizationScoping",
      provisioningStepType: "scoping",
      status: entry.scoping.passed ? "success" : "skipped",
      description: `Determine if ${kind} is in scope by evaluating against each scoping filter`,
      details: entry.scoping.details,
    });
  }
  if (entry.action === "skip") {
    result.push({
      name: "EntrySynchronizationSkip",
      provisioningStepType: "processing",
      status: "skipped",
      description: entry.reason?.message ?? "Skipped",
      details: { SkipReason: entry.reason?.code ?? "" },
    });
    return result;
  }
  const intended = entry.intended === "other" ? "update" : entry.intended;
  if (intended === "create" || intended === "update") {
    result.push({
      name: `EntryImport${suffix[intended]}`,
      provisioningStepType: "matching",
      status: "success",
      description:
        entry.targetId && entry.action !== "create"
          ? entry.matchedBy === "alternativeSecurityIds"
            ? `Matched the existing ${kind} '${target}' (${entry.targetId}) in ${scope.targetDirectoryName} on alternativeSecurityIds`
            : `Found the ${kind} '${target}' (${entry.targetId}) this job manages in ${scope.targetDirectoryName}`
          : `No ${kind} in ${scope.targetDirectoryName} matches on alternativeSecurityIds: it will be created`,
      details: {},
    });
  }
  result.push({
    name: `EntrySynchronization${suffix[intended]}`,
    provisioningStepType: "processing",
    status: "success",
    description:
      entry.action === "delete"
        ? (entry.reason?.message ?? `The ${kind} left scope`)
        : `Determine if the ${kind} should be created, updated or deleted: ${intended}`,
    details: {},
  });
  const failedExport = entry.action === "fail";
  result.push({
    name: `EntryExport${suffix[intended]}`,
    provisioningStepType: "export",
    status: failedExport ? "failure" : "success",
    description: failedExport
      ? (entry.reason?.message ?? "Export failed")
      : entry.action === "delete"
        ? `${kind === "User" ? "Soft-deleted" : "Deleted"} ${kind} '${target}' in ${scope.targetDirectoryName}`
        : `${intended === "create" ? "Created" : "Updated"} ${kind} '${target}' (${entry.targetId}) in ${scope.targetDirectoryName}`,
    details: {},
  });
  return result;
}

function status(entry: PlannedEntry): "success" | "failure" | "skipped" {
  if (entry.action === "fail") return "failure";
  if (entry.action === "skip") return "skipped";
  return "success";
}

export function provisioningLogEntry(entry: PlannedEntry, scope: LogScope): ProvisioningLogRecord {
  const outcome = status(entry);
  const activityDateTime = new Date(scope.now).toISOString();
  const identityType = entry.objectType;
  const record: JsonObject = {
    id: randomUUID(),
    activityDateTime,
    tenantId: scope.source.id,
    jobId: scope.jobId,
    cycleId: scope.cycleId,
    changeId: randomUUID(),
    durationInMilliseconds: 0,
    initiatedBy: scope.initiatedBy ?? SERVICE,
    servicePrincipal: {
      id: scope.servicePrincipal.id,
      displayName: scope.servicePrincipal.displayName,
    },
    provisioningAction:
      entry.action === "skip" ? "other" : entry.action === "noop" ? "other" : entry.intended,
    provisioningStatusInfo: {
      status: outcome,
      errorInformation:
        outcome === "success"
          ? null
          : {
              errorCode: entry.reason?.code ?? null,
              reason: entry.reason?.message ?? null,
              additionalDetails: null,
              errorCategory: outcome === "failure" ? "nonServiceFailure" : null,
              recommendedAction: null,
            },
    },
    provisioningSteps: steps(entry, scope),
    modifiedProperties: modifiedProperties(entry.changes),
    sourceSystem: { id: scope.source.id, displayName: scope.sourceDirectoryName, details: {} },
    targetSystem: { id: scope.targetTenantId, displayName: scope.targetDirectoryName, details: {} },
    sourceIdentity: {
      id: entry.sourceId,
      displayName: entry.sourceDisplayName,
      identityType,
      details: {},
    },
    targetIdentity: {
      id: entry.targetId ?? "",
      displayName: entry.targetDisplayName ?? "",
      identityType,
      details: {},
    },
  };
  return record;
}

/**
 * The entry for a deletion the accidental-deletion threshold held back: Entra logs it under the
 * `stagedDelete` action (Graph's provisioningAction enum), skipped with the threshold's reason,
 * and nothing modified in the target (decisions/0091).
 */
export function stagedDeleteLogEntry(
  entry: PlannedEntry,
  scope: LogScope,
  reason: EntryReason,
): ProvisioningLogRecord {
  const staged = provisioningLogEntry({ ...entry, action: "skip", reason, changes: [] }, scope);
  staged.provisioningAction = "stagedDelete";
  return staged;
}

/** Appends entries to the source tenant's provisioning logs, dropping the oldest past the cap. */
export function appendProvisioningLogs(
  tenant: TenantState,
  entries: ProvisioningLogRecord[],
): void {
  for (const entry of entries) tenant.provisioningLogs.push(entry);
  const excess = tenant.provisioningLogs.length - MAX_PROVISIONING_LOG_ENTRIES;
  if (excess > 0) tenant.provisioningLogs.splice(0, excess);
}
