import type { DispatchResult } from "../../src/emulator/http/dispatch";
import {
  createTestWorld,
  SOURCE_TENANT_ID,
  TARGET_TENANT_ID,
  type TestWorld,
} from "./helpers/world";

const PARTNERS = "/policies/crossTenantAccessPolicy/partners";
const SYNC = `${PARTNERS}/${SOURCE_TENANT_ID}/identitySynchronization`;
const MISSING_PARTNER = "55555555-5555-4555-8555-555555555555";

function errorOf(result: DispatchResult): Record<string, unknown> {
  return (result.body as { error: Record<string, unknown> }).error;
}

let w: TestWorld;
/** The identity sync policy lives in the target tenant, about the source tenant. */
const inTarget = (method: string, path: string, body?: unknown, roles?: string[]) =>
  w.call(TARGET_TENANT_ID, method, path, body, roles);

beforeEach(async () => {
  w = createTestWorld();
  await inTarget("POST", PARTNERS, { tenantId: SOURCE_TENANT_ID });
});

describe("PUT identitySynchronization", () => {
  it("creates the policy with 204 and no body; GET then returns it", async () => {
    const put = await inTarget("PUT", SYNC, {
      displayName: "Contoso",
      userSyncInbound: { isSyncAllowed: true },
    });
    expect(put.status).toBe(204);
    expect(put.body).toBeUndefined();
    const get = await inTarget("GET", SYNC, undefined, ["Policy.Read.All"]);
    expect(get.status).toBe(200);
    expect(get.body).toEqual({
      "@odata.context": `https://127.0.0.1:8443/v1.0/$metadata#policies/crossTenantAccessPolicy/partners('${SOURCE_TENANT_ID}')/identitySynchronization/$entity`,
      tenantId: SOURCE_TENANT_ID,
      displayName: "Contoso",
      userSyncInbound: { isSyncAllowed: true },
    });
  });

  it("answers the walkthrough's 409 envelope when the policy already exists", async () => {
    await inTarget("PUT", SYNC, { userSyncInbound: { isSyncAllowed: true } });
    const again = await inTarget("PUT", SYNC, { userSyncInbound: { isSyncAllowed: false } });
    expect(again.status).toBe(409);
    const message =
      "A conflicting object with one or more of the specified property values is present in the directory.";
    expect(again.body).toEqual({
      error: {
        code: "Request_MultipleObjectsWithSameKeyValue",
        message,
        details: [{ code: "ConflictingObjects", message }],
        innerError: {
          date: "2026-01-15T10:00:00",
          "request-id": again.headers["request-id"],
          "client-request-id": again.headers["client-request-id"],
        },
      },
    });
    // The existing policy is untouched.
    expect(((await inTarget("GET", SYNC)).body as Record<string, unknown>).userSyncInbound).toEqual(
      {
        isSyncAllowed: true,
      },
    );
  });

  it("404s when the partner does not exist", async () => {
    const result = await inTarget("PUT", `${PARTNERS}/${MISSING_PARTNER}/identitySynchronization`, {
      userSyncInbound: { isSyncAllowed: true },
    });
    expect(result.status).toBe(404);
    expect(errorOf(result).code).toBe("Request_ResourceNotFound");
  });

  it("needs Policy.ReadWrite.CrossTenantAccess", async () => {
    const result = await inTarget("PUT", SYNC, { userSyncInbound: { isSyncAllowed: true } }, [
      "Policy.Read.All",
    ]);
    expect(result.status).toBe(403);
    expect(errorOf(result).code).toBe("Authorization_RequestDenied");
  });

  it("refuses a tenantId in the body that differs from the URL", async () => {
    const result = await inTarget("PUT", SYNC, { tenantId: TARGET_TENANT_ID });
    expect(result.status).toBe(400);
    expect(errorOf(result).message).toMatch(/does not match the partner in the URL/);
  });
});

