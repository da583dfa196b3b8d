import type { GraphCall } from "./client";
import { isCredentialErrorCode } from "./errors";

/**
 * The least-privileged application permission each kind of call needs, from the Graph reference.
 * Used to turn a 403 into "the app needs X in tenant Y".
 */
function permissionFor(call: GraphCall): string {
  const write = call.method !== "GET";
  const path = call.path;
  if (path.startsWith("/policies/crossTenantAccessPolicy")) {
    return write ? "Policy.ReadWrite.CrossTenantAccess" : "Policy.Read.All";
  }
  if (path.includes("/appRoleAssignedTo")) {
    return write
      ? "AppRoleAssignment.ReadWrite.All and Application.Read.All"
      : "Application.Read.All";
  }
  if (path.includes("/synchronization")) {
    return write ? "Synchronization.ReadWrite.All" : "Synchronization.Read.All";
  }
  if (
    path.startsWith("/applicationTemplates") ||
    path.startsWith("/applications") ||
    path.startsWith("/servicePrincipals")
  ) {
    return write ? "Application.ReadWrite.All" : "Application.Read.All";
  }
  if (path.startsWith("/users")) return "User.Read.All";
  if (path.startsWith("/groups")) return "Group.Read.All";
  if (path.startsWith("/auditLogs")) return "AuditLog.Read.All";
  return "Directory.Read.All";
}

/** Settings to fix for each side of Graph's cross-tenant sync policy check. */
const POLICY_CHECK_REMEDY: Record<string, string> = {
  source:
    "In the source tenant, the PartnerPolicy for the target needs automaticUserConsentOutbound: true.",
  target:
    "In the target tenant, the PartnerPolicy for the source needs userSyncInbound: true and automaticUserConsentInbound: true.",
};

/**
 * The two ways a cross-cloud test connection fails, as the configure guide's troubleshooting
 * names them (decisions/reference/graph-cts.md §5.3, decisions/0130).
 */
const CROSS_CLOUD_TEST_CONNECTION_REMEDY: Record<string, string> = {
  ExternalTenantNotFound:
    "The configuration was created without the cross-cloud option, so the target tenant is looked " +
    "for in the source tenant's own cloud. Set crossCloud: true on the SyncConfiguration (it " +
    "replaces the configuration) and entra-cts:tenants.<targetTenantId>.cloud to the target's cloud.",
  AzureActiveDirectoryTokenExpired:
    "The target tenant has not enabled cross-cloud synchronization for the source tenant's cloud: " +
    "in the target tenant, Microsoft cloud settings must allow the source's cloud " +
    "(allowedCloudEndpoints) with cross-cloud synchronization enabled for it.",
};

/** What would fix a failed call, or undefined when we have nothing better than Graph's message. */
export function remedyFor(
  call: GraphCall,
  statusCode: number,
  code: string,
  tenantId: string,
  details: ReadonlyArray<{ code?: string; message?: string; target?: string }>,
  message = "",
): string | undefined {
  if (statusCode === 403 && code === "Authorization_RequestDenied") {
    return `The app needs the application permission ${permissionFor(call)} (admin-consented) in tenant ${tenantId}.`;
  }
  if (statusCode === 401) {
    return `Check the credential configured for tenant ${tenantId} (entra-cts:clientId and its secret, certificate or OIDC settings).`;
  }
  if (code === "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure") {
    const sides = new Set(details.map((detail) => detail.target).filter((t): t is string => !!t));
    const remedies = (sides.size ? [...sides] : ["source", "target"])
      .map((side) => POLICY_CHECK_REMEDY[side])
      .filter(Boolean);
    return remedies.join(" ");
  }
  const crossCloud = CROSS_CLOUD_TEST_CONNECTION_REMEDY[code];
  if (crossCloud) return crossCloud;
  if (code === "schemaInvalid") {
    return "The matching attribute (alternativeSecurityIds) cannot be changed and no other attribute may be a matching attribute.";
  }
  if (statusCode === 429) {
    return "Graph kept throttling until the operation's deadline; raise entra-cts:operationTimeoutSeconds or run with fewer parallel operations (pulumi up --parallel).";
  }
  if (isCredentialErrorCode(code)) {
    return credentialRemedy(tenantId, message);
  }
  if (statusCode === 0) {
    return "No response from Graph: check network access, entra-cts:graphUrl and, for the emulator, entra-cts:caFile.";
  }
  return undefined;
}

/** What to configure when no token could be had for a tenant. */
function credentialRemedy(tenantId: string, message: string): string {
  if (message.includes("endpoints_resolution_error")) {
    return (
      "The token authority could not be reached or its TLS certificate is not trusted: check " +
      "entra-cts:authorityHost, and for the emulator set entra-cts:caFile (or ENTRA_CTS_CA_FILE) to its CA file."
    );
  }
  return (
    `Configure a credential for tenant ${tenantId}: entra-cts:clientId with entra-cts:clientSecret ` +
    "(pulumi config set --secret), a certificate or OIDC, per tenant under entra-cts:tenants; or " +
    "AZURE_CLIENT_ID/AZURE_CLIENT_SECRET (or ARM_*); or sign in with `az login`."
  );
}
