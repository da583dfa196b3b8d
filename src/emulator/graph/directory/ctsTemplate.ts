/**
 * The cross-tenant synchronization gallery template and the application + service principal
 * pair that instantiating it creates (decisions/reference/graph-cts.md §4). Ids are fresh on every call: the
 * msiam_access role id in particular is random per configuration, so providers must read it.
 */
import { randomUUID } from "node:crypto";
import type { ApplicationRecord, JsonObject, ServicePrincipalRecord } from "../../world/types";

export const CTS_TEMPLATE_ID = "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7";

const HOMEPAGE =
  "https://account.activedirectory.windowsazure.com:444/applications/default.aspx?metadata=aad2aadsync|ISV9.1|primary|z";

/** GET /applicationTemplates/{id}: the fields the emulator knows; the rest are placeholders. */
export const ctsApplicationTemplate: JsonObject = {
  id: CTS_TEMPLATE_ID,
  displayName: "Azure Active Directory cross-tenant synchronization",
  homePageUrl: HOMEPAGE,
  supportedSingleSignOnModes: [],
  supportedProvisioningTypes: ["sync"],
  logoUrl: null,
  categories: ["identity"],
  publisher: "Microsoft Corporation",
  description: "Synchronize users (and groups) from this tenant to another Microsoft Entra tenant.",
};

export interface InstantiatedPair {
  application: ApplicationRecord;
  servicePrincipal: ServicePrincipalRecord;
}

export interface InstantiateInput {
  displayName: string;
  serviceManagementReference?: string | null;
  tenantId: string;
  tenantDomain: string;
  createdDateTime: string;
}

function msiamAccessRole(id: string): JsonObject & { id: string } {
  return {
    allowedMemberTypes: ["User"],
    description: "msiam_access",
    displayName: "msiam_access",
    id,
    isEnabled: true,
    origin: "Application",
    value: null,
  };
}

function userImpersonationScope(id: string, displayName: string): JsonObject {
  return {
    adminConsentDescription: `Allow the application to access ${displayName} on behalf of the signed-in user.`,
    adminConsentDisplayName: `Access ${displayName}`,
    id,
    isEnabled: true,
    type: "User",
    userConsentDescription: `Allow the application to access ${displayName} on your behalf.`,
    userConsentDisplayName: `Access ${displayName}`,
    value: "user_impersonation",
  };
}

/** Builds the §4.2 application and service principal for one CTS configuration. */
export function instantiateCtsTemplate(input: InstantiateInput): InstantiatedPair {
  const appId = randomUUID();
  const roleId = randomUUID();
  const scopeId = randomUUID();
  const { displayName } = input;
  const application: ApplicationRecord = {
    id: randomUUID(),
    deletedDateTime: null,
    appId,
    applicationTemplateId: CTS_TEMPLATE_ID,
    createdDateTime: input.createdDateTime,
    displayName,
    description: null,
    groupMembershipClaims: null,
    identifierUris: [],
    isFallbackPublicClient: null,
    publisherDomain: input.tenantDomain,
    serviceManagementReference: input.serviceManagementReference ?? null,
    signInAudience: "AzureADMyOrg",
    tags: [],
    api: {
      acceptMappedClaims: null,
      knownClientApplications: [],
      requestedAccessTokenVersion: null,
      oauth2PermissionScopes: [userImpersonationScope(scopeId, displayName)],
      preAuthorizedApplications: [],
    },
    appRoles: [msiamAccessRole(roleId)],
    info: {
      logoUrl: null,
      marketingUrl: null,
      privacyStatementUrl: null,
      supportUrl: null,
      termsOfServiceUrl: null,
    },
    keyCredentials: [],
    passwordCredentials: [],
    requiredResourceAccess: [],
    web: {
      homePageUrl: HOMEPAGE,
      logoutUrl: null,
      redirectUris: [],
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
    },
  };
  const servicePrincipal: ServicePrincipalRecord = {
    id: randomUUID(),
    deletedDateTime: null,
    accountEnabled: true,
    alternativeNames: [],
    appDisplayName: displayName,
    appDescription: null,
    appId,
    applicationTemplateId: CTS_TEMPLATE_ID,
    appOwnerOrganizationId: input.tenantId,
    appRoleAssignmentRequired: true,
    description: null,
    displayName,
    homepage: HOMEPAGE,
    loginUrl: null,
    logoutUrl: null,
    notes: null,
    preferredSingleSignOnMode: null,
    replyUrls: [],
    servicePrincipalNames: [appId],
    servicePrincipalType: "Application",
    signInAudience: "AzureADMyOrg",
    tags: ["WindowsAzureActiveDirectoryIntegratedApp"],
    appRoles: [msiamAccessRole(roleId)],
    keyCredentials: [],
    oauth2PermissionScopes: [userImpersonationScope(scopeId, displayName)],
    passwordCredentials: [],
  };
  return { application, servicePrincipal };
}
