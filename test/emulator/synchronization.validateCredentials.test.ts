/**
 * validateCredentials ("test connection") in both bindings: the real cross-tenant policy check
 * across the source and target tenants of the world.
 */
import {
  createTestWorld,
  SOURCE_TENANT_ID,
  TARGET_TENANT_ID,
  type TestWorld,
  instantiateConfiguration,
  createAzure2AzureJob,
} from "./helpers/world";
import type { DispatchResult } from "../../src/emulator/http/dispatch";
import type { PartnerRecord, TenantState } from "../../src/emulator/world/types";

interface Policies {
  sourceOutboundConsent: boolean;
  targetInboundSync: boolean;
  targetInboundConsent: boolean;
}

const ALL_SET: Policies = {
  sourceOutboundConsent: true,
  targetInboundSync: true,
  targetInboundConsent: true,
};

function partner(tenant: TenantState, partnerTenantId: string): PartnerRecord {
  let record = tenant.crossTenantAccessPolicy.partners.find((p) => p.tenantId === partnerTenantId);
  if (!record) {
    record = {
      tenantId: partnerTenantId,
      automaticUserConsentSettings: { inboundAllowed: null, outboundAllowed: null },
    };
    tenant.crossTenantAccessPolicy.partners.push(record);
  }
  return record;
}

/** Writes the three CTS policy flags straight into both tenants' policies. */
function setPolicies(t: TestWorld, policies: Policies): void {
  partner(t.source, TARGET_TENANT_ID).automaticUserConsentSettings = {
    inboundAllowed: null,
    outboundAllowed: policies.sourceOutboundConsent,
  };
  const inbound = partner(t.target, SOURCE_TENANT_ID);
  inbound.automaticUserConsentSettings = {
    inboundAllowed: policies.targetInboundConsent,
    outboundAllowed: null,
  };
  inbound.identitySynchronization = {
    tenantId: SOURCE_TENANT_ID,
    displayName: "Contoso",
    userSyncInbound: { isSyncAllowed: policies.targetInboundSync },
  };
}

const CTS_CREDENTIALS = [
  { key: "CompanyId", value: TARGET_TENANT_ID },
  { key: "AuthenticationType", value: "SyncPolicy" },
];

let t: TestWorld;
let spId: string;
let jobId: string;

const sync = () => `/servicePrincipals/${spId}/synchronization`;

const collectionBound = (
  body: unknown = {
    useSavedCredentials: false,
    templateId: "Azure2Azure",
    credentials: CTS_CREDENTIALS,
  },
) => t.call(SOURCE_TENANT_ID, "POST", `${sync()}/jobs/validateCredentials`, body);

const jobBound = (body: unknown = { useSavedCredentials: false, credentials: CTS_CREDENTIALS }) =>
  t.call(SOURCE_TENANT_ID, "POST", `${sync()}/jobs/${jobId}/validateCredentials`, body);

type ErrorBody = {
  error: {
    code: string;
    message: string;
    details?: Array<{ code: string; message: string; target: string }>;
  };
};
const error = (res: DispatchResult) => (res.body as ErrorBody).error;

beforeEach(async () => {
  t = createTestWorld();
  spId = await instantiateConfiguration(t);
  jobId = await createAzure2AzureJob(t, spId);
});

