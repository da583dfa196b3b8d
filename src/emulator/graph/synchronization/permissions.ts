/**
 * Application permissions of the synchronization API (decisions/reference/graph-cts.md §5): writes accept
 * Application.ReadWrite.OwnedBy (only on a configuration the caller owns) or
 * Synchronization.ReadWrite.All; reads also accept Synchronization.Read.All.
 */
import { satisfies } from "../../http/dispatch";
import { GraphError } from "../../http/graphError";
import type { GraphRequestContext, PermissionRequirement } from "../../http/route";
import type { ApplicationRecord, ServicePrincipalRecord } from "../../world/types";

export type SyncAccess = "read" | "write";

const OWNED_BY = "Application.ReadWrite.OwnedBy";

export const SYNC_WRITE_PERMISSIONS: PermissionRequirement = [
  OWNED_BY,
  "Synchronization.ReadWrite.All",
];

export const SYNC_READ_PERMISSIONS: PermissionRequirement = [
  OWNED_BY,
  "Synchronization.Read.All",
  "Synchronization.ReadWrite.All",
];

/** The alternatives that need no ownership: everything but OwnedBy. */
const tenantWide = (requirement: PermissionRequirement): PermissionRequirement =>
  requirement.filter((alternative) => alternative !== OWNED_BY);

/**
 * The roles of the request's token. The dispatcher checked the route against them; the context
 * may not carry them yet, in which case the caller's granted roles stand in (they are what the
 * token authority puts in the token).
 */
function tokenRoles(ctx: GraphRequestContext): readonly string[] {
  const withRoles = ctx as GraphRequestContext & { roles?: readonly string[] };
  return withRoles.roles ?? ctx.caller.roles;
}

/** Owner ids (service principal object ids) recorded on an app or SP, see decisions/0015. */
function ownerIds(record: ApplicationRecord | ServicePrincipalRecord | undefined): string[] {
  const owners = record?.ownerIds;
  return Array.isArray(owners) ? owners.filter((id): id is string => typeof id === "string") : [];
}

/** True when the calling app owns the configuration (its SP or its application object). */
export function callerOwns(ctx: GraphRequestContext, sp: ServicePrincipalRecord): boolean {
  const application = ctx.tenant.applications.find((app) => app.appId === sp.appId);
  const owners = [...ownerIds(sp), ...ownerIds(application)];
  return owners.includes(ctx.caller.servicePrincipalId);
}

/**
 * Refuses a caller whose only qualifying permission is Application.ReadWrite.OwnedBy when it does
 * not own the configuration, as Graph does (403 Authorization_RequestDenied).
 */
export function requireSyncAccess(
  ctx: GraphRequestContext,
  sp: ServicePrincipalRecord,
  access: SyncAccess,
): void {
  const requirement = access === "write" ? SYNC_WRITE_PERMISSIONS : SYNC_READ_PERMISSIONS;
  if (satisfies(tokenRoles(ctx), tenantWide(requirement))) return;
  if (callerOwns(ctx, sp)) return;
  throw GraphError.forbidden();
}
