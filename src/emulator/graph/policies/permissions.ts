import type { PermissionRequirement } from "../../http/route";

/**
 * Application permissions of the cross-tenant access policy endpoints (decisions/reference/graph-cts.md §§2, 3):
 * reads take Policy.Read.All or the write permission; writes only Policy.ReadWrite.CrossTenantAccess.
 */
export const POLICY_READ: PermissionRequirement = [
  "Policy.Read.All",
  "Policy.ReadWrite.CrossTenantAccess",
];

export const POLICY_WRITE: PermissionRequirement = ["Policy.ReadWrite.CrossTenantAccess"];

/**
 * Any valid token. An empty alternative is satisfied by every role set, so the dispatcher lets
 * the request through and the handler decides (used where Graph documents "Not supported" for
 * every permission and the emulator answers with its own explanation).
 */
export const ANY_TOKEN: PermissionRequirement = [[]];
