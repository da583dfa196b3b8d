/**
 * The `synchronizationSecret` enum (decisions/reference/graph-cts.md §5.2) and which values GET returns in clear.
 * Masking is the default: only keys known to hold configuration rather than a credential are
 * returned as saved (decisions/0018).
 */

export const SYNCHRONIZATION_SECRET_KEYS = [
  "None",
  "UserName",
  "Password",
  "SecretToken",
  "AppKey",
  "BaseAddress",
  "ClientIdentifier",
  "ClientSecret",
  "SingleSignOnType",
  "Sandbox",
  "Url",
  "Domain",
  "ConsumerKey",
  "ConsumerSecret",
  "TokenKey",
  "TokenExpiration",
  "Oauth2AccessToken",
  "Oauth2AccessTokenCreationTime",
  "Oauth2RefreshToken",
  "SyncAll",
  "InstanceName",
  "Oauth2ClientId",
  "Oauth2ClientSecret",
  "CompanyId",
  "UpdateKeyOnSoftDelete",
  "SynchronizationSchedule",
  "SystemOfRecord",
  "SandboxName",
  "EnforceDomain",
  "SyncNotificationSettings",
  "SkipOutOfScopeDeletions",
  "Oauth2AuthorizationCode",
  "Oauth2RedirectUri",
  "ApplicationTemplateIdentifier",
  "Oauth2TokenExchangeUri",
  "Oauth2AuthorizationUri",
  "AuthenticationType",
  "Server",
  "PerformInboundEntitlementGrants",
  "HardDeletesEnabled",
  "SyncAgentCompatibilityKey",
  "SyncAgentADContainer",
  "ValidateDomain",
  "TestReferences",
  "ConnectionString",
] as const;

export type SynchronizationSecretKey = (typeof SYNCHRONIZATION_SECRET_KEYS)[number];

/** Keys that are credentials (or contain one): GET answers "*" for them. */
export const MASKED_SECRET_KEYS: ReadonlySet<SynchronizationSecretKey> = new Set([
  "Password",
  "SecretToken",
  "AppKey",
  "ClientSecret",
  "ConsumerSecret",
  "TokenKey",
  "Oauth2AccessToken",
  "Oauth2RefreshToken",
  "Oauth2ClientSecret",
  "Oauth2AuthorizationCode",
  "SyncAgentCompatibilityKey",
  "ConnectionString",
]);

/** The value placeholder Graph returns for a saved credential. */
export const MASK = "*";

export function isSynchronizationSecretKey(key: string): key is SynchronizationSecretKey {
  return (SYNCHRONIZATION_SECRET_KEYS as readonly string[]).includes(key);
}

export function maskedValue(key: SynchronizationSecretKey, value: string): string {
  return MASKED_SECRET_KEYS.has(key) ? MASK : value;
}
