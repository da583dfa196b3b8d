/**
 * `POST /users` and `POST /groups` as Graph documents them ("Create user", "Create group"), so a
 * rehearsal can build its own world through Graph instead of the emulator's fixtures. The
 * required properties and the error texts follow those pages; see decisions/0099.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext } from "../../http/route";
import type { GroupRecord, JsonObject, UserRecord } from "../../world/types";
import { entityBody, requireBodyObject } from "../odata";
import { findUserOrGroup } from "./lookup";
import { GROUP_CREATE, USER_WRITE } from "./permissions";
import { groupView, userView } from "./projection";

/** "Create user": the properties Graph requires in the body. */
const USER_REQUIRED = [
  "accountEnabled",
  "displayName",
  "mailNickname",
  "passwordProfile",
  "userPrincipalName",
];
/** Properties a created user may carry besides the required ones (the rest are refused). */
const USER_OPTIONAL = [
  "givenName",
  "surname",
  "mail",
  "jobTitle",
  "department",
  "companyName",
  "employeeId",
  "officeLocation",
  "mobilePhone",
  "businessPhones",
  "preferredLanguage",
  "usageLocation",
  "country",
  "city",
  "state",
  "streetAddress",
  "postalCode",
  "userType",
  "showInAddressList",
];
/** "Create group": the properties Graph requires in the body. */
const GROUP_REQUIRED = ["displayName", "mailEnabled", "mailNickname", "securityEnabled"];
const GROUP_OPTIONAL = ["description", "groupTypes", "members@odata.bind", "visibility"];

function requireProperties(body: JsonObject, required: string[], action: string): void {
  const missing = required.filter((name) => body[name] === undefined || body[name] === null);
  if (missing.length) {
    throw GraphError.badRequest(
      `Failed to ${action}: missing required properties: ${missing.join(", ")}.`,
    );
  }
}

function refuseOthers(body: JsonObject, allowed: string[]): void {
  for (const name of Object.keys(body)) {
    if (!allowed.includes(name)) throw GraphError.badRequest(`Invalid property '${name}'.`);
  }
}

function requireString(body: JsonObject, name: string, action: string): string {
  const value = body[name];
  if (typeof value !== "string" || value.trim() === "") {
    throw GraphError.badRequest(`Failed to ${action}: ${name} must be a non-empty string.`);
  }
  return value;
}

function requireBoolean(body: JsonObject, name: string, action: string): boolean {
  const value = body[name];
  if (typeof value !== "boolean") {
    throw GraphError.badRequest(`Failed to ${action}: ${name} must be true or false.`);
  }
  return value;
}

function checkUserPrincipalName(ctx: GraphRequestContext, upn: string): void {
  const domain = upn.split("@")[1]?.toLowerCase();
  if (!domain || domain !== ctx.tenant.domain.toLowerCase()) {
    // Graph's answer when the UPN's domain is not a verified domain of the tenant.
    throw GraphError.badRequest(
      `Property userPrincipalName is invalid: the domain portion must be a verified domain of the tenant (${ctx.tenant.domain}).`,
    );
  }
  const taken = ctx.tenant.users.some(
    (u) => !u.deletedDateTime && u.userPrincipalName.toLowerCase() === upn.toLowerCase(),
  );
  if (taken) {
    throw GraphError.badRequest(
      "Another object with the same value for property userPrincipalName already exists.",
      "Request_BadRequest",
    );
  }
}

function createUser(ctx: GraphRequestContext) {
  const action = "create a user";
  const body = requireBodyObject(ctx.body, action);
  requireProperties(body, USER_REQUIRED, action);
  refuseOthers(body, [...USER_REQUIRED, ...USER_OPTIONAL]);
  const upn = requireString(body, "userPrincipalName", action);
  const profile = body.passwordProfile as JsonObject;
  if (typeof profile !== "object" || typeof profile.password !== "string" || !profile.password) {
    throw GraphError.badRequest(`Failed to ${action}: passwordProfile.password is required.`);
  }
  const userType = body.userType ?? "Member";
  if (userType !== "Member" && userType !== "Guest") {
    throw GraphError.badRequest(`Failed to ${action}: userType must be 'Member' or 'Guest'.`);
  }
  checkUserPrincipalName(ctx, upn);
  // The password is a credential: it is checked for presence and never kept in the world.
  const { passwordProfile: _password, ...properties } = body;
  void _password;
  const user: UserRecord = {
    ...structuredClone(properties),
    id: randomUUID(),
    userPrincipalName: upn,
    displayName: requireString(body, "displayName", action),
    accountEnabled: requireBoolean(body, "accountEnabled", action),
    userType,
    creationType: null,
    deletedDateTime: null,
    // Every cloud user has a network id; CTS matches on the alternativeSecurityId built from it.
    netId: randomBytes(8).toString("hex").toUpperCase(),
  };
  ctx.tenant.users.push(user);
  ctx.markCreated(user.id);
  return { status: 201, body: entityBody(ctx, "users/$entity", userView(ctx, user)) };
}

function boundMemberIds(ctx: GraphRequestContext, body: JsonObject, action: string): string[] {
  const binds = body["members@odata.bind"];
  if (binds === undefined) return [];
  if (!Array.isArray(binds) || binds.some((b) => typeof b !== "string")) {
    throw GraphError.badRequest(
      `Failed to ${action}: members@odata.bind must be an array of "https://graph.microsoft.com/v1.0/directoryObjects/{id}" strings.`,
    );
  }
  return binds.map((bind) => {
    const id = /\/([^/]+?)\/?$/.exec(bind as string)?.[1] ?? "";
    return findUserOrGroup(ctx, id).record.id;
  });
}

function createGroup(ctx: GraphRequestContext) {
  const action = "create a group";
  const body = requireBodyObject(ctx.body, action);
  requireProperties(body, GROUP_REQUIRED, action);
  refuseOthers(body, [...GROUP_REQUIRED, ...GROUP_OPTIONAL]);
  const groupTypes = body.groupTypes ?? [];
  if (
    !Array.isArray(groupTypes) ||
    groupTypes.some((t) => t !== "Unified" && t !== "DynamicMembership")
  ) {
    throw GraphError.badRequest(
      `Failed to ${action}: groupTypes may contain only 'Unified' and 'DynamicMembership'.`,
    );
  }
  const group: GroupRecord = {
    id: randomUUID(),
    displayName: requireString(body, "displayName", action),
    mailNickname: requireString(body, "mailNickname", action),
    securityEnabled: requireBoolean(body, "securityEnabled", action),
    mailEnabled: requireBoolean(body, "mailEnabled", action),
    groupTypes: groupTypes as string[],
    memberIds: [...new Set(boundMemberIds(ctx, body, action))],
    ...(typeof body.description === "string" ? { description: body.description } : {}),
  };
  ctx.tenant.groups.push(group);
  ctx.markCreated(group.id);
  return { status: 201, body: entityBody(ctx, "groups/$entity", groupView(ctx, group)) };
}

export const directoryCreateRoutes = [
  route("POST", "/users", USER_WRITE, createUser),
  route("POST", "/groups", GROUP_CREATE, createGroup),
];
