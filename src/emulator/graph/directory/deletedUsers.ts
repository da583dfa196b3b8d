/**
 * Soft-deleted users in `/directory/deletedItems` (Graph's "List deletedItems" and "Restore
 * deleted item" for `microsoft.graph.user`). A user the provisioning service soft-deletes stays
 * in the tenant's store with its `deletedDateTime` set (decisions/0053); these functions show it
 * there, restore it, or delete it for good. Users need the User permissions, not the
 * Application ones the other deleted item types need (decisions/0099).
 */
import { satisfies } from "../../http/dispatch";
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext } from "../../http/route";
import type { JsonObject, UserRecord } from "../../world/types";
import { applyFilter, collectionBody, entityBody, paginate } from "../odata";
import { tokenRoles } from "./ownership";
import { USER_READ, USER_WRITE } from "./permissions";
import { userView } from "./projection";

export const USER_TYPE = "#microsoft.graph.user";

/** The soft-deleted user with this id, if there is one. */
export function findDeletedUser(ctx: GraphRequestContext, id: string): UserRecord | undefined {
  const wanted = id.toLowerCase();
  return ctx.tenant.users.find((u) => u.deletedDateTime && u.id.toLowerCase() === wanted);
}

function requireUserPermission(ctx: GraphRequestContext, requirement: typeof USER_READ): void {
  if (!satisfies(tokenRoles(ctx), requirement)) throw GraphError.forbidden();
}

function deletedUserView(ctx: GraphRequestContext, user: UserRecord): JsonObject {
  return {
    "@odata.type": USER_TYPE,
    ...userView(ctx, user),
    deletedDateTime: user.deletedDateTime,
  };
}

export function getDeletedUser(ctx: GraphRequestContext, user: UserRecord) {
  requireUserPermission(ctx, USER_READ);
  return {
    status: 200,
    body: entityBody(ctx, "directory/deletedItems/$entity", deletedUserView(ctx, user)),
  };
}

export function restoreDeletedUser(ctx: GraphRequestContext, user: UserRecord) {
  requireUserPermission(ctx, USER_WRITE);
  const upn = user.userPrincipalName.toLowerCase();
  const clash = ctx.tenant.users.find(
    (u) => u !== user && !u.deletedDateTime && u.userPrincipalName.toLowerCase() === upn,
  );
  if (clash) {
    throw GraphError.badRequest(
      `Failed to restore user ${user.id}: userPrincipalName ${user.userPrincipalName} is in use by ${clash.id}. Rename or delete that user first.`,
    );
  }
  user.deletedDateTime = null;
  return {
    status: 200,
    body: entityBody(ctx, "directoryObjects/$entity", {
      "@odata.type": USER_TYPE,
      ...userView(ctx, user),
    }),
  };
}

export function purgeDeletedUser(ctx: GraphRequestContext, user: UserRecord) {
  requireUserPermission(ctx, USER_WRITE);
  const index = ctx.tenant.users.indexOf(user);
  ctx.tenant.users.splice(index, 1);
  return { status: 204 };
}

export const deletedUserRoutes = [
  route("GET", "/directory/deletedItems/microsoft.graph.user", USER_READ, (ctx) => {
    const deleted = ctx.tenant.users.filter((u) => u.deletedDateTime);
    const filtered = applyFilter(ctx, deleted, {
      resource: "User",
      properties: ["id", "userPrincipalName", "displayName", "mail"],
    });
    const page = paginate(ctx, filtered);
    return {
      status: 200,
      body: collectionBody(ctx, "directory/deletedItems/microsoft.graph.user", {
        ...page,
        items: page.items.map((u) => deletedUserView(ctx, u)),
      }),
    };
  }),
];
