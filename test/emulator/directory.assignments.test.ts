import type { DispatchResult } from "../../src/emulator/http/dispatch";
import {
  createTestWorld,
  CTS_TEMPLATE_ID,
  ids,
  SOURCE_TENANT_ID,
  type TestWorld,
} from "./helpers/world";

type Json = Record<string, unknown>;

function errorOf(result: DispatchResult): Json {
  return (result.body as { error: Json }).error;
}

let w: TestWorld;
let spId: string;
let appId: string;
let roleId: string;
const call = (method: string, path: string, body?: unknown, roles?: string[]) =>
  w.call(SOURCE_TENANT_ID, method, path, body, roles);
const assignedTo = () => `/servicePrincipals/${spId}/appRoleAssignedTo`;
const assign = (principalId: string, roles?: string[]) =>
  call("POST", assignedTo(), { principalId, resourceId: spId, appRoleId: roleId }, roles);

beforeEach(async () => {
  w = createTestWorld();
  const created = await call("POST", `/applicationTemplates/${CTS_TEMPLATE_ID}/instantiate`, {
    displayName: "Fabrikam",
  });
  const sp = (created.body as { servicePrincipal: Json & { appRoles: Json[] } }).servicePrincipal;
  spId = sp.id as string;
  appId = sp.appId as string;
  roleId = sp.appRoles[0].id as string;
});

describe("POST appRoleAssignedTo", () => {
  it("assigns a user and answers 201 with the assignment", async () => {
    w.clock.now = Date.parse("2026-04-01T09:00:00Z");
    const result = await assign(ids.alice);
    expect(result.status).toBe(201);
    const body = result.body as Json;
    expect(body).toEqual({
      "@odata.context": `https://127.0.0.1:8443/v1.0/$metadata#servicePrincipals('${spId}')/appRoleAssignedTo/$entity`,
      id: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      deletedDateTime: null,
      appRoleId: roleId,
      createdDateTime: "2026-04-01T09:00:00.000Z",
      principalDisplayName: "Alice",
      principalId: ids.alice,
      principalType: "User",
      resourceDisplayName: "Fabrikam",
      resourceId: spId,
    });
    expect(w.source.appRoleAssignments).toHaveLength(1);
  });

  it("assigns a group with principalType Group, also through the appId key", async () => {
    const result = await call("POST", `/servicePrincipals(appId='${appId}')/appRoleAssignedTo`, {
      principalId: ids.sales,
      resourceId: spId,
      appRoleId: roleId,
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ principalType: "Group", principalDisplayName: "Sales" });
  });

  it("refuses a resourceId that is not the service principal in the URL", async () => {
    const result = await call("POST", assignedTo(), {
      principalId: ids.alice,
      resourceId: ids.bob,
      appRoleId: roleId,
    });
    expect(result.status).toBe(400);
    expect(errorOf(result).message).toMatch(`Set resourceId to ${spId}`);
  });

  it("refuses an appRoleId the service principal does not define, naming the valid one", async () => {
    const result = await call("POST", assignedTo(), {
      principalId: ids.alice,
      resourceId: spId,
      appRoleId: "00000000-0000-0000-0000-000000000000",
    });
    expect(result.status).toBe(400);
    expect(errorOf(result).code).toBe("Request_BadRequest");
    expect(errorOf(result).message).toMatch(
      /^Permission being assigned was not found on application/,
    );
    expect(errorOf(result).message).toMatch(`${roleId} (msiam_access)`);
  });

  it("404s a principal that is neither a user nor a group of the tenant", async () => {
    const result = await assign(ids.targetUser);
    expect(result.status).toBe(404);
    expect(errorOf(result).code).toBe("Request_ResourceNotFound");
  });

  it("refuses a duplicate assignment with Graph's message", async () => {
    await assign(ids.alice);
    const again = await assign(ids.alice);
    expect(again.status).toBe(400);
    expect(errorOf(again).code).toBe("Request_BadRequest");
    expect(errorOf(again).message).toMatch(
      /^Permission being assigned already exists on the object\./,
    );
    expect(w.source.appRoleAssignments).toHaveLength(1);
  });

  it("requires principalId, resourceId and appRoleId as GUIDs", async () => {
    const result = await call("POST", assignedTo(), { principalId: ids.alice, resourceId: spId });
    expect(result.status).toBe(400);
    expect(errorOf(result).message).toMatch(/appRoleId is required/);
  });

  it("needs AppRoleAssignment.ReadWrite.All together with Application.Read.All or Directory.Read.All", async () => {
    expect((await assign(ids.alice, ["AppRoleAssignment.ReadWrite.All"])).status).toBe(403);
    expect((await assign(ids.alice, ["Application.Read.All"])).status).toBe(403);
    expect(
      (await assign(ids.alice, ["AppRoleAssignment.ReadWrite.All", "Directory.Read.All"])).status,
    ).toBe(201);
    expect(
      (await assign(ids.bob, ["AppRoleAssignment.ReadWrite.All", "Application.Read.All"])).status,
    ).toBe(201);
  });

  it("404s a service principal that does not exist", async () => {
    const result = await call("POST", `/servicePrincipals/${ids.bob}/appRoleAssignedTo`, {
      principalId: ids.alice,
      resourceId: ids.bob,
      appRoleId: roleId,
    });
    expect(result.status).toBe(404);
  });
});

describe("GET and DELETE appRoleAssignedTo", () => {
  it("lists and gets assignments with read permissions", async () => {
    const created = (await assign(ids.alice)).body as Json;
    await assign(ids.sales);
    const list = await call("GET", assignedTo(), undefined, ["Application.Read.All"]);
    expect(list.status).toBe(200);
    expect((list.body as { value: Json[] }).value.map((a) => a.principalId)).toEqual([
      ids.alice,
      ids.sales,
    ]);
    const filtered = await call("GET", `${assignedTo()}?$filter=principalType eq 'Group'`);
    expect((filtered.body as { value: Json[] }).value.map((a) => a.principalId)).toEqual([
      ids.sales,
    ]);
    const one = await call("GET", `${assignedTo()}/${String(created.id)}`, undefined, [
      "Directory.Read.All",
    ]);
    expect(one.body).toMatchObject({ id: created.id, principalId: ids.alice });
    expect((await call("GET", assignedTo(), undefined, ["User.Read.All"])).status).toBe(403);
  });

  it("deletes an assignment with AppRoleAssignment.ReadWrite.All and 404s it afterwards", async () => {
    const created = (await assign(ids.alice)).body as Json;
    const path = `${assignedTo()}/${String(created.id)}`;
    expect((await call("DELETE", path, undefined, ["Application.ReadWrite.All"])).status).toBe(403);
    expect(
      (await call("DELETE", path, undefined, ["AppRoleAssignment.ReadWrite.All"])).status,
    ).toBe(204);
    expect(w.source.appRoleAssignments).toEqual([]);
    expect((await call("DELETE", path)).status).toBe(404);
    expect((await call("GET", path)).status).toBe(404);
  });

  it("lags a new assignment in reads while the knob is on", async () => {
    w.lag.enabled = true;
    const created = (await assign(ids.alice)).body as Json;
    expect(((await call("GET", assignedTo())).body as { value: unknown[] }).value).toEqual([]);
    expect((await call("GET", `${assignedTo()}/${String(created.id)}`)).status).toBe(404);
    w.lag.replicate();
    expect(((await call("GET", assignedTo())).body as { value: unknown[] }).value).toHaveLength(1);
  });
});
