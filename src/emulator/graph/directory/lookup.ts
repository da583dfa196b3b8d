/**
 * Finding directory objects in the caller's tenant by the keys Graph accepts, with the
 * replication-lag check: an object the lag knob still hides answers 404 like a missing one.
 * Other handler families (synchronization) import these, so their names and signatures are
 * stable.
 */
import { GraphError } from "../../http/graphError";
import type { GraphRequestContext } from "../../http/route";
import type {
  ApplicationRecord,
  GroupRecord,
  ServicePrincipalRecord,
  UserRecord,
} from "../../world/types";

/** `appId='x'` (after normalizeGraphPath) or a plain object id. */
export function parseObjectKey(idOrKey: string): { appId: string } | { id: string } {
  const match = /^appId='(.*)'$/i.exec(idOrKey);
  return match ? { appId: match[1] } : { id: idOrKey };
}

function findByKey<T extends { id: string; appId: string }>(
  ctx: GraphRequestContext,
  records: readonly T[],
  idOrKey: string,
): T {
  const key = parseObjectKey(idOrKey);
  const found =
    "appId" in key
      ? records.find((r) => r.appId.toLowerCase() === key.appId.toLowerCase())
      : records.find((r) => r.id.toLowerCase() === key.id.toLowerCase());
  if (!found || !ctx.isVisible(found.id))
    throw GraphError.notFound("appId" in key ? key.appId : key.id);
  return found;
}

/** The service principal addressed by `id` or `appId='x'`; 404 when missing or lagging. */
export function findServicePrincipal(
  ctx: GraphRequestContext,
  idOrKey: string,
): ServicePrincipalRecord {
  return findByKey(ctx, ctx.tenant.servicePrincipals, idOrKey);
}

/** The application addressed by `id` or `appId='x'`; 404 when missing or lagging. */
export function findApplication(ctx: GraphRequestContext, idOrKey: string): ApplicationRecord {
  return findByKey(ctx, ctx.tenant.applications, idOrKey);
}

/** Users that exist (not soft-deleted) and have replicated. */
export function activeUsers(ctx: GraphRequestContext): UserRecord[] {
  return ctx.tenant.users.filter((u) => !u.deletedDateTime && ctx.isVisible(u.id));
}

/** The user addressed by object id or userPrincipalName; 404 when missing, deleted or lagging. */
export function findUser(ctx: GraphRequestContext, idOrUpn: string): UserRecord {
  const wanted = idOrUpn.toLowerCase();
  const found = activeUsers(ctx).find(
    (u) => u.id.toLowerCase() === wanted || u.userPrincipalName.toLowerCase() === wanted,
  );
  if (!found) throw GraphError.notFound(idOrUpn);
  return found;
}

export function visibleGroups(ctx: GraphRequestContext): GroupRecord[] {
  return ctx.tenant.groups.filter((g) => ctx.isVisible(g.id));
}

/** The group with object id `id`; 404 when missing or lagging. */
export function findGroup(ctx: GraphRequestContext, id: string): GroupRecord {
  const found = visibleGroups(ctx).find((g) => g.id.toLowerCase() === id.toLowerCase());
  if (!found) throw GraphError.notFound(id);
  return found;
}

/** A user or group by object id, tagged with its kind; 404 when neither exists. */
export function findUserOrGroup(
  ctx: GraphRequestContext,
  id: string,
): { kind: "User"; record: UserRecord } | { kind: "Group"; record: GroupRecord } {
  const wanted = id.toLowerCase();
  const user = activeUsers(ctx).find((u) => u.id.toLowerCase() === wanted);
  if (user) return { kind: "User", record: user };
  const group = visibleGroups(ctx).find((g) => g.id.toLowerCase() === wanted);
  if (group) return { kind: "Group", record: group };
  throw GraphError.notFound(id);
}
