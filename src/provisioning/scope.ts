/**
 * Who a configuration reaches in the source tenant (decisions/reference/graph-cts.md §6): with "Sync only assigned
 * users and groups" (SyncAll false) the users assigned directly plus the direct user members of
 * assigned groups, never members of nested groups; with SyncAll true every user. Deleted source
 * users are never in scope. Group provisioning works on assigned groups only.
 */
import type { GroupRecord, TenantState, UserRecord } from "../emulator/world/types";

export interface ScopedUser {
  user: UserRecord;
  /** Assigned directly or through a group (the `appRoleAssignments` the engine sees). */
  assigned: boolean;
}

export interface SourceScope {
  /** Candidate users in the source tenant's order. */
  users: ScopedUser[];
  userIds: ReadonlySet<string>;
  /** Groups assigned to the configuration (group provisioning candidates). */
  assignedGroups: GroupRecord[];
}

function assignedPrincipals(source: TenantState, servicePrincipalId: string) {
  const userIds = new Set<string>();
  const groupIds = new Set<string>();
  for (const assignment of source.appRoleAssignments) {
    if (assignment.resourceId !== servicePrincipalId) continue;
    if (assignment.principalType === "User") userIds.add(assignment.principalId);
    if (assignment.principalType === "Group") groupIds.add(assignment.principalId);
  }
  return { userIds, groupIds };
}

export function computeScope(
  source: TenantState,
  servicePrincipalId: string,
  syncAll: boolean,
): SourceScope {
  const { userIds: direct, groupIds } = assignedPrincipals(source, servicePrincipalId);
  const assignedGroups = source.groups.filter((group) => groupIds.has(group.id));
  const assigned = new Set(direct);
  // Direct members only: a nested group among the members does not bring its own members.
  for (const group of assignedGroups)
    for (const memberId of group.memberIds) assigned.add(memberId);
  const users: ScopedUser[] = [];
  for (const user of source.users) {
    if (user.deletedDateTime) continue;
    const isAssigned = assigned.has(user.id);
    if (syncAll || isAssigned) users.push({ user, assigned: isAssigned });
  }
  return {
    users,
    userIds: new Set(users.map((scoped) => scoped.user.id)),
    assignedGroups,
  };
}
