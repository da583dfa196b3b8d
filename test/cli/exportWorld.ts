/**
 * Builds a cross-tenant synchronization setup the way an administrator does in the portal:
 * straight Graph calls (no provider), so that `entra-cts export` meets objects it did not make.
 */
import { CONTOSO_GROUPS, CONTOSO_USERS } from "../../src/emulator/fixtures/fixtureIds";
import { CTS_TEMPLATE_ID, msiamAccessRoleId } from "../../src/provider/ctsTemplate";
import { applyDeclarations } from "../../src/provider/schemaEdit";
import { secretsBody } from "../../src/provider/syncSecrets";
import type { EmulatorHarness, TenantRef } from "../harness/emulator";

async function ok(
  emulator: EmulatorHarness,
  tenant: TenantRef,
  method: string,
  path: string,
  body?: unknown,
) {
  const reply = await emulator.graphFetch(tenant, method, path, body);
  if (reply.status >= 300)
    throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Both partner sides of source -> target, as the portal's "Cross-tenant access settings" does. */
export async function portalPartners(emulator: EmulatorHarness, source: string, target: string) {
  await ok(emulator, target, "POST", "/policies/crossTenantAccessPolicy/partners", {
    tenantId: source,
    automaticUserConsentSettings: { inboundAllowed: true },
    inboundTrust: { isMfaAccepted: true, isCompliantDeviceAccepted: false },
  });
  await ok(
    emulator,
    target,
    "PUT",
    `/policies/crossTenantAccessPolicy/partners/${source}/identitySynchronization`,
    { displayName: "Contoso sync", userSyncInbound: { isSyncAllowed: true } },
  );
  await ok(emulator, source, "POST", "/policies/crossTenantAccessPolicy/partners", {
    tenantId: target,
    automaticUserConsentSettings: { outboundAllowed: true },
  });
}

/** A configuration from the CTS template with its settings, job and assignments. */
export async function portalConfiguration(
  emulator: EmulatorHarness,
  source: string,
  target: string,
  options: {
    displayName: string;
    scope: "assigned" | "all";
    notificationEmail?: string;
    threshold?: number;
    start: boolean;
    groups?: string[];
    users?: string[];
    withSettings?: boolean;
  },
): Promise<{ servicePrincipalId: string; jobId?: string }> {
  const created = await ok(
    emulator,
    source,
    "POST",
    `/applicationTemplates/${CTS_TEMPLATE_ID}/instantiate`,
    { displayName: options.displayName },
  );
  const sp = created.servicePrincipal.id as string;
  if (options.withSettings === false) return { servicePrincipalId: sp };
  await ok(
    emulator,
    source,
    "PUT",
    `/servicePrincipals/${sp}/synchronization/secrets`,
    secretsBody({
      targetTenantId: target,
      scope: options.scope,
      notificationEmail: options.notificationEmail,
      accidentalDeletionPrevention: options.threshold !== undefined,
      accidentalDeletionThreshold: options.threshold ?? 500,
    }),
  );
  const job = await ok(emulator, source, "POST", `/servicePrincipals/${sp}/synchronization/jobs`, {
    templateId: "Azure2Azure",
  });
  if (options.start)
    await ok(
      emulator,
      source,
      "POST",
      `/servicePrincipals/${sp}/synchronization/jobs/${job.id}/start`,
    );
  const role = msiamAccessRoleId(created.servicePrincipal.appRoles);
  for (const principalId of [...(options.groups ?? []), ...(options.users ?? [])]) {
    await ok(emulator, source, "POST", `/servicePrincipals/${sp}/appRoleAssignedTo`, {
      principalId,
      resourceId: sp,
      appRoleId: role,
    });
  }
  return { servicePrincipalId: sp, jobId: job.id as string };
}

/**
 * Edits the User mapping as the portal's "Attribute mapping" blade does: the whole schema is read,
 * changed (displayName from an expression, department scoped to Sales) and written back.
 */
export async function portalMappings(
  emulator: EmulatorHarness,
  source: string,
  servicePrincipalId: string,
  jobId: string,
) {
  const path = `/servicePrincipals/${servicePrincipalId}/synchronization/jobs/${jobId}/schema`;
  const schema = await ok(emulator, source, "GET", path);
  const edited = applyDeclarations(schema, {
    objectType: "User",
    mappings: [{ targetAttribute: "displayName", expression: 'Join(" ", [givenName], [surname])' }],
    scopingFilter: [
      {
        name: "Sales only",
        clauses: [{ sourceAttribute: "department", operator: "EQUALS", values: ["Sales"] }],
      },
    ],
  });
  await ok(emulator, source, "PUT", path, edited);
}

export { CONTOSO_GROUPS, CONTOSO_USERS };
