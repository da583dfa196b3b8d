/**
 * The emulator's in-memory world: every tenant's directory, policies, applications and
 * synchronization state. Plain JSON-serializable data so a world can be saved to and restored
 * from a snapshot file. Handlers mutate it in place; nothing here talks HTTP.
 */

/** A Graph object as stored: free-form JSON properties keyed by name. */
export type JsonObject = Record<string, unknown>;

/** An app that may call the emulator (client-credentials caller), not a CTS configuration. */
export interface CallerApp {
  /** Client (application) id. */
  appId: string;
  displayName: string;
  /** Application permissions granted (become the token's `roles`). */
  roles: string[];
  /** Accepted client secrets. */
  secrets: string[];
  /** PEM certificates whose private keys may sign client assertions. */
  certificates: string[];
  /** Federated identity credentials (GitHub-OIDC style). */
  federatedCredentials: Array<{ issuer: string; subject: string; audiences: string[] }>;
  /** Service principal object id of this caller in its tenant (the token's `oid`). */
  servicePrincipalId: string;
}

/** A user as stored. Properties follow Graph's user resource; `netId` feeds alternativeSecurityIds. */
export interface UserRecord extends JsonObject {
  id: string;
  userPrincipalName: string;
  displayName: string;
  userType: "Member" | "Guest";
  accountEnabled: boolean;
  /** Opaque per-user network id; the CTS matching attribute is derived from it. */
  netId?: string;
  /**
   * For users that came from another tenant (B2B guests or synced members): the home tenant id
   * and that tenant's netId, which is what CTS matches on.
   */
  alternativeSecurityIds?: Array<{ type: number; identityProvider: string | null; key: string }>;
  /** `Invitation` for B2B guests, null for native users. */
  creationType?: string | null;
  /** Soft-deleted users are kept with their deletion time. */
  deletedDateTime?: string | null;
  managerId?: string | null;
}

export interface GroupRecord extends JsonObject {
  id: string;
  displayName: string;
  mailNickname: string;
  securityEnabled: boolean;
  mailEnabled: boolean;
  groupTypes: string[];
  /** Direct members only (user or group object ids). */
  memberIds: string[];
}

/** A cross-tenant access partner configuration, stored as Graph returns it. */
export interface PartnerRecord extends JsonObject {
  tenantId: string;
  /** Contained navigation; absent until PUT. */
  identitySynchronization?: JsonObject;
}

/** One source object a job manages in the target tenant. */
export interface ProvisionedEntry {
  objectType: "User" | "Group";
  targetId: string;
  /** The source object's display name when last seen (logs still name it after it is gone). */
  displayName: string;
}

/** What a job remembers between provisioning cycles (the service's connector data store). */
export interface JobProvisioningState {
  /** Source object id -> the target object the job manages for it. */
  entries: Record<string, ProvisionedEntry>;
  /** Source object id -> the skip (code) last written to the provisioning logs. */
  reportedSkips: Record<string, string>;
  /** Schema version the skips were reported under: a schema change re-evaluates everyone. */
  schemaVersion: string | null;
  /** Completed cycles (the first one turns the job Active). */
  cycles: number;
}

/** One synchronization job and its schema. */
export interface SyncJobRecord {
  id: string;
  templateId: string;
  schedule: JsonObject;
  status: JsonObject;
  synchronizationJobSettings: Array<{ name: string; value: string }>;
  /** The job's synchronizationSchema (full document, including directories). */
  schema: JsonObject;
  /** Restart criteria held for the next cycle (ForceDeletes releases a TooManyDeletes quarantine). */
  pendingRestartScope?: string;
  /** Provisioning memory; not visible through Graph, kept in snapshots. */
  provisioning?: JobProvisioningState;
}

/** A service principal's /synchronization subtree. */
export interface SynchronizationRecord {
  /** Saved secrets (key -> clear value); GET masks sensitive values. */
  secrets: Record<string, string>;
  jobs: SyncJobRecord[];
}

export interface ApplicationRecord extends JsonObject {
  id: string;
  appId: string;
  displayName: string;
}

export interface ServicePrincipalRecord extends JsonObject {
  id: string;
  appId: string;
  displayName: string;
  appRoles: Array<JsonObject & { id: string }>;
  appRoleAssignmentRequired: boolean;
}

export interface AppRoleAssignmentRecord extends JsonObject {
  id: string;
  appRoleId: string;
  principalId: string;
  principalType: "User" | "Group" | "ServicePrincipal";
  principalDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
  createdDateTime: string;
}

/** Provisioning log entry (provisioningObjectSummary). */
export type ProvisioningLogRecord = JsonObject;

export interface TenantState {
  id: string;
  displayName: string;
  /** Initial verified domain, e.g. contoso.example. */
  domain: string;
  callers: CallerApp[];
  users: UserRecord[];
  groups: GroupRecord[];
  crossTenantAccessPolicy: {
    default: JsonObject;
    partners: PartnerRecord[];
    /** Soft-deleted partners (beta deletedItems/crossTenantPartners). */
    deletedPartners: PartnerRecord[];
  };
  applications: ApplicationRecord[];
  servicePrincipals: ServicePrincipalRecord[];
  /** Soft-deleted applications and service principals (directory/deletedItems). */
  deletedItems: JsonObject[];
  /** servicePrincipal object id -> its synchronization subtree. */
  synchronization: Record<string, SynchronizationRecord>;
  /** Assignments keyed by resource (service principal) id. */
  appRoleAssignments: AppRoleAssignmentRecord[];
  provisioningLogs: ProvisioningLogRecord[];
}

/** Everything the emulator holds. */
export interface WorldState {
  tenants: TenantState[];
  /**
   * Switches for behaviour the Graph documentation leaves open (PATCH merge semantics, whether a
   * soft-deleted partner blocks re-creation ...): see src/emulator/graph/policies/behaviour.ts.
   */
  policyBehaviour?: Record<string, unknown>;
}
