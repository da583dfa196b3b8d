import type * as pulumi from "@pulumi/pulumi";

/**
 * The input shapes of the five resources. Each resource file re-exports its own Args; they live
 * together here because the policy pack and the provider runtime both read these property names
 * off the wire, and one file keeps the names from drifting apart.
 *
 * Convention: a property left undefined is not managed (its live value is neither read for drift
 * nor changed), except where a default is documented.
 */

/** Inbound trust settings (Graph `crossTenantAccessPolicyInboundTrust`). */
export interface InboundTrustArgs {
  /** Accept MFA performed in the partner tenant. */
  isMfaAccepted?: boolean;
  /** Accept compliant-device claims from the partner tenant. */
  isCompliantDeviceAccepted?: boolean;
  /** Accept hybrid Microsoft Entra joined device claims from the partner tenant. */
  isHybridAzureADJoinedDeviceAccepted?: boolean;
}

/** A B2B setting target (Graph `crossTenantAccessPolicyTarget`). */
export interface CrossTenantTargetArgs {
  /** An object id, or `AllUsers` / `AllApplications` / `AllMicrosoftApps` / `Office365`. */
  target: string;
  /** What `target` names. */
  targetType: "user" | "group" | "application";
}

/** A B2B collaboration setting (Graph `crossTenantAccessPolicyB2BSetting`). */
export interface B2BSettingArgs {
  /** Which users and groups the setting applies to. */
  usersAndGroups?: { accessType: "allowed" | "blocked"; targets: CrossTenantTargetArgs[] };
  /** Which applications the setting applies to. */
  applications?: { accessType: "allowed" | "blocked"; targets: CrossTenantTargetArgs[] };
}

export interface PartnerPolicyArgs {
  /** Tenant (GUID) whose cross-tenant access settings hold this partner configuration. */
  tenantId: pulumi.Input<string>;
  /** The partner tenant (GUID) the configuration is about. */
  partnerTenantId: pulumi.Input<string>;
  /**
   * Automatically redeem invitations from the partner (inbound automatic user consent). The
   * target tenant of a sync pair needs it, for the source tenant.
   */
  automaticUserConsentInbound?: pulumi.Input<boolean>;
  /**
   * Suppress consent prompts for this tenant's users in the partner (outbound automatic user
   * consent). The source tenant of a sync pair needs it, for the target tenant.
   */
  automaticUserConsentOutbound?: pulumi.Input<boolean>;
  /** Allow users to be synchronized into this tenant from the partner (`userSyncInbound`). */
  userSyncInbound?: pulumi.Input<boolean>;
  /** Allow groups to be synchronized into this tenant from the partner (beta `groupSyncInbound`). */
  groupSyncInbound?: pulumi.Input<boolean>;
  /** Display name of the identity-synchronization policy (defaults to the resource name). */
  identitySyncDisplayName?: pulumi.Input<string>;
  /** Which MFA and device claims from the partner are trusted. */
  inboundTrust?: pulumi.Input<InboundTrustArgs>;
  /** B2B collaboration inbound setting for the partner. */
  b2bCollaborationInbound?: pulumi.Input<B2BSettingArgs>;
  /** B2B collaboration outbound setting for the partner. */
  b2bCollaborationOutbound?: pulumi.Input<B2BSettingArgs>;
  /**
   * When the partner configuration already exists, take it over instead of failing. Default
   * false: `pulumi up` fails and names the `pulumi import` command, so nobody silently adopts
   * settings someone else owns.
   */
  adoptExisting?: pulumi.Input<boolean>;
}

export interface SyncConfigurationArgs {
  /** Source tenant (GUID): where the configuration (application + service principal) lives. */
  sourceTenantId: pulumi.Input<string>;
  /** Target tenant (GUID) users are synchronized into (the `CompanyId` secret). */
  targetTenantId: pulumi.Input<string>;
  /** Display name of the configuration (the application instantiated from the CTS template). */
  displayName: pulumi.Input<string>;
  /**
   * Who is in scope: `assigned` (users and groups assigned to the configuration; the safe
   * default) or `all` (every user in the source tenant).
   */
  scope?: pulumi.Input<"assigned" | "all">;
  /** E-mail address notified when the job is quarantined. Unset: notifications off. */
  notificationEmail?: pulumi.Input<string>;
  /** Prevent accidental deletions (default true). */
  accidentalDeletionPrevention?: pulumi.Input<boolean>;
  /** How many deletions in one cycle quarantine the job instead (default 500). */
  accidentalDeletionThreshold?: pulumi.Input<number>;
  /**
   * Run Graph's test connection (the cross-tenant policy check) on create and update, and fail
   * with the side and setting to fix (default true).
   */
  testConnection?: pulumi.Input<boolean>;
  /**
   * Synchronize across Microsoft clouds (the admin center's "Setup cross-tenant synchronization
   * across Microsoft clouds"): required, and only allowed, when the two tenants are in different
   * clouds (`entra-cts:tenants.<tenantId>.cloud`). Cross-cloud synchronization carries users
   * only, and needs an Entra ID Governance or Entra Suite license in the source tenant. Changing
   * it replaces the configuration.
   */
  crossCloud?: pulumi.Input<boolean>;
  /** Optional `serviceManagementReference` recorded on the application. */
  serviceManagementReference?: pulumi.Input<string>;
}