describe.each([
  ["collection-bound", () => collectionBound()],
  ["job-bound", () => jobBound()],
])("%s validateCredentials", (_binding, validate) => {
  it("succeeds with 204 when both tenants allow synchronization", async () => {
    setPolicies(t, ALL_SET);
    const res = await validate();
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
  });

  it("fails when the source has not allowed outbound automatic user consent", async () => {
    setPolicies(t, { ...ALL_SET, sourceOutboundConsent: false });
    const res = await validate();
    expect(res.status).toBe(400);
    expect(error(res).code).toBe("AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure");
    expect(error(res).message).toContain(
      "The source tenant has not enabled automatic user consent with the target tenant.",
    );
    expect(error(res).details).toEqual([
      expect.objectContaining({
        code: "SourceAutomaticUserConsentOutboundNotAllowed",
        target: "source",
      }),
    ]);
  });

  it("fails when the target has not allowed inbound synchronization", async () => {
    setPolicies(t, { ...ALL_SET, targetInboundSync: false });
    const res = await validate();
    expect(res.status).toBe(400);
    expect(error(res).code).toBe("AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure");
    expect(error(res).message).toContain(
      "The target tenant has not enabled inbound synchronization with this tenant.",
    );
    expect(error(res).details).toEqual([
      expect.objectContaining({ code: "TargetUserSyncInboundNotAllowed", target: "target" }),
    ]);
  });

  it("fails when the target has not allowed inbound automatic user consent", async () => {
    setPolicies(t, { ...ALL_SET, targetInboundConsent: false });
    const res = await validate();
    expect(res.status).toBe(400);
    expect(error(res).message).toContain(
      "The target tenant has not enabled automatic user consent (inbound auto-redemption) with this tenant.",
    );
    expect(error(res).details).toEqual([
      expect.objectContaining({
        code: "TargetAutomaticUserConsentInboundNotAllowed",
        target: "target",
      }),
    ]);
  });

  it("names every failed check when nothing is configured", async () => {
    const res = await validate();
    expect(res.status).toBe(400);
    expect(error(res).details?.map((d) => [d.code, d.target])).toEqual([
      ["SourceAutomaticUserConsentOutboundNotAllowed", "source"],
      ["TargetUserSyncInboundNotAllowed", "target"],
      ["TargetAutomaticUserConsentInboundNotAllowed", "target"],
    ]);
  });
});

describe("credentials", () => {
  beforeEach(() => setPolicies(t, ALL_SET));

  it("checks the saved secrets with useSavedCredentials, ignoring the body's credentials", async () => {
    const saved = await t.call(SOURCE_TENANT_ID, "PUT", `${sync()}/secrets`, {
      value: CTS_CREDENTIALS,
    });
    expect(saved.status).toBe(204);
    const res = await jobBound({
      useSavedCredentials: true,
      credentials: [{ key: "CompanyId", value: "00000000-0000-4000-8000-00000000dead" }],
    });
    expect(res.status).toBe(204);
  });

  it("fails with useSavedCredentials when nothing was saved", async () => {
    const res = await jobBound({ useSavedCredentials: true });
    expect(res.status).toBe(400);
    expect(error(res).message).toContain("AuthenticationType must be 'SyncPolicy'");
  });

  it("uses the saved secrets in the collection-bound form too", async () => {
    await t.call(SOURCE_TENANT_ID, "PUT", `${sync()}/secrets`, {
      value: [
        { key: "CompanyId", value: "00000000-0000-4000-8000-00000000dead" },
        CTS_CREDENTIALS[1],
      ],
    });
    const res = await collectionBound({ useSavedCredentials: true, templateId: "Azure2Azure" });
    expect(res.status).toBe(400);
    expect(error(res).code).toBe("ExternalTenantNotFound");
  });

  it("requires AuthenticationType SyncPolicy", async () => {
    const res = await collectionBound({
      templateId: "Azure2Azure",
      credentials: [CTS_CREDENTIALS[0], { key: "AuthenticationType", value: "OAuth2" }],
    });
    expect(res.status).toBe(400);
    expect(error(res).message).toContain("got 'OAuth2'");
  });

  it("requires CompanyId to be a tenant id", async () => {
    const res = await collectionBound({
      templateId: "Azure2Azure",
      credentials: [{ key: "CompanyId", value: "fabrikam.example" }, CTS_CREDENTIALS[1]],
    });
    expect(res.status).toBe(400);
    expect(error(res).message).toContain("CompanyId must be the target tenant id");
  });

  it("answers ExternalTenantNotFound for a tenant the world does not hold", async () => {
    const res = await collectionBound({
      templateId: "Azure2Azure",
      credentials: [
        { key: "CompanyId", value: "33333333-3333-4333-8333-333333333333" },
        CTS_CREDENTIALS[1],
      ],
    });
    expect(res.status).toBe(400);
    expect(error(res).code).toBe("ExternalTenantNotFound");
  });

  it("refuses a call without credentials or useSavedCredentials", async () => {
    const res = await collectionBound({ templateId: "Azure2Azure" });
    expect(res.status).toBe(400);
    expect(error(res).message).toContain("no credentials were given");
  });

  it("requires a known templateId before a job exists", async () => {
    expect((await collectionBound({ credentials: CTS_CREDENTIALS })).status).toBe(400);
    const unknown = await collectionBound({ templateId: "Other", credentials: CTS_CREDENTIALS });
    expect(unknown.status).toBe(400);
    expect(error(unknown).message).toContain("'Other'");
  });

  it("answers 404 for a job-bound call on a missing job", async () => {
    const res = await t.call(
      SOURCE_TENANT_ID,
      "POST",
      `${sync()}/jobs/Azure2Azure.missing/validateCredentials`,
      {
        credentials: CTS_CREDENTIALS,
      },
    );
    expect(res.status).toBe(404);
  });

  it("refuses a caller with only Synchronization.Read.All", async () => {
    const roles = ["Synchronization.Read.All"];
    t.source.callers[0].roles = roles;
    const res = await t.call(
      SOURCE_TENANT_ID,
      "POST",
      `${sync()}/jobs/validateCredentials`,
      { templateId: "Azure2Azure", credentials: CTS_CREDENTIALS },
      roles,
    );
    expect(res.status).toBe(403);
  });
});

