/**
 * Soft delete of applications and service principals (decisions/reference/graph-cts.md §7): the object moves to
 * `tenant.deletedItems` with its `@odata.type` and deletedDateTime. Deleting a service
 * principal also discards its synchronization subtree and the app role assignments granted on
 * it; deleting an application does the same for its service principal.
 */
import type { GraphRequestContext } from "../../http/route";
import type { ApplicationRecord, JsonObject, ServicePrincipalRecord } from "../../world/types";

export const APPLICATION_TYPE = "#microsoft.graph.application";
export const SERVICE_PRINCIPAL_TYPE = "#microsoft.graph.servicePrincipal";

/** Removes matching entries in place (other modules may hold the array). */
export function removeWhere<T>(items: T[], predicate: (item: T) => boolean): void {
  for (let i = items.length - 1; i >= 0; i -= 1) if (predicate(items[i])) items.splice(i, 1);
}

function toDeletedItems(ctx: GraphRequestContext, type: string, record: JsonObject): void {
  ctx.tenant.deletedItems.push({
    "@odata.type": type,
    ...structuredClone(record),
    deletedDateTime: new Date(ctx.now()).toISOString(),
  });
}

export function softDeleteServicePrincipal(
  ctx: GraphRequestContext,
  sp: ServicePrincipalRecord,
): void {
  const tenant = ctx.tenant;
  removeWhere(tenant.servicePrincipals, (s) => s.id === sp.id);
  delete tenant.synchronization[sp.id];
  removeWhere(tenant.appRoleAssignments, (a) => a.resourceId === sp.id || a.principalId === sp.id);
  toDeletedItems(ctx, SERVICE_PRINCIPAL_TYPE, sp);
}

/** Deletes the application and, as in its home tenant, its service principal. */
export function softDeleteApplication(ctx: GraphRequestContext, app: ApplicationRecord): void {
  const tenant = ctx.tenant;
  for (const sp of tenant.servicePrincipals.filter((s) => s.appId === app.appId)) {
    softDeleteServicePrincipal(ctx, sp);
  }
  removeWhere(tenant.applications, (a) => a.id === app.id);
  toDeletedItems(ctx, APPLICATION_TYPE, app);
}
