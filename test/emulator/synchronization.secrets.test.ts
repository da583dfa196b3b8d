/** PUT/GET .../synchronization/secrets: validation, merge by key, removal, masking. */
import {
  createTestWorld,
  SOURCE_TENANT_ID,
  TARGET_TENANT_ID,
  type TestWorld,
  instantiateConfiguration,
} from "./helpers/world";
import type { DispatchResult } from "../../src/emulator/http/dispatch";

let t: TestWorld;
let spId: string;

const path = () => `/servicePrincipals/${spId}/synchronization/secrets`;
const put = (value: unknown) => t.call(SOURCE_TENANT_ID, "PUT", path(), { value });
const saved = async () => {
  const res = await t.call(SOURCE_TENANT_ID, "GET", path());
  expect(res.status).toBe(200);
  return (res.body as { value: Array<{ key: string; value: string }> }).value;
};
const message = (res: DispatchResult) => (res.body as { error: { message: string } }).error.message;

const NOTIFICATIONS = JSON.stringify({
  Enabled: false,
  DeleteThresholdEnabled: false,
  HumanResourcesLookaheadQueryEnabled: false,
});

beforeEach(async () => {
  t = createTestWorld();
  spId = await instantiateConfiguration(t);
});

it("saves the walkthrough's CTS secrets and returns them in clear", async () => {
  const res = await put([
    { key: "AuthenticationType", value: "SyncPolicy" },
    { key: "CompanyId", value: TARGET_TENANT_ID },
    { key: "SyncNotificationSettings", value: NOTIFICATIONS },
    { key: "SyncAll", value: "false" },
  ]);
  expect(res.status).toBe(204);
  expect(await saved()).toEqual([
    { key: "AuthenticationType", value: "SyncPolicy" },
    { key: "CompanyId", value: TARGET_TENANT_ID },
    { key: "SyncNotificationSettings", value: NOTIFICATIONS },
    { key: "SyncAll", value: "false" },
  ]);
});

it("masks credentials as '*' but keeps them saved", async () => {
  await put([
    { key: "Password", value: "hunter2" },
    { key: "ClientSecret", value: "s3cret" },
    { key: "Oauth2RefreshToken", value: "refresh" },
    { key: "UserName", value: "admin" },
  ]);
  expect(await saved()).toEqual([
    { key: "Password", value: "*" },
    { key: "ClientSecret", value: "*" },
    { key: "Oauth2RefreshToken", value: "*" },
    { key: "UserName", value: "admin" },
  ]);
  expect(t.source.synchronization[spId].secrets.Password).toBe("hunter2");
});

it("merges by key: a later PUT changes and adds without dropping others", async () => {
  await put([
    { key: "CompanyId", value: TARGET_TENANT_ID },
    { key: "SyncAll", value: "false" },
  ]);
  await put([
    { key: "SyncAll", value: "true" },
    { key: "SkipOutOfScopeDeletions", value: "true" },
  ]);
  expect(await saved()).toEqual([
    { key: "CompanyId", value: TARGET_TENANT_ID },
    { key: "SyncAll", value: "true" },
    { key: "SkipOutOfScopeDeletions", value: "true" },
  ]);
});

it("removes a key given an empty value", async () => {
  await put([
    { key: "CompanyId", value: TARGET_TENANT_ID },
    { key: "SyncAll", value: "false" },
  ]);
  expect((await put([{ key: "SyncAll", value: "" }])).status).toBe(204);
  expect(await saved()).toEqual([{ key: "CompanyId", value: TARGET_TENANT_ID }]);
});

it("returns an empty list before anything was saved", async () => {
  expect(await saved()).toEqual([]);
});

it("refuses a key outside the synchronizationSecret enum and saves nothing", async () => {
  const res = await put([
    { key: "CompanyId", value: TARGET_TENANT_ID },
    { key: "TenantId", value: TARGET_TENANT_ID },
  ]);
  expect(res.status).toBe(400);
  expect(message(res)).toContain("'TenantId' is not a synchronizationSecret key");
  expect(await saved()).toEqual([]);
});

it("refuses keys in the wrong case", async () => {
  expect((await put([{ key: "companyId", value: TARGET_TENANT_ID }])).status).toBe(400);
});

it("refuses a non-string value", async () => {
  const res = await put([{ key: "SyncAll", value: false }]);
  expect(res.status).toBe(400);
  expect(message(res)).toContain("value[0]");
});

it("refuses a body without a value array", async () => {
  const res = await t.call(SOURCE_TENANT_ID, "PUT", path(), { credentials: [] });
  expect(res.status).toBe(400);
  expect(message(res)).toContain("'value' array");
});

it("refuses SyncAll that is not true/false", async () => {
  const res = await put([{ key: "SyncAll", value: "yes" }]);
  expect(res.status).toBe(400);
  expect(message(res)).toContain('SyncAll must be "true" or "false"');
});

describe("SyncNotificationSettings", () => {
  it("accepts the accidental-deletion threshold settings", async () => {
    const value = JSON.stringify({
      Enabled: true,
      Recipients: "ops@contoso.example",
      DeleteThresholdEnabled: true,
      DeleteThresholdValue: 500,
    });
    expect((await put([{ key: "SyncNotificationSettings", value }])).status).toBe(204);
  });

  it("refuses text that is not JSON", async () => {
    const res = await put([{ key: "SyncNotificationSettings", value: "Enabled=true" }]);
    expect(res.status).toBe(400);
    expect(message(res)).toContain("must be a JSON object serialized as a string");
  });

  it("refuses a property of the wrong type, naming it", async () => {
    const res = await put([
      { key: "SyncNotificationSettings", value: JSON.stringify({ DeleteThresholdValue: "500" }) },
    ]);
    expect(res.status).toBe(400);
    expect(message(res)).toContain("'DeleteThresholdValue'");
  });

  it("refuses an unknown property", async () => {
    const res = await put([
      { key: "SyncNotificationSettings", value: JSON.stringify({ Enable: true }) },
    ]);
    expect(res.status).toBe(400);
    expect(message(res)).toContain("Allowed properties");
  });
});

describe("access", () => {
  it("answers 404 for a service principal that does not exist", async () => {
    const res = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      "/servicePrincipals/5e5e5e5e-0000-4000-8000-000000000000/synchronization/secrets",
    );
    expect(res.status).toBe(404);
  });

  it("lets Synchronization.Read.All read the masked secrets but not write them", async () => {
    await put([{ key: "Password", value: "hunter2" }]);
    const roles = ["Synchronization.Read.All"];
    t.source.callers[0].roles = roles;
    const read = await t.call(SOURCE_TENANT_ID, "GET", path(), undefined, roles);
    expect(read.status).toBe(200);
    expect((read.body as { value: unknown[] }).value).toEqual([{ key: "Password", value: "*" }]);
    const write = await t.call(SOURCE_TENANT_ID, "PUT", path(), { value: [] }, roles);
    expect(write.status).toBe(403);
  });

  it("keeps the secrets when the job is deleted", async () => {
    await put([{ key: "CompanyId", value: TARGET_TENANT_ID }]);
    const job = await t.call(
      SOURCE_TENANT_ID,
      "POST",
      `/servicePrincipals/${spId}/synchronization/jobs`,
      { templateId: "Azure2Azure" },
    );
    const jobId = (job.body as { id: string }).id;
    await t.call(
      SOURCE_TENANT_ID,
      "DELETE",
      `/servicePrincipals/${spId}/synchronization/jobs/${jobId}`,
    );
    expect(await saved()).toEqual([{ key: "CompanyId", value: TARGET_TENANT_ID }]);
  });
});
