/**
 * `/directory/deletedItems` for applications and service principals (users: deletedUsers.ts) (decisions/reference/graph-cts.md §7): list by
 * type, get, restore, purge. Restoring an application does not restore its service principal;
 * a service principal can only come back while its application exists (decision 0014).
 */
import { satisfies } from "../../http/dispatch";
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext } from "../../http/route";
import type { ApplicationRecord, JsonObject, ServicePrincipalRecord } from "../../world/types";
import { applyFilter, collectionBody, entityBody, paginate } from "../odata";
import { requireOwnerOrTenantWide, tokenRoles } from "./ownership";
import {
  findDeletedUser,
  getDeletedUser,
  purgeDeletedUser,
  restoreDeletedUser,
} from "./deletedUsers";
import { APPLICATION_READ, APPLICATION_WRITE, USER_READ, USER_WRITE } from "./permissions";
import { objectView, publicCopy } from "./projection";
import { APPLICATION_TYPE, SERVICE_PRINCIPAL_TYPE, removeWhere } from "./softDelete";

const PATH = "/directory/deletedItems";

function findDeleted(ctx: GraphRequestContext, id: string): JsonObject {
  const found = ctx.tenant.deletedItems.find(
    (item) => String(item.id).toLowerCase() === id.toLowerCase(),
  );
  if (!found) throw GraphError.notFound(id);
  return found;
}

function listOfType(type: string, resource: string) {
  return route("GET", `${PATH}/${type.slice(1)}`, APPLICATION_READ, (ctx) => {
    const ofType = ctx.tenant.deletedItems.filter((item) => item["@odata.type"] === type);
    const filtered = applyFilter(ctx, ofType, {
      resource,
      properties: ["id", "appId", "displayName", "applicationTemplateId"],
    });
    const page = paginate(ctx, filtered);
    return {
      status: 200,
      body: collectionBody(ctx, `directory/deletedItems/${type.slice(1)}`, {
        ...page,
        items: page.items.map((item) => objectView(ctx, item)),
      }),
    };
  });
}

/** Routes by id serve every deleted type; each handler then checks its type's permissions. */
const ANY_DELETED_READ = [...APPLICATION_READ, ...USER_READ];
const ANY_DELETED_WRITE = [...APPLICATION_WRITE, ...USER_WRITE];

function requireApplicationPermission(ctx: GraphRequestContext, write: boolean): void {
  if (!satisfies(tokenRoles(ctx), write ? APPLICATION_WRITE : APPLICATION_READ)) {
    throw GraphError.forbidden();
  }
}

function restore(ctx: GraphRequestContext) {
  const user = findDeletedUser(ctx, ctx.params.id);
  if (user) return restoreDeletedUser(ctx, user);
  requireApplicationPermission(ctx, true);
  const item = findDeleted(ctx, ctx.params.id);
  const { "@odata.type": type, ...stored } = item;
  const record: JsonObject = { ...stored, deletedDateTime: null };
  const tenant = ctx.tenant;
  if (type === SERVICE_PRINCIPAL_TYPE) {
    const sp = record as unknown as ServicePrincipalRecord;
    const app = tenant.applications.find((a) => a.appId === sp.appId);
    requireOwnerOrTenantWide(ctx, [item, app]);
    if (
      !app &&
      tenant.deletedItems.some((d) => d["@odata.type"] === APPLICATION_TYPE && d.appId === sp.appId)
    ) {
      throw GraphError.badRequest(
        `Failed to restore service principal ${sp.id}: its application (appId ${sp.appId}) is deleted. Restore the application first, then the service principal.`,
      );
    }
    tenant.servicePrincipals.push(sp);
  } else {
    requireOwnerOrTenantWide(ctx, [item]);
    tenant.applications.push(record as unknown as ApplicationRecord);
  }
  removeWhere(tenant.deletedItems, (d) => d === item);
  return {
    status: 200,
    body: entityBody(ctx, "directoryObjects/$entity", {
      "@odata.type": type,
      ...publicCopy(record),
    }),
  };
}

export const deletedItemRoutes = [
  listOfType(APPLICATION_TYPE, "Application"),
  listOfType(SERVICE_PRINCIPAL_TYPE, "ServicePrincipal"),
  route("GET", `${PATH}/:id`, ANY_DELETED_READ, (ctx) => {
    const user = findDeletedUser(ctx, ctx.params.id);
    if (user) return getDeletedUser(ctx, user);
    requireApplicationPermission(ctx, false);
    return {
      status: 200,
      body: entityBody(
        ctx,
        "directory/deletedItems/$entity",
        objectView(ctx, findDeleted(ctx, ctx.params.id)),
      ),
    };
  }),
  route("POST", `${PATH}/:id/restore`, ANY_DELETED_WRITE, restore),
  route("DELETE", `${PATH}/:id`, ANY_DELETED_WRITE, (ctx) => {
    const user = findDeletedUser(ctx, ctx.params.id);
    if (user) return purgeDeletedUser(ctx, user);
    requireApplicationPermission(ctx, true);
    const item = findDeleted(ctx, ctx.params.id);
    requireOwnerOrTenantWide(ctx, [item]);
    removeWhere(ctx.tenant.deletedItems, (d) => d === item);
    return { status: 204 };
  }),
];
