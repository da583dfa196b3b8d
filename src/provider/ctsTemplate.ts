/** The cross-tenant synchronization gallery template (decisions/reference/graph-cts.md §4.1). */
export const CTS_TEMPLATE_ID = "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7";

/** The synchronization job template of CTS configurations. */
export const CTS_JOB_TEMPLATE_ID = "Azure2Azure";

/** The one app role a CTS configuration exposes; assignments use it. */
export const MSIAM_ACCESS = "msiam_access";

/** Graph's statuses that mean "this new service principal has not replicated to sync yet". */
export const SYNC_CONSISTENCY_STATUSES = [404, 403, 409] as const;

/**
 * The id of a configuration's `msiam_access` app role (random per configuration), from its
 * service principal or application; undefined when it has none.
 */
export function msiamAccessRoleId(appRoles: unknown): string | undefined {
  const roles =
    (appRoles as Array<{ id: string; displayName?: string; value?: string | null }> | undefined) ??
    [];
  return roles.find((role) => role.displayName === MSIAM_ACCESS || role.value === MSIAM_ACCESS)?.id;
}
