import type { DispatchResult } from "../../src/emulator/http/dispatch";
import { createTestWorld, SOURCE_TENANT_ID, type TestWorld } from "./helpers/world";

const DEFAULT = "/policies/crossTenantAccessPolicy/default";

function errorOf(result: DispatchResult): Record<string, unknown> {
  return (result.body as { error: Record<string, unknown> }).error;
}

let w: TestWorld;
const call = (method: string, path: string, body?: unknown, roles?: string[]) =>
  w.call(SOURCE_TENANT_ID, method, path, body, roles);

beforeEach(() => {
  w = createTestWorld();
});

it("GET returns the system default with Policy.Read.All", async () => {
  const result = await call("GET", DEFAULT, undefined, ["Policy.Read.All"]);
  expect(result.status).toBe(200);
  expect(result.body).toMatchObject({
    "@odata.context":
      "https://127.0.0.1:8443/v1.0/$metadata#policies/crossTenantAccessPolicy/default/$entity",
    isServiceDefault: true,
    automaticUserConsentSettings: { inboundAllowed: false, outboundAllowed: false },
    b2bDirectConnectInbound: { usersAndGroups: { accessType: "blocked" } },
    b2bCollaborationInbound: { usersAndGroups: { accessType: "allowed" } },
  });
  expect(result.body).not.toHaveProperty("blockServiceProviderOutboundAccess");
});

it("PATCH answers 204, stores the change and marks the policy customised", async () => {
  const inboundTrust = {
    isMfaAccepted: true,
    isCompliantDeviceAccepted: false,
    isHybridAzureADJoinedDeviceAccepted: false,
  };
  const patch = await call("PATCH", DEFAULT, { inboundTrust });
  expect(patch.status).toBe(204);
  const read = (await call("GET", DEFAULT)).body as Record<string, unknown>;
  expect(read.inboundTrust).toEqual(inboundTrust);
  expect(read.isServiceDefault).toBe(false);
});

it("PATCH refuses automaticUserConsentSettings, which is read-only on the default", async () => {
  const result = await call("PATCH", DEFAULT, {
    automaticUserConsentSettings: { inboundAllowed: true },
  });
  expect(result.status).toBe(400);
  expect(errorOf(result)).toMatchObject({ code: "Request_BadRequest" });
  expect(errorOf(result).message).toMatch(/automaticUserConsentSettings is read-only/);
  expect(w.source.crossTenantAccessPolicy.default.automaticUserConsentSettings).toEqual({
    inboundAllowed: false,
    outboundAllowed: false,
  });
});

it("PATCH accepts blockServiceProviderOutboundAccess on beta only", async () => {
  expect((await call("PATCH", DEFAULT, { blockServiceProviderOutboundAccess: true })).status).toBe(
    400,
  );
  expect(
    (await call("PATCH", `/beta${DEFAULT}`, { blockServiceProviderOutboundAccess: true })).status,
  ).toBe(204);
  expect((await call("GET", `/beta${DEFAULT}`)).body).toMatchObject({
    blockServiceProviderOutboundAccess: true,
  });
});

it("PATCH needs Policy.ReadWrite.CrossTenantAccess", async () => {
  const result = await call("PATCH", DEFAULT, { inboundTrust: null }, ["Policy.Read.All"]);
  expect(result.status).toBe(403);
  expect(errorOf(result).code).toBe("Authorization_RequestDenied");
});

it("resetToSystemDefault answers 204 and restores the service default", async () => {
  await call("PATCH", DEFAULT, { b2bDirectConnectInbound: null });
  const reset = await call("POST", `${DEFAULT}/resetToSystemDefault`);
  expect(reset.status).toBe(204);
  expect((await call("GET", DEFAULT)).body).toMatchObject({
    isServiceDefault: true,
    b2bDirectConnectInbound: { usersAndGroups: { accessType: "blocked" } },
  });
  const denied = await call("POST", `${DEFAULT}/resetToSystemDefault`, undefined, [
    "Policy.Read.All",
  ]);
  expect(denied.status).toBe(403);
});