/** Restart scopes Graph accepts (`synchronizationJobRestartScope` flags). */
export type RestartScope =
  "ConnectorDataStore" | "Escrows" | "Watermark" | "QuarantineState" | "Full" | "ForceDeletes";

export interface SyncJobArgs {
  /** Source tenant (GUID) of the configuration. */
  tenantId: pulumi.Input<string>;
  /** Service principal object id of the configuration (`SyncConfiguration.servicePrincipalId`). */
  servicePrincipalId: pulumi.Input<string>;
  /** Desired state: true = running on its 40-minute schedule (start), false = paused (default true). */
  enabled?: pulumi.Input<boolean>;
  /**
   * Change this value to restart the job once with `restartScope` (e.g. after mapping changes,
   * or `ForceDeletes` to release a TooManyDeletes quarantine). The restart happens on the `up`
   * where the value changes, never as a side effect of other updates.
   */
  restartTrigger?: pulumi.Input<string>;
  /** What a triggered restart resets (default `["Watermark", "Escrows", "QuarantineState"]`). */
  restartScope?: pulumi.Input<pulumi.Input<RestartScope>[]>;
}

/** One attribute mapping of an object mapping. Exactly one of sourceAttribute, constant, expression. */
export interface AttributeMappingEntryArgs {
  /** Attribute written in the target tenant, e.g. `displayName`. */
  targetAttribute: string;
  /** Copy this source attribute, e.g. `department`. */
  sourceAttribute?: string;
  /** Write this constant, e.g. `Member`. */
  constant?: string;
  /** Write the result of this expression, e.g. `Join(" ", [givenName], [surname])`. */
  expression?: string;
  /** `always` (default) or `onCreate` (only when the target object is created). */
  apply?: "always" | "onCreate";
  /** Value written when the source evaluates to null. */
  defaultValue?: string;
}

/** One scoping-filter clause: `<sourceAttribute> <operator> <values>`. */
export interface ScopingClauseArgs {
  /** Source attribute tested, e.g. `department`. */
  sourceAttribute: string;
  /** Operator, e.g. `EQUALS`, `NOT EQUALS`, `IS TRUE`, `REGEX MATCH`. */
  operator: string;
  /** Values the operator compares with (none for unary operators). */
  values?: string[];
}

/** A scoping-filter group: all its clauses must match (groups are ORed). */
export interface ScopingFilterGroupArgs {
  /** Name shown in provisioning logs. */
  name: string;
  clauses: ScopingClauseArgs[];
}

export interface AttributeMappingArgs {
  /** Source tenant (GUID) of the configuration. */
  tenantId: pulumi.Input<string>;
  /** Service principal object id of the configuration. */
  servicePrincipalId: pulumi.Input<string>;
  /** The synchronization job id (`SyncJob.jobId`). */
  jobId: pulumi.Input<string>;
  /** Which object mapping: `User` (default) or `Group` (group provisioning, preview). */
  objectType?: pulumi.Input<"User" | "Group">;
  /** The attribute mappings this resource owns. Others in the schema are left alone. */
  mappings?: pulumi.Input<pulumi.Input<AttributeMappingEntryArgs>[]>;
  /**
   * Scoping filter of the object mapping (groups ORed, clauses ANDed). Undefined: not managed.
   * An empty list removes the filter.
   */
  scopingFilter?: pulumi.Input<pulumi.Input<ScopingFilterGroupArgs>[]>;
  /**
   * Whether users leaving scope are deleted (soft-deleted) in the target: the object mapping's
   * `Delete` flow type. Undefined: not managed.
   */
  deleteOutOfScope?: pulumi.Input<boolean>;
  /** Enable or disable the object mapping (the Group mapping is disabled by default). */
  enabled?: pulumi.Input<boolean>;
  /**
   * Directory extension attributes the mappings may name, e.g.
   * `extension_0a1b2c3d4e5f60718293a4b5c6d7e8f9_costCenter` (`extension_<appId without
   * dashes>_<name>`). Check validates every attribute name against the Azure2Azure schema; the
   * extensions an app registered in the directories are the names it cannot know.
   */
  directoryExtensions?: pulumi.Input<pulumi.Input<string>[]>;
}

export interface AssignmentArgs {
  /** Source tenant (GUID) of the configuration. */
  tenantId: pulumi.Input<string>;
  /** Service principal object id of the configuration. */
  servicePrincipalId: pulumi.Input<string>;
  /** Object id of the group (or user) to assign. */
  principalId: pulumi.Input<string>;
  /**
   * What `principalId` is. Declared so that reviews and the policy pack can see it before the
   * assignment exists; the provider checks it against the directory.
   */
  principalType: pulumi.Input<"Group" | "User">;
  /** App role to assign (default: the configuration's `msiam_access` role). */
  appRoleId?: pulumi.Input<string>;
}
