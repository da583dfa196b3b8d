import type { JsonObject, TenantState } from "./types";

/** The service-assigned default cross-tenant access policy (decisions/reference/graph-cts.md §2.7). */
export function systemDefaultCrossTenantPolicy(): JsonObject {
  const allowedAll = (accessType: "allowed" | "blocked") => ({
    usersAndGroups: { accessType, targets: [{ target: "AllUsers", targetType: "user" }] },
    applications: {
      accessType,
      targets: [{ target: "AllApplications", targetType: "application" }],
    },
  });
  return {
    isServiceDefault: true,
    inboundTrust: {
      isMfaAccepted: false,
      isCompliantDeviceAccepted: false,
      isHybridAzureADJoinedDeviceAccepted: false,
    },
    automaticUserConsentSettings: { inboundAllowed: false, outboundAllowed: false },
    b2bCollaborationInbound: allowedAll("allowed"),
    b2bCollaborationOutbound: allowedAll("allowed"),
    b2bDirectConnectInbound: allowedAll("blocked"),
    b2bDirectConnectOutbound: allowedAll("blocked"),
    invitationRedemptionIdentityProviderConfiguration: {
      primaryIdentityProviderPrecedenceOrder: [
        "azureActiveDirectory",
        "externalFederation",
        "socialIdentityProviders",
      ],
      fallbackIdentityProvider: "defaultConfiguredIdp",
    },
    tenantRestrictions: null,
  };
}

/** A tenant with no users, groups, apps or partners, and the system-default policy. */
export function emptyTenant(id: string, displayName: string, domain: string): TenantState {
  return {
    id,
    displayName,
    domain,
    callers: [],
    users: [],
    groups: [],
    crossTenantAccessPolicy: {
      default: systemDefaultCrossTenantPolicy(),
      partners: [],
      deletedPartners: [],
    },
    applications: [],
    servicePrincipals: [],
    deletedItems: [],
    synchronization: {},
    appRoleAssignments: [],
    provisioningLogs: [],
  };
}
