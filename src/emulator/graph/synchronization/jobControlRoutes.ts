/** POST .../jobs/{jobId}/start | pause | restart (decisions/reference/graph-cts.md §5.5); 204 each. */
import { GraphError } from "../../http/graphError";
import { route, type GraphRoute } from "../../http/route";
import { pauseJob, restartJob, startJob } from "./jobState";
import { SYNC_WRITE_PERMISSIONS } from "./permissions";
import { DEFAULT_RESTART_SCOPE, parseRestartScope } from "./restartScope";
import { findJob, objectBody, resolveSynchronization } from "./servicePrincipalSync";
import type { GraphRequestContext } from "../../http/route";

const job = "/servicePrincipals/:id/synchronization/jobs/:jobId";

/** The restart body `{criteria: {resetScope}}`; both levels are optional. */
function requestedRestartScope(ctx: GraphRequestContext): number {
  const action = "restart the synchronization job";
  const criteria = objectBody(ctx, action).criteria;
  if (criteria === undefined || criteria === null) return DEFAULT_RESTART_SCOPE;
  if (typeof criteria !== "object" || Array.isArray(criteria)) {
    throw GraphError.badRequest(
      `Failed to ${action}: criteria must be an object. Send {"criteria": {"resetScope": "Watermark, Escrows, QuarantineState"}}.`,
    );
  }
  const resetScope = (criteria as Record<string, unknown>).resetScope;
  if (resetScope === undefined || resetScope === null) return DEFAULT_RESTART_SCOPE;
  if (typeof resetScope !== "string") {
    throw GraphError.badRequest(
      `Failed to ${action}: criteria.resetScope must be a string of comma-separated flag names.`,
    );
  }
  return parseRestartScope(resetScope);
}

export const jobControlRoutes: readonly GraphRoute[] = [
  // Allowed without saved credentials: the first cycle then quarantines (decisions/0017).
  route("POST", `${job}/start`, SYNC_WRITE_PERMISSIONS, (ctx) => {
    const { sync } = resolveSynchronization(ctx, "write");
    startJob(findJob(ctx, sync));
    return { status: 204 };
  }),

  route("POST", `${job}/pause`, SYNC_WRITE_PERMISSIONS, (ctx) => {
    const { sync } = resolveSynchronization(ctx, "write");
    pauseJob(findJob(ctx, sync));
    return { status: 204 };
  }),

  route("POST", `${job}/restart`, SYNC_WRITE_PERMISSIONS, (ctx) => {
    const { sync } = resolveSynchronization(ctx, "write");
    const target = findJob(ctx, sync);
    restartJob(target, requestedRestartScope(ctx));
    return { status: 204 };
  }),
];
