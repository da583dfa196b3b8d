/**
 * validateCredentials ("test connection", decisions/reference/graph-cts.md §5.3), bound to the jobs collection
 * (before a job exists; needs templateId) and to a job. 204 when the CTS credentials name a
 * tenant whose policies and ours allow synchronization; 400 otherwise (decisions/0019).
 */
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext, type GraphRoute } from "../../http/route";
import type { TenantState } from "../../world/types";
import { checkCrossTenantSyncPolicies } from "./crossTenantPolicyCheck";
import { SYNC_WRITE_PERMISSIONS } from "./permissions";
import { isSynchronizationSecretKey } from "./secretKeys";
import { findJob, objectBody, resolveSynchronization } from "./servicePrincipalSync";
import { requireTemplate } from "./templateCatalogue";

const jobs = "/servicePrincipals/:id/synchronization/jobs";
const ACTION = "validate credentials";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const badRequest = (reason: string, remedy: string) =>
  GraphError.badRequest(`Failed to ${ACTION}: ${reason}. ${remedy}`);

/** The credentials to check: the saved secrets, or the `credentials` of the body. */
function credentialsToCheck(
  body: Record<string, unknown>,
  saved: Record<string, string>,
): Record<string, string> {
  if (body.useSavedCredentials === true) return saved;
  const credentials = body.credentials;
  if (!Array.isArray(credentials)) {
    throw badRequest(
      "no credentials were given",
      'Send "credentials": [{"key": "CompanyId", ...}, {"key": "AuthenticationType", "value": "SyncPolicy"}], or "useSavedCredentials": true',
    );
  }
  const result: Record<string, string> = {};
  credentials.forEach((entry, index) => {
    const pair = (entry ?? {}) as Record<string, unknown>;
    if (typeof pair.key !== "string" || typeof pair.value !== "string") {
      throw badRequest(
        `credentials[${index}] must be {"key": string, "value": string}`,
        "Fix the entry",
      );
    }
    if (!isSynchronizationSecretKey(pair.key)) {
      throw badRequest(
        `'${pair.key}' is not a synchronizationSecret key`,
        "Use CompanyId and AuthenticationType",
      );
    }
    result[pair.key] = pair.value;
  });
  return result;
}

/** The target tenant named by CompanyId, found in the emulator's world. */
function targetTenant(ctx: GraphRequestContext, credentials: Record<string, string>): TenantState {
  if (credentials.AuthenticationType !== "SyncPolicy") {
    throw badRequest(
      `AuthenticationType must be 'SyncPolicy' for cross-tenant synchronization, got '${credentials.AuthenticationType ?? "(missing)"}'`,
      'Send {"key": "AuthenticationType", "value": "SyncPolicy"}',
    );
  }
  const companyId = credentials.CompanyId;
  if (companyId === undefined || !GUID.test(companyId)) {
    throw badRequest(
      `CompanyId must be the target tenant id (a GUID), got '${companyId ?? "(missing)"}'`,
      'Send {"key": "CompanyId", "value": "<target tenant id>"}',
    );
  }
  const wanted = companyId.toLowerCase();
  const tenant = ctx.world.tenants.find((candidate) => candidate.id.toLowerCase() === wanted);
  if (!tenant) {
    throw new GraphError(
      400,
      "ExternalTenantNotFound",
      `Failed to ${ACTION}: the target tenant '${companyId}' was not found. Check that CompanyId is the target tenant's id.`,
    );
  }
  return tenant;
}

/** Runs the policy check; throws the documented failure with one detail per failed check. */
function validate(ctx: GraphRequestContext, credentials: Record<string, string>): void {
  const failures = checkCrossTenantSyncPolicies(ctx.tenant, targetTenant(ctx, credentials));
  if (failures.length === 0) return;
  throw new GraphError(
    400,
    "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure",
    failures.map((failure) => failure.message).join(" "),
    failures.map(({ code, message, target }) => ({ code, message, target })),
  );
}

export const validateCredentialsRoutes: readonly GraphRoute[] = [
  route("POST", `${jobs}/validateCredentials`, SYNC_WRITE_PERMISSIONS, (ctx) => {
    const { sp, sync } = resolveSynchronization(ctx, "write");
    const body = objectBody(ctx, ACTION);
    if (typeof body.templateId !== "string") {
      throw badRequest(
        "templateId is required before a job exists",
        'Send "templateId": "Azure2Azure"',
      );
    }
    requireTemplate(sp, body.templateId, ACTION, 400);
    validate(ctx, credentialsToCheck(body, sync.secrets));
    return { status: 204 };
  }),

  route("POST", `${jobs}/:jobId/validateCredentials`, SYNC_WRITE_PERMISSIONS, (ctx) => {
    const { sync } = resolveSynchronization(ctx, "write");
    findJob(ctx, sync);
    validate(ctx, credentialsToCheck(objectBody(ctx, ACTION), sync.secrets));
    return { status: 204 };
  }),
];
