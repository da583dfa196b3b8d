/**
 * Value checks for the secret keys whose format CTS relies on. Other keys are free-form strings.
 * `SyncNotificationSettings` is a JSON object serialized into a string (decisions/reference/graph-cts.md §5.2).
 */
import { z } from "zod";
import type { SynchronizationSecretKey } from "./secretKeys";

const syncNotificationSettings = z
  .object({
    Enabled: z.boolean().optional(),
    Recipients: z.string().optional(),
    DeleteThresholdEnabled: z.boolean().optional(),
    DeleteThresholdValue: z.number().int().min(0).optional(),
    HumanResourcesLookaheadQueryEnabled: z.boolean().optional(),
  })
  .strict();

export type SyncNotificationSettings = z.infer<typeof syncNotificationSettings>;

const BOOLEAN_TEXT = /^(true|false)$/i;

/** Why `value` is not acceptable for `key`, or undefined when it is. */
export function secretValueProblem(
  key: SynchronizationSecretKey,
  value: string,
): string | undefined {
  if (key === "SyncAll" || key === "SkipOutOfScopeDeletions") {
    return BOOLEAN_TEXT.test(value)
      ? undefined
      : `${key} must be "true" or "false", got '${value}'`;
  }
  if (key === "SyncNotificationSettings") return notificationSettingsProblem(value);
  return undefined;
}

function notificationSettingsProblem(value: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return 'SyncNotificationSettings must be a JSON object serialized as a string, e.g. "{\\"Enabled\\":false,\\"DeleteThresholdEnabled\\":true,\\"DeleteThresholdValue\\":500}"';
  }
  const result = syncNotificationSettings.safeParse(parsed);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const where = issue.path.length ? `'${issue.path.join(".")}'` : "the value";
  return `SyncNotificationSettings is invalid at ${where}: ${issue.message}. Allowed properties: Enabled, Recipients, DeleteThresholdEnabled, DeleteThresholdValue, HumanResourcesLookaheadQueryEnabled`;
}
