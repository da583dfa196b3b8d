/**
 * A Contoso -> Fabrikam pair configured through Graph calls only (partners on both sides, the
 * configuration, its job and secrets, the pilot group assigned), for tests that run cycles in a
 * running emulator.
 */
import {
  CONTOSO_GROUPS,
  DEFAULT_SOURCE_TENANT_ID as SOURCE,
  DEFAULT_TARGET_TENANT_ID as TARGET,
} from "../../src/emulator/fixtures/defaultWorld";
import type { EmulatorHarness, HttpReply } from "./emulator";

const CTS_TEMPLATE_ID = "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7";

export function expectStatus(reply: HttpReply, status: number) {
  if (reply.status !== status) {
    throw new Error(`expected ${status}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  return reply.body;
}

export interface Configuration {
  spId: string;
  jobId: string;
}

/** Partners on both sides, a configuration, its job and secrets, the pilot group assigned. */
export async function configurePair(h: EmulatorHarness, start = true): Promise<Configuration> {
  const partners = "/policies/crossTenantAccessPolicy/partners";
  expectStatus(await h.graphFetch("target", "POST", partners, { tenantId: SOURCE }), 201);
  expectStatus(
    await h.graphFetch("target", "PUT", `${partners}/${SOURCE}/identitySynchronization`, {
      userSyncInbound: { isSyncAllowed: true },
    }),
    204,
  );
  expectStatus(
    await h.graphFetch("target", "PATCH", `${partners}/${SOURCE}`, {
      automaticUserConsentSettings: { inboundAllowed: true },
    }),
    204,
  );
  expectStatus(await h.graphFetch("source", "POST", partners, { tenantId: TARGET }), 201);
  expectStatus(
    await h.graphFetch("source", "PATCH", `${partners}/${TARGET}`, {
      automaticUserConsentSettings: { outboundAllowed: true },
    }),
    204,
  );
  const { servicePrincipal } = expectStatus(
    await h.graphFetch("source", "POST", `/applicationTemplates/${CTS_TEMPLATE_ID}/instantiate`, {
      displayName: "Fabrikam",
    }),
    201,
  );
  const sync = `/servicePrincipals/${servicePrincipal.id}/synchronization`;
  const job = expectStatus(
    await h.graphFetch("source", "POST", `${sync}/jobs`, { templateId: "Azure2Azure" }),
    201,
  );
  expectStatus(
    await h.graphFetch("source", "PUT", `${sync}/secrets`, {
      value: [
        { key: "AuthenticationType", value: "SyncPolicy" },
        { key: "CompanyId", value: TARGET },
        { key: "SyncAll", value: "false" },
      ],
    }),
    204,
  );
  expectStatus(
    await h.graphFetch(
      "source",
      "POST",
      `/servicePrincipals/${servicePrincipal.id}/appRoleAssignedTo`,
      {
        principalId: CONTOSO_GROUPS.pilot,
        resourceId: servicePrincipal.id,
        appRoleId: servicePrincipal.appRoles[0].id,
      },
    ),
    201,
  );
  if (start)
    expectStatus(await h.graphFetch("source", "POST", `${sync}/jobs/${job.id}/start`), 204);
  return { spId: servicePrincipal.id, jobId: job.id };
}
