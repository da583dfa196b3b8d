import type { DispatchResult } from "../../src/emulator/http/dispatch";
import { setPolicyBehaviour } from "../../src/emulator/graph/policies/behaviour";
import {
  createTestWorld,
  SOURCE_TENANT_ID,
  TARGET_TENANT_ID,
  type TestWorld,
} from "./helpers/world";

const PARTNERS = "/policies/crossTenantAccessPolicy/partners";
const OTHER_TENANT = "33333333-3333-4333-8333-333333333333";
const READ_ONLY_ROLES = ["Policy.Read.All"];

function expectError(result: DispatchResult, status: number, code: string): string {
  expect(result.status).toBe(status);
  const error = (result.body as { error: Record<string, unknown> }).error;
  expect(error.code).toBe(code);
  return String(error.message);
}

let w: TestWorld;
const inSource = (method: string, path: string, body?: unknown, roles?: string[]) =>
  w.call(SOURCE_TENANT_ID, method, path, body, roles);

beforeEach(() => {
  w = createTestWorld();
});

describe("POST partners", () => {
  it("creates a partner and echoes every property of the v1.0 metadata, null when unset", async () => {
    const result = await inSource("POST", PARTNERS, { tenantId: TARGET_TENANT_ID });
    expect(result.status).toBe(201);
    expect(result.body).toEqual({
      "@odata.context":
        "https://127.0.0.1:8443/v1.0/$metadata#policies/crossTenantAccessPolicy/partners/$entity",
      tenantId: TARGET_TENANT_ID,
      isServiceProvider: null,
      isInMultiTenantOrganization: null,
      inboundTrust: null,
      b2bCollaborationOutbound: null,
      b2bCollaborationInbound: null,
      b2bDirectConnectOutbound: null,
      b2bDirectConnectInbound: null,
      tenantRestrictions: null,
      appServiceConnectInbound: null,
      m365CollaborationInbound: null,
      m365CollaborationOutbound: null,
      automaticUserConsentSettings: { inboundAllowed: null, outboundAllowed: null },
    });
    expect(w.source.crossTenantAccessPolicy.partners).toHaveLength(1);
    expect(w.target.crossTenantAccessPolicy.partners).toHaveLength(0);
  });

  it("stores properties given at create time and fills the unset consent flag with null", async () => {
    await inSource("POST", PARTNERS, {
      "@odata.type": "#microsoft.graph.crossTenantAccessPolicyConfigurationPartner",
      tenantId: TARGET_TENANT_ID,
      automaticUserConsentSettings: { outboundAllowed: true },
      m365CollaborationInbound: { users: { accessType: "allowed", targets: [] } },
    });
    const read = await inSource("GET", `${PARTNERS}/${TARGET_TENANT_ID}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      automaticUserConsentSettings: { inboundAllowed: null, outboundAllowed: true },
      m365CollaborationInbound: { users: { accessType: "allowed", targets: [] } },
    });
    expect(read.body).not.toHaveProperty("@odata.type");
  });

  it("refuses properties the metadata lacks, although older answers of the service showed them", async () => {
    for (const name of ["crossCloudMeetingConfiguration", "protectedContentSharing"]) {
      const result = await inSource("POST", PARTNERS, {
        tenantId: TARGET_TENANT_ID,
        [name]: { inboundAllowed: true },
      });
      expect(expectError(result, 400, "Request_BadRequest")).toBe(`Invalid property '${name}'.`);
    }
  });

  it("requires tenantId and requires it to be a GUID", async () => {
    expect(expectError(await inSource("POST", PARTNERS, {}), 400, "Request_BadRequest")).toMatch(
      /tenantId is required/,
    );
    expect(
      expectError(
        await inSource("POST", PARTNERS, { tenantId: "fabrikam.example" }),
        400,
        "Request_BadRequest",
      ),
    ).toMatch(/'fabrikam.example' is not a GUID/);
  });

  it("answers 409 Request_MultipleObjectsWithSameKeyValue for a second partner with the same tenantId", async () => {
    await inSource("POST", PARTNERS, { tenantId: TARGET_TENANT_ID });
    const again = await inSource("POST", PARTNERS, { tenantId: TARGET_TENANT_ID.toUpperCase() });
    expect(expectError(again, 409, "Request_MultipleObjectsWithSameKeyValue")).toBe(
      "Another object with the same value for property tenantId already exists.",
    );
    expect((again.body as { error: { details: unknown[] } }).error.details).toEqual([
      expect.objectContaining({ code: "ConflictingObjects" }),
    ]);
  });

  it("rejects a property name the service does not know, case-sensitively", async () => {
    const result = await inSource("POST", PARTNERS, {
      tenantId: TARGET_TENANT_ID,
      b2BDirectConnectInbound: null,
    });
    expect(expectError(result, 400, "Request_BadRequest")).toBe(
      "Invalid property 'b2BDirectConnectInbound'.",
    );
    expect(w.source.crossTenantAccessPolicy.partners).toHaveLength(0);
  });

  it("rejects wrongly typed values and the read-only isInMultiTenantOrganization", async () => {
    const badFlag = await inSource("POST", PARTNERS, {
      tenantId: TARGET_TENANT_ID,
      automaticUserConsentSettings: { inboundAllowed: "yes" },
    });
    expect(expectError(badFlag, 400, "Request_BadRequest")).toMatch(/inboundAllowed/);
    const readOnly = await inSource("POST", PARTNERS, {
      tenantId: TARGET_TENANT_ID,
      isInMultiTenantOrganization: true,
    });
    expect(expectError(readOnly, 400, "Request_BadRequest")).toMatch(/read-only/);
  });

  it("accepts blockServiceProviderOutboundAccess on beta only and hides it from v1.0", async () => {
    const v1 = await inSource("POST", PARTNERS, {
      tenantId: TARGET_TENANT_ID,
      blockServiceProviderOutboundAccess: true,
    });
    expect(expectError(v1, 400, "Request_BadRequest")).toBe(
      "Invalid property 'blockServiceProviderOutboundAccess'.",
    );
    const beta = await inSource("POST", `/beta${PARTNERS}`, {
      tenantId: TARGET_TENANT_ID,
      blockServiceProviderOutboundAccess: true,
    });
    expect(beta.status).toBe(201);
    expect(beta.body).toMatchObject({ blockServiceProviderOutboundAccess: true });
    const v1Read = await inSource("GET", `${PARTNERS}/${TARGET_TENANT_ID}`);
    expect(v1Read.body).not.toHaveProperty("blockServiceProviderOutboundAccess");
  });

  it("needs Policy.ReadWrite.CrossTenantAccess", async () => {
    const result = await inSource(
      "POST",
      PARTNERS,
      { tenantId: TARGET_TENANT_ID },
      READ_ONLY_ROLES,
    );
    expect(expectError(result, 403, "Authorization_RequestDenied")).toBe(
      "Insufficient privileges to complete the operation.",
    );
    const error = (result.body as { error: { innerError: Record<string, string> } }).error;
    expect(error.innerError["request-id"]).toBe(result.headers["request-id"]);
    expect(error.innerError.date).toBe("2026-01-15T10:00:00");
  });
});

describe("GET partners", () => {
  beforeEach(async () => {
    await inSource("POST", PARTNERS, { tenantId: TARGET_TENANT_ID });
    await inSource("POST", PARTNERS, { tenantId: OTHER_TENANT });
    await inSource("PUT", `${PARTNERS}/${TARGET_TENANT_ID}/identitySynchronization`, {
      displayName: "Fabrikam",
      userSyncInbound: { isSyncAllowed: true },
    });
  });

  it("gets one partner with Policy.Read.All and 404s a missing one", async () => {
    const found = await inSource(
      "GET",
      `${PARTNERS}/${TARGET_TENANT_ID}`,
      undefined,
      READ_ONLY_ROLES,
    );
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ tenantId: TARGET_TENANT_ID });
    expect(found.body).not.toHaveProperty("identitySynchronization");
    const missing = await inSource("GET", `${PARTNERS}/44444444-4444-4444-8444-444444444444`);
    expectError(missing, 404, "Request_ResourceNotFound");
  });

  it("lists partners with $select=tenantId&$expand=identitySynchronization", async () => {
    const result = await inSource(
      "GET",
      `${PARTNERS}?$select=tenantId&$expand=identitySynchronization`,
      undefined,
      READ_ONLY_ROLES,
    );
    expect(result.status).toBe(200);
    expect((result.body as { value: unknown[] }).value).toEqual([
      {
        tenantId: TARGET_TENANT_ID,
        identitySynchronization: {
          tenantId: TARGET_TENANT_ID,
          displayName: "Fabrikam",
          userSyncInbound: { isSyncAllowed: true },
        },
      },
      { tenantId: OTHER_TENANT, identitySynchronization: null },
    ]);
  });

  it("refuses to expand a navigation the partner does not have", async () => {
    const result = await inSource("GET", `${PARTNERS}?$expand=owners`);
    expect(expectError(result, 400, "BadRequest")).toMatch(
      /Could not find a property named 'owners'/,
    );
  });

  it("pages with $top and @odata.nextLink", async () => {
    const first = await inSource("GET", `${PARTNERS}?$top=1`);
    const body = first.body as { value: Array<{ tenantId: string }>; "@odata.nextLink": string };
    expect(body.value.map((p) => p.tenantId)).toEqual([TARGET_TENANT_ID]);
    const next = new URL(body["@odata.nextLink"]);
    const second = await inSource("GET", `${next.pathname.replace(/^\/v1\.0/, "")}${next.search}`);
    const secondBody = second.body as { value: Array<{ tenantId: string }> };
    expect(secondBody.value.map((p) => p.tenantId)).toEqual([OTHER_TENANT]);
    expect(second.body).not.toHaveProperty("@odata.nextLink");
  });
});

describe("PATCH partners", () => {
  const path = `${PARTNERS}/${TARGET_TENANT_ID}`;
  const read = async () => (await inSource("GET", path)).body as Record<string, unknown>;

  beforeEach(async () => {
    await inSource("POST", PARTNERS, {
      tenantId: TARGET_TENANT_ID,
      automaticUserConsentSettings: { inboundAllowed: true, outboundAllowed: true },
      inboundTrust: { isMfaAccepted: true },
    });
  });

  it("answers 204 and replaces each complex property given, keeping the others", async () => {
    const result = await inSource("PATCH", path, {
      automaticUserConsentSettings: { inboundAllowed: false },
    });
    expect(result.status).toBe(204);
    expect(result.body).toBeUndefined();
    const partner = await read();
    expect(partner.automaticUserConsentSettings).toEqual({
      inboundAllowed: false,
      outboundAllowed: null,
    });
    expect(partner.inboundTrust).toEqual({ isMfaAccepted: true });
  });

  it("merges nested fields instead when the world's switch says so", async () => {
    setPolicyBehaviour(w.world, { complexPropertyPatch: "merge" });
    await inSource("PATCH", path, { automaticUserConsentSettings: { inboundAllowed: false } });
    expect((await read()).automaticUserConsentSettings).toEqual({
      inboundAllowed: false,
      outboundAllowed: true,
    });
  });

  it("clears a property set to null, as the CTS walkthrough does with inboundTrust", async () => {
    await inSource("PATCH", path, { inboundTrust: null, automaticUserConsentSettings: null });
    const partner = await read();
    expect(partner.inboundTrust).toBeNull();
    expect(partner.automaticUserConsentSettings).toEqual({
      inboundAllowed: null,
      outboundAllowed: null,
    });
  });

  it("refuses to change tenantId but tolerates the same value", async () => {
    const changed = await inSource("PATCH", path, { tenantId: OTHER_TENANT });
    expect(expectError(changed, 400, "Request_BadRequest")).toMatch(/tenantId is the key/);
    expect((await inSource("PATCH", path, { tenantId: TARGET_TENANT_ID })).status).toBe(204);
  });

  it("rejects unknown properties, 404s a missing partner and needs the write permission", async () => {
    expect(
      expectError(await inSource("PATCH", path, { inboundtrust: null }), 400, "Request_BadRequest"),
    ).toBe("Invalid property 'inboundtrust'.");
    expectError(
      await inSource("PATCH", `${PARTNERS}/${OTHER_TENANT}`, {}),
      404,
      "Request_ResourceNotFound",
    );
    expectError(
      await inSource("PATCH", path, {}, READ_ONLY_ROLES),
      403,
      "Authorization_RequestDenied",
    );
  });
});

describe("DELETE partners", () => {
  const path = `${PARTNERS}/${TARGET_TENANT_ID}`;

  beforeEach(async () => {
    await inSource("POST", PARTNERS, { tenantId: TARGET_TENANT_ID });
  });

  it("deletes the partner and keeps a soft-deleted copy", async () => {
    w.clock.now = Date.parse("2026-02-01T08:30:00Z");
    expect((await inSource("DELETE", path)).status).toBe(204);
    expectError(await inSource("GET", path), 404, "Request_ResourceNotFound");
    expect(w.source.crossTenantAccessPolicy.deletedPartners).toEqual([
      expect.objectContaining({
        tenantId: TARGET_TENANT_ID,
        deletedDateTime: "2026-02-01T08:30:00.000Z",
      }),
    ]);
  });

  it("refuses with 400 while an identity synchronization policy exists", async () => {
    await inSource("PUT", `${path}/identitySynchronization`, {
      userSyncInbound: { isSyncAllowed: true },
    });
    const result = await inSource("DELETE", path);
    expect(expectError(result, 400, "Request_BadRequest")).toMatch(
      /still has an identity synchronization policy\. Delete .*\/identitySynchronization first/,
    );
    expect((await inSource("GET", path)).status).toBe(200);
    await inSource("DELETE", `${path}/identitySynchronization`);
    expect((await inSource("DELETE", path)).status).toBe(204);
  });

  it("lets the same tenant be added again by default, superseding the soft-deleted copy", async () => {
    await inSource("DELETE", path);
    expect((await inSource("POST", PARTNERS, { tenantId: TARGET_TENANT_ID })).status).toBe(201);
    expect(w.source.crossTenantAccessPolicy.deletedPartners).toEqual([]);
  });

  it("answers 409 on re-create when the world says soft-deleted partners block it", async () => {
    setPolicyBehaviour(w.world, { softDeletedPartnerBlocksCreate: true });
    await inSource("DELETE", path);
    const again = await inSource("POST", PARTNERS, { tenantId: TARGET_TENANT_ID });
    expect(expectError(again, 409, "Request_MultipleObjectsWithSameKeyValue")).toMatch(
      /soft-deleted/,
    );
  });

  it("404s a missing partner and needs the write permission", async () => {
    expectError(
      await inSource("DELETE", `${PARTNERS}/${OTHER_TENANT}`),
      404,
      "Request_ResourceNotFound",
    );
    expectError(
      await inSource("DELETE", path, undefined, READ_ONLY_ROLES),
      403,
      "Authorization_RequestDenied",
    );
  });
});

describe("replication lag on partners", () => {
  it("hides a just-created partner from GET and the list until it replicates", async () => {
    w.lag.enabled = true;
    expect((await inSource("POST", PARTNERS, { tenantId: TARGET_TENANT_ID })).status).toBe(201);
    expectError(
      await inSource("GET", `${PARTNERS}/${TARGET_TENANT_ID}`),
      404,
      "Request_ResourceNotFound",
    );
    expect(((await inSource("GET", PARTNERS)).body as { value: unknown[] }).value).toEqual([]);
    // A second POST still conflicts: the object exists even though reads cannot see it yet.
    expect((await inSource("POST", PARTNERS, { tenantId: TARGET_TENANT_ID })).status).toBe(409);
    w.lag.replicate();
    expect((await inSource("GET", `${PARTNERS}/${TARGET_TENANT_ID}`)).status).toBe(200);
  });
});

describe("beta deletedItems/crossTenantPartners", () => {
  const DELETED = "/beta/policies/deletedItems/crossTenantPartners";

  beforeEach(async () => {
    await inSource("POST", PARTNERS, { tenantId: TARGET_TENANT_ID });
    await inSource("DELETE", `${PARTNERS}/${TARGET_TENANT_ID}`);
  });

  it("answers 403 to app tokens, as Microsoft documents no application permission", async () => {
    for (const [method, path] of [
      ["GET", DELETED],
      ["GET", `${DELETED}/${TARGET_TENANT_ID}`],
      ["POST", `${DELETED}/${TARGET_TENANT_ID}/restore`],
      ["DELETE", `${DELETED}/${TARGET_TENANT_ID}`],
    ]) {
      expect(expectError(await inSource(method, path), 403, "Authorization_RequestDenied")).toMatch(
        /does not support application permissions/,
      );
    }
    expect(w.source.crossTenantAccessPolicy.deletedPartners).toHaveLength(1);
  });

  it("does not exist on v1.0", async () => {
    const result = await inSource("GET", "/v1.0/policies/deletedItems/crossTenantPartners");
    expectError(result, 400, "BadRequest");
  });

  describe("with allowAppTokensOnDeletedPartners", () => {
    beforeEach(() => setPolicyBehaviour(w.world, { allowAppTokensOnDeletedPartners: true }));

    it("lists and gets soft-deleted partners", async () => {
      const list = await inSource("GET", DELETED);
      expect((list.body as { value: unknown[] }).value).toEqual([
        expect.objectContaining({
          tenantId: TARGET_TENANT_ID,
          deletedDateTime: expect.any(String),
        }),
      ]);
      expect((await inSource("GET", `${DELETED}/${TARGET_TENANT_ID}`)).status).toBe(200);
      expectError(
        await inSource("GET", `${DELETED}/${OTHER_TENANT}`),
        404,
        "Request_ResourceNotFound",
      );
    });

    it("restores a partner; once re-created, nothing is left to restore", async () => {
      const restored = await inSource("POST", `${DELETED}/${TARGET_TENANT_ID}/restore`);
      expect(restored.status).toBe(200);
      expect(restored.body).not.toHaveProperty("deletedDateTime");
      expect((await inSource("GET", `${PARTNERS}/${TARGET_TENANT_ID}`)).status).toBe(200);
      await inSource("DELETE", `${PARTNERS}/${TARGET_TENANT_ID}`);
      await inSource("POST", PARTNERS, { tenantId: TARGET_TENANT_ID });
      // Re-create superseded the deleted copy, so there is nothing left to restore.
      expectError(
        await inSource("POST", `${DELETED}/${TARGET_TENANT_ID}/restore`),
        404,
        "Request_ResourceNotFound",
      );
    });

    it("answers 409 when restoring over an active partner", async () => {
      w.source.crossTenantAccessPolicy.partners.push({ tenantId: TARGET_TENANT_ID });
      const result = await inSource("POST", `${DELETED}/${TARGET_TENANT_ID}/restore`);
      expectError(result, 409, "Request_MultipleObjectsWithSameKeyValue");
    });

    it("purges a soft-deleted partner", async () => {
      expect((await inSource("DELETE", `${DELETED}/${TARGET_TENANT_ID}`)).status).toBe(204);
      expect(w.source.crossTenantAccessPolicy.deletedPartners).toEqual([]);
    });

    it("still needs the policy permissions", async () => {
      expectError(
        await inSource("GET", DELETED, undefined, ["User.Read.All"]),
        403,
        "Authorization_RequestDenied",
      );
      expectError(
        await inSource("DELETE", `${DELETED}/${TARGET_TENANT_ID}`, undefined, READ_ONLY_ROLES),
        403,
        "Authorization_RequestDenied",
      );
    });
  });
});
