/**
 * Resolves `/servicePrincipals/{id}/synchronization/...` to the service principal (either key
 * form, 404 while missing or not yet replicated), checks the caller may use it, and hands out
 * its synchronization subtree.
 */
import { GraphError } from "../../http/graphError";
import type { GraphRequestContext } from "../../http/route";
import type {
  ServicePrincipalRecord,
  SyncJobRecord,
  SynchronizationRecord,
} from "../../world/types";
import { findServicePrincipal } from "../directory/lookup";
import { requireSyncAccess, type SyncAccess } from "./permissions";

export interface SynchronizationTarget {
  sp: ServicePrincipalRecord;
  /** The SP's subtree; a read-only empty view when nothing was ever written. */
  sync: SynchronizationRecord;
}

/**
 * The SP named by `ctx.params.id` and its synchronization subtree. `write` access creates the
 * subtree on first use so handlers can mutate it in place.
 */
export function resolveSynchronization(
  ctx: GraphRequestContext,
  access: SyncAccess,
): SynchronizationTarget {
  const sp = findServicePrincipal(ctx, ctx.params.id);
  requireSyncAccess(ctx, sp, access);
  const existing = ctx.tenant.synchronization[sp.id];
  if (existing) return { sp, sync: existing };
  const fresh: SynchronizationRecord = { secrets: {}, jobs: [] };
  if (access === "write") ctx.tenant.synchronization[sp.id] = fresh;
  return { sp, sync: fresh };
}

/** The job named by `ctx.params.jobId`; 404 when missing or hidden by replication lag. */
export function findJob(ctx: GraphRequestContext, sync: SynchronizationRecord): SyncJobRecord {
  const jobId = ctx.params.jobId;
  const job = sync.jobs.find((candidate) => candidate.id === jobId);
  if (!job || !ctx.isVisible(job.id)) throw GraphError.notFound(jobId);
  return job;
}

/** `@odata.context` for something under the SP's synchronization, e.g. `jobs/$entity`. */
export function synchronizationContext(
  ctx: GraphRequestContext,
  sp: ServicePrincipalRecord,
  suffix: string,
): string {
  return `${ctx.graphBaseUrl}/$metadata#servicePrincipals('${sp.id}')/synchronization/${suffix}`;
}

/** Reads an object body or refuses with 400 naming the operation. */
export function objectBody(ctx: GraphRequestContext, action: string): Record<string, unknown> {
  const body = ctx.body;
  if (body === undefined || body === null) return {};
  if (typeof body !== "object" || Array.isArray(body)) {
    throw GraphError.badRequest(
      `Failed to ${action}: the request body must be a JSON object. Send {...} with the documented properties.`,
    );
  }
  return body as Record<string, unknown>;
}
