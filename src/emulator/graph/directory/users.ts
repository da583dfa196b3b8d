/**
 * Users: list with $filter/$select/$top paging, get by id or userPrincipalName, and PATCH so
 * tests and the provisioning simulation can change a user "as a portal user would".
 */
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext } from "../../http/route";
import type { UserRecord } from "../../world/types";
import { applyFilter, collectionBody, entityBody, paginate, requireBodyObject } from "../odata";
import { activeUsers, findUser } from "./lookup";
import { USER_READ, USER_WRITE } from "./permissions";
import { userView } from "./projection";

const USER_FILTER = {
  resource: "User",
  properties: ["id", "userPrincipalName", "mail", "userType", "displayName", "accountEnabled"],
};

/** Fields a PATCH may not write: keys and service-computed values. */
const READ_ONLY = ["id", "creationType", "deletedDateTime", "alternativeSecurityIds"];
/** Emulator bookkeeping that is not a Graph property at all. */
const NOT_GRAPH_PROPERTIES = ["netId", "managerId", "memberIds", "ownerIds"];

function checkUserChanges(
  ctx: GraphRequestContext,
  user: UserRecord,
  changes: Record<string, unknown>,
): void {
  const action = `update user ${user.id}`;
  for (const [name, value] of Object.entries(changes)) {
    if (NOT_GRAPH_PROPERTIES.includes(name))
      throw GraphError.badRequest(`Invalid property '${name}'.`);
    if (READ_ONLY.includes(name)) {
      throw GraphError.badRequest(
        `Failed to ${action}: ${name} is read-only. Leave it out of the PATCH body.`,
      );
    }
    if (name === "userType" && value !== "Member" && value !== "Guest") {
      throw GraphError.badRequest(`Failed to ${action}: userType must be 'Member' or 'Guest'.`);
    }
    if (name === "accountEnabled" && typeof value !== "boolean") {
      throw GraphError.badRequest(`Failed to ${action}: accountEnabled must be true or false.`);
    }
    if (
      (name === "displayName" || name === "userPrincipalName") &&
      (typeof value !== "string" || value === "")
    ) {
      throw GraphError.badRequest(`Failed to ${action}: ${name} must be a non-empty string.`);
    }
  }
  const upn = changes.userPrincipalName;
  if (
    typeof upn === "string" &&
    ctx.tenant.users.some(
      (u) => u.id !== user.id && u.userPrincipalName.toLowerCase() === upn.toLowerCase(),
    )
  ) {
    throw GraphError.badRequest(
      "Another object with the same value for property userPrincipalName already exists.",
      "Request_BadRequest",
    );
  }
}

export const userRoutes = [
  route("GET", "/users", USER_READ, (ctx) => {
    const page = paginate(ctx, applyFilter(ctx, activeUsers(ctx), USER_FILTER));
    return {
      status: 200,
      body: collectionBody(ctx, "users", {
        ...page,
        items: page.items.map((u) => userView(ctx, u)),
      }),
    };
  }),
  route("GET", "/users/:id", USER_READ, (ctx) => ({
    status: 200,
    body: entityBody(ctx, "users/$entity", userView(ctx, findUser(ctx, ctx.params.id))),
  })),
  route("PATCH", "/users/:id", USER_WRITE, (ctx) => {
    const user = findUser(ctx, ctx.params.id);
    const changes = requireBodyObject(ctx.body, `update user ${user.id}`);
    checkUserChanges(ctx, user, changes);
    Object.assign(user, structuredClone(changes));
    return { status: 204 };
  }),
];
