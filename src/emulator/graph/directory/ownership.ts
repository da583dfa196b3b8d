/**
 * Application.ReadWrite.OwnedBy lets an app change only the applications and service
 * principals it owns. Routes accept it like the tenant-wide permissions; this check then
 * refuses a non-owner, as Graph does.
 */
import { GraphError } from "../../http/graphError";
import type { GraphRequestContext } from "../../http/route";
import type { JsonObject } from "../../world/types";

/** Permissions that reach every application in the tenant. */
const TENANT_WIDE = ["Application.ReadWrite.All", "Directory.ReadWrite.All"];

/**
 * The roles the token carries. The context has no token roles of its own; the caller's granted
 * roles are what the token authority puts in the token, so they stand in.
 */
export function tokenRoles(ctx: GraphRequestContext): readonly string[] {
  const withRoles = ctx as GraphRequestContext & { roles?: readonly string[] };
  return withRoles.roles ?? ctx.caller.roles;
}

function ownerIdsOf(record: JsonObject | undefined): unknown[] {
  return Array.isArray(record?.ownerIds) ? (record.ownerIds as unknown[]) : [];
}

/** 403 unless the caller has a tenant-wide permission or owns one of `records`. */
export function requireOwnerOrTenantWide(
  ctx: GraphRequestContext,
  records: ReadonlyArray<JsonObject | undefined>,
): void {
  if (TENANT_WIDE.some((role) => tokenRoles(ctx).includes(role))) return;
  const me = ctx.caller.servicePrincipalId;
  if (records.some((record) => ownerIdsOf(record).includes(me))) return;
  throw GraphError.forbidden();
}
