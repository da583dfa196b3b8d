/**
 * The synchronization secrets of a CTS configuration: target tenant, authentication type,
 * scope, notification e-mail and accidental-deletion settings, as Graph stores them.
 */
export interface SyncSettings {
  targetTenantId: string;
  scope: "assigned" | "all";
  notificationEmail?: string;
  accidentalDeletionPrevention: boolean;
  accidentalDeletionThreshold: number;
}

export const DEFAULT_DELETION_THRESHOLD = 500;

/** The SyncConfiguration properties kept in the synchronization secrets. */
export const SETTINGS_KEYS = [
  "targetTenantId",
  "scope",
  "notificationEmail",
  "accidentalDeletionPrevention",
  "accidentalDeletionThreshold",
] as const satisfies ReadonlyArray<keyof SyncSettings>;

interface NotificationSettings {
  Enabled: boolean;
  Recipients: string;
  DeleteThresholdEnabled: boolean;
  DeleteThresholdValue: number;
  HumanResourcesLookaheadQueryEnabled: boolean;
}

/** The full secrets body (Graph's PUT; we always send the whole desired set). */
export function secretsBody(settings: SyncSettings): {
  value: Array<{ key: string; value: string }>;
} {
  const notification: NotificationSettings = {
    Enabled: !!settings.notificationEmail,
    Recipients: settings.notificationEmail ?? "",
    DeleteThresholdEnabled: settings.accidentalDeletionPrevention,
    DeleteThresholdValue: settings.accidentalDeletionThreshold,
    HumanResourcesLookaheadQueryEnabled: false,
  };
  return {
    value: [
      { key: "AuthenticationType", value: "SyncPolicy" },
      { key: "CompanyId", value: settings.targetTenantId },
      { key: "SyncNotificationSettings", value: JSON.stringify(notification) },
      { key: "SyncAll", value: settings.scope === "all" ? "true" : "false" },
    ],
  };
}

/** Reads the settings back from Graph's secrets list. */
export function settingsFromSecrets(
  secrets: Array<{ key: string; value: string }>,
): Partial<SyncSettings> {
  const byKey = new Map(secrets.map((secret) => [secret.key, secret.value]));
  const result: Partial<SyncSettings> = {};
  const company = byKey.get("CompanyId");
  if (company) result.targetTenantId = company;
  if (byKey.has("SyncAll"))
    result.scope = byKey.get("SyncAll")?.toLowerCase() === "true" ? "all" : "assigned";
  const raw = byKey.get("SyncNotificationSettings");
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as Partial<NotificationSettings>;
      result.notificationEmail =
        parsed.Enabled && parsed.Recipients ? parsed.Recipients : undefined;
      result.accidentalDeletionPrevention = parsed.DeleteThresholdEnabled === true;
      result.accidentalDeletionThreshold =
        parsed.DeleteThresholdValue ?? DEFAULT_DELETION_THRESHOLD;
    } catch {
      // A value someone typed by hand in another tool: report it as unset, so diff shows drift.
    }
  } else {
    result.accidentalDeletionPrevention = false;
  }
  return result;
}
