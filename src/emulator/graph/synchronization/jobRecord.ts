/**
 * Synchronization job records: creation in the state Graph returns for a new CTS job
 * (decisions/reference/graph-cts.md §5.4) and the resource view handlers answer with.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { JsonObject, SyncJobRecord } from "../../world/types";

/** .NET's DateTime.MinValue as Graph serializes "never". */
export const NEVER = "0001-01-01T00:00:00Z";

/** CTS ids look like `Azure2Azure.<32 hex>.<guid>` (decisions/0017). */
export function newJobId(templateId: string): string {
  return `${templateId}.${randomBytes(16).toString("hex")}.${randomUUID()}`;
}

/** `status` of a job that was never started: code Paused, as observed for Azure2Azure. */
function neverStartedStatus(): JsonObject {
  return {
    countSuccessiveCompleteFailures: 0,
    escrowsPruned: false,
    code: "Paused",
    lastExecution: null,
    lastSuccessfulExecution: null,
    lastSuccessfulExecutionWithExports: null,
    quarantine: null,
    steadyStateFirstAchievedTime: NEVER,
    steadyStateLastAchievedTime: NEVER,
    troubleshootingUrl: null,
    progress: [],
    synchronizedEntryCountByType: [],
  };
}

/** A new, disabled job whose schema is the given (already copied) schema document. */
export function createJobRecord(id: string, templateId: string, schema: JsonObject): SyncJobRecord {
  return {
    id,
    templateId,
    // CTS runs every 40 minutes; the interval is fixed (decisions/reference/graph-cts.md §5.4).
    schedule: { expiration: null, interval: "PT40M", state: "Disabled" },
    status: neverStartedStatus(),
    synchronizationJobSettings: [
      { name: "AzureIngestionAttributeOptimization", value: "False" },
      { name: "LookaheadQueryEnabled", value: "False" },
    ],
    schema: { ...schema, id },
  };
}

/** The synchronizationJob resource (the schema is a separate navigation; internals stay hidden). */
export function jobResource(job: SyncJobRecord): JsonObject {
  return {
    id: job.id,
    templateId: job.templateId,
    schedule: structuredClone(job.schedule),
    status: structuredClone(job.status),
    synchronizationJobSettings: structuredClone(job.synchronizationJobSettings),
  };
}
