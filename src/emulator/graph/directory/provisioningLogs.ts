/** GET /auditLogs/provisioning: the tenant's provisioning log entries (decisions/reference/graph-cts.md §8.5). */
import { route } from "../../http/route";
import { applyFilter, collectionBody, paginate } from "../odata";
import { AUDIT_LOG_READ } from "./permissions";

const PROVISIONING_FILTER = {
  resource: "ProvisioningObjectSummary",
  properties: [
    "servicePrincipal/id",
    "jobId",
    "cycleId",
    "changeId",
    "provisioningAction",
    "activityDateTime",
    "provisioningStatusInfo/status",
  ],
};

export const provisioningLogRoutes = [
  route("GET", "/auditLogs/provisioning", AUDIT_LOG_READ, (ctx) => {
    const filtered = applyFilter(ctx, ctx.tenant.provisioningLogs, PROVISIONING_FILTER);
    const page = paginate(ctx, filtered, { defaultPageSize: 50, maxPageSize: 1000 });
    return {
      status: 200,
      body: collectionBody(ctx, "auditLogs/provisioning", {
        ...page,
        items: page.items.map((entry) => structuredClone(entry)),
      }),
    };
  }),
];
