/**
 * Application permissions of the directory endpoints. Where decisions/reference/graph-cts.md lists them (§§4, 6, 7,
 * 8.5) they are copied from there; the others come from the Graph permission tables (see
 * decisions/0014-directory-endpoints.md).
 */
import type { PermissionRequirement } from "../../http/route";

/** GET/list applications and service principals (Graph "list applications" table). */
export const APPLICATION_READ: PermissionRequirement = [
  "Application.Read.All",
  "Application.ReadWrite.OwnedBy",
  "Application.ReadWrite.All",
  "Directory.Read.All",
];

/** PATCH/DELETE applications, DELETE service principals, restore and purge deleted items (§7). */
export const APPLICATION_WRITE: PermissionRequirement = [
  "Application.ReadWrite.OwnedBy",
  "Application.ReadWrite.All",
];

/** PATCH /servicePrincipals/{id} (Graph's "update servicePrincipal" table). */
export const SERVICE_PRINCIPAL_UPDATE: PermissionRequirement = [
  "Application.ReadWrite.OwnedBy",
  "Application.ReadWrite.All",
  "Directory.ReadWrite.All",
];

/** POST /applicationTemplates/{id}/instantiate (§4.2). */
export const INSTANTIATE: PermissionRequirement = [
  "Application.ReadWrite.OwnedBy",
  "Application.ReadWrite.All",
  "Directory.ReadWrite.All",
];

/** GET /applicationTemplates/{id}: "no permission needed beyond a valid token" (empty alternative). */
export const ANY_TOKEN: PermissionRequirement = [[]];

/** POST appRoleAssignedTo needs both roles of one pair (§6). */
export const ASSIGNMENT_CREATE: PermissionRequirement = [
  ["AppRoleAssignment.ReadWrite.All", "Application.Read.All"],
  ["AppRoleAssignment.ReadWrite.All", "Directory.Read.All"],
];

export const ASSIGNMENT_READ: PermissionRequirement = [
  "Application.Read.All",
  "Application.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];

export const ASSIGNMENT_DELETE: PermissionRequirement = ["AppRoleAssignment.ReadWrite.All"];

export const USER_READ: PermissionRequirement = [
  "User.Read.All",
  "User.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];

export const USER_WRITE: PermissionRequirement = ["User.ReadWrite.All", "Directory.ReadWrite.All"];

export const GROUP_READ: PermissionRequirement = [
  "GroupMember.Read.All",
  "Group.Read.All",
  "Group.ReadWrite.All",
  "GroupMember.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];

export const GROUP_MEMBER_WRITE: PermissionRequirement = [
  "GroupMember.ReadWrite.All",
  "Group.ReadWrite.All",
  "Directory.ReadWrite.All",
];

/** GET /auditLogs/provisioning (§8.5). */
export const AUDIT_LOG_READ: PermissionRequirement = ["AuditLog.Read.All"];

/** POST /groups (Graph's "create group" table: Group.Create is the least privileged). */
export const GROUP_CREATE: PermissionRequirement = [
  "Group.Create",
  "Group.ReadWrite.All",
  "Directory.ReadWrite.All",
];