describe("v1.0 and beta", () => {
  it("v1.0 refuses groupSyncInbound with Invalid property", async () => {
    const result = await inTarget("PUT", SYNC, {
      userSyncInbound: { isSyncAllowed: true },
      groupSyncInbound: { isSyncAllowed: true },
    });
    expect(result.status).toBe(400);
    expect(errorOf(result)).toMatchObject({
      code: "Request_BadRequest",
      message: "Invalid property 'groupSyncInbound'.",
    });
  });

  it("beta accepts group and cross-cloud sync settings; v1.0 reads hide them", async () => {
    const put = await inTarget("PUT", `/beta${SYNC}`, {
      displayName: "Contoso",
      userSyncInbound: { isSyncAllowed: true },
      groupSyncInbound: { isSyncAllowed: true },
      externalCloudAuthorizedApplicationId: "app-in-other-cloud",
    });
    expect(put.status).toBe(204);
    expect((await inTarget("GET", `/beta${SYNC}`)).body).toMatchObject({
      groupSyncInbound: { isSyncAllowed: true },
      externalCloudAuthorizedApplicationId: "app-in-other-cloud",
    });
    const v1 = (await inTarget("GET", SYNC)).body as Record<string, unknown>;
    expect(v1).not.toHaveProperty("groupSyncInbound");
    expect(v1).not.toHaveProperty("externalCloudAuthorizedApplicationId");
  });

  it("v1.0 PATCH refuses groupSyncInbound too, beta PATCH accepts it", async () => {
    await inTarget("PUT", SYNC, { userSyncInbound: { isSyncAllowed: true } });
    expect(
      (await inTarget("PATCH", SYNC, { groupSyncInbound: { isSyncAllowed: true } })).status,
    ).toBe(400);
    expect(
      (await inTarget("PATCH", `/beta${SYNC}`, { groupSyncInbound: { isSyncAllowed: true } }))
        .status,
    ).toBe(204);
    expect((await inTarget("GET", `/beta${SYNC}`)).body).toMatchObject({
      groupSyncInbound: { isSyncAllowed: true },
    });
  });
});

describe("GET, PATCH, DELETE identitySynchronization", () => {
  it("GET answers 404 Request_ResourceNotFound while no policy exists", async () => {
    const result = await inTarget("GET", SYNC);
    expect(result.status).toBe(404);
    expect(errorOf(result).code).toBe("Request_ResourceNotFound");
  });

  it("PATCH on a missing policy answers Directory_ObjectNotFound as the walkthrough shows", async () => {
    for (const path of [SYNC, `${PARTNERS}/${MISSING_PARTNER}/identitySynchronization`]) {
      const result = await inTarget("PATCH", path, { userSyncInbound: { isSyncAllowed: true } });
      expect(result.status).toBe(404);
      expect(errorOf(result)).toMatchObject({
        code: "Directory_ObjectNotFound",
        message: "Unable to read the company information from the directory.",
      });
    }
  });

  it("PATCH updates the properties given and answers 204", async () => {
    await inTarget("PUT", SYNC, {
      displayName: "Contoso",
      userSyncInbound: { isSyncAllowed: true },
    });
    const patch = await inTarget("PATCH", SYNC, { userSyncInbound: { isSyncAllowed: false } });
    expect(patch.status).toBe(204);
    expect((await inTarget("GET", SYNC)).body).toMatchObject({
      displayName: "Contoso",
      userSyncInbound: { isSyncAllowed: false },
    });
  });

  it("PATCH rejects a non-boolean isSyncAllowed", async () => {
    await inTarget("PUT", SYNC, { userSyncInbound: { isSyncAllowed: true } });
    const result = await inTarget("PATCH", SYNC, { userSyncInbound: { isSyncAllowed: "true" } });
    expect(result.status).toBe(400);
    expect(errorOf(result).message).toMatch(/isSyncAllowed/);
  });

  it("DELETE answers 204, after which GET 404s and the partner can be deleted", async () => {
    await inTarget("PUT", SYNC, { userSyncInbound: { isSyncAllowed: true } });
    expect((await inTarget("DELETE", SYNC)).status).toBe(204);
    expect((await inTarget("GET", SYNC)).status).toBe(404);
    expect((await inTarget("DELETE", SYNC)).status).toBe(404);
    expect((await inTarget("DELETE", `${PARTNERS}/${SOURCE_TENANT_ID}`)).status).toBe(204);
  });

  it("shows the stored policy through the partner's $expand", async () => {
    await inTarget("PUT", SYNC, {
      displayName: "Contoso",
      userSyncInbound: { isSyncAllowed: true },
    });
    const result = await inTarget(
      "GET",
      `${PARTNERS}/${SOURCE_TENANT_ID}?$expand=identitySynchronization`,
    );
    expect((result.body as Record<string, unknown>).identitySynchronization).toEqual({
      tenantId: SOURCE_TENANT_ID,
      displayName: "Contoso",
      userSyncInbound: { isSyncAllowed: true },
    });
  });
});
