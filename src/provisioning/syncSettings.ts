/**
 * The job-wide settings a cycle reads from the configuration's saved secrets (decisions/reference/graph-cts.md §5.2):
 * the target (CompanyId), how to reach it (AuthenticationType), the scope (SyncAll) and the
 * accidental-deletion threshold inside the SyncNotificationSettings JSON string.
 * `SkipOutOfScopeDeletions` is deliberately not read: it does not work for CTS (§5.2).
 */

/** The portal's default threshold when deletion prevention is on without a value (§5.2). */
export const DEFAULT_DELETE_THRESHOLD = 500;

export interface SyncSettings {
  companyId?: string;
  authenticationType?: string;
  /** true = "Sync all users", false = "Sync only assigned users and groups". */
  syncAll: boolean;
  /** Most deletions one cycle may make; undefined when prevention is off. */
  deleteThreshold?: number;
}

function deleteThreshold(notificationSettings: string | undefined): number | undefined {
  if (!notificationSettings) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(notificationSettings);
  } catch {
    // The secrets endpoint validates the JSON; an unreadable value means prevention is off.
    return undefined;
  }
  if (parsed === null || typeof parsed !== "object") return undefined;
  const settings = parsed as { DeleteThresholdEnabled?: unknown; DeleteThresholdValue?: unknown };
  if (settings.DeleteThresholdEnabled !== true) return undefined;
  const value = settings.DeleteThresholdValue;
  return typeof value === "number" && Number.isInteger(value) && value >= 0
    ? value
    : DEFAULT_DELETE_THRESHOLD;
}

export function readSyncSettings(secrets: Readonly<Record<string, string>>): SyncSettings {
  return {
    companyId: secrets.CompanyId || undefined,
    authenticationType: secrets.AuthenticationType || undefined,
    syncAll: (secrets.SyncAll ?? "").toLowerCase() === "true",
    deleteThreshold: deleteThreshold(secrets.SyncNotificationSettings),
  };
}