describe("the policy check follows the policies the endpoints write", () => {
  const partners = "/policies/crossTenantAccessPolicy/partners";

  it("fails before and succeeds after the walkthrough's policy steps", async () => {
    const step = async (tenantId: string, method: string, path: string, body?: unknown) => {
      const res = await t.call(tenantId, method, path, body);
      expect(res.status).toBeLessThan(300);
    };
    expect((await collectionBound()).status).toBe(400);
    // Target: partner for the source, inbound sync, inbound auto-redemption (steps 2-3).
    await step(TARGET_TENANT_ID, "POST", partners, { tenantId: SOURCE_TENANT_ID });
    await step(TARGET_TENANT_ID, "PUT", `${partners}/${SOURCE_TENANT_ID}/identitySynchronization`, {
      displayName: "Contoso",
      userSyncInbound: { isSyncAllowed: true },
    });
    await step(TARGET_TENANT_ID, "PATCH", `${partners}/${SOURCE_TENANT_ID}`, {
      automaticUserConsentSettings: { inboundAllowed: true },
    });
    const halfway = await collectionBound();
    expect(error(halfway).details?.map((d) => d.target)).toEqual(["source"]);
    // Source: partner for the target with outbound auto-redemption (step 5).
    await step(SOURCE_TENANT_ID, "POST", partners, { tenantId: TARGET_TENANT_ID });
    await step(SOURCE_TENANT_ID, "PATCH", `${partners}/${TARGET_TENANT_ID}`, {
      automaticUserConsentSettings: { outboundAllowed: true },
    });
    expect((await collectionBound()).status).toBe(204);
  });

  it("fails again once the target deletes its identitySynchronization policy", async () => {
    setPolicies(t, ALL_SET);
    expect((await jobBound()).status).toBe(204);
    const deleted = await t.call(
      TARGET_TENANT_ID,
      "DELETE",
      `${partners}/${SOURCE_TENANT_ID}/identitySynchronization`,
    );
    expect(deleted.status).toBe(204);
    const res = await jobBound();
    expect(error(res).details?.map((d) => d.code)).toEqual(["TargetUserSyncInboundNotAllowed"]);
  });
});
