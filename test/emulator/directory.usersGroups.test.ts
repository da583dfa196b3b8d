import type { DispatchResult } from "../../src/emulator/http/dispatch";
import { createTestWorld, ids, SOURCE_TENANT_ID, type TestWorld } from "./helpers/world";

type Json = Record<string, unknown>;
type List = { value: Json[]; "@odata.nextLink"?: string };

function errorOf(result: DispatchResult): Json {
  return (result.body as { error: Json }).error;
}

let w: TestWorld;
const call = (method: string, path: string, body?: unknown, roles?: string[]) =>
  w.call(SOURCE_TENANT_ID, method, path, body, roles);
const list = async (path: string, roles?: string[]) =>
  (await call("GET", path, undefined, roles)).body as List;

beforeEach(() => {
  w = createTestWorld();
});

describe("users", () => {
  it("v1.0 shows Graph's default property set and never the internal netId", async () => {
    const { value } = await list("/users", ["User.Read.All"]);
    expect(value).toHaveLength(3);
    expect(Object.keys(value[0]).sort()).toEqual(
      [
        "businessPhones",
        "displayName",
        "givenName",
        "id",
        "jobTitle",
        "mail",
        "mobilePhone",
        "officeLocation",
        "preferredLanguage",
        "surname",
        "userPrincipalName",
      ].sort(),
    );
    expect(value[0]).toMatchObject({ id: ids.alice, businessPhones: [], jobTitle: null });
  });

  it("beta shows every public property but still hides netId and alternativeSecurityIds", async () => {
    w.source.users[2].alternativeSecurityIds = [{ type: 5, identityProvider: null, key: "AAAA" }];
    const { value } = await list("/beta/users");
    expect(value[2]).toMatchObject({ userType: "Guest", creationType: "Invitation" });
    for (const user of value) {
      expect(user).not.toHaveProperty("netId");
      expect(user).not.toHaveProperty("alternativeSecurityIds");
    }
  });

  it("$select picks properties, alternativeSecurityIds included, never netId", async () => {
    w.source.users[2].alternativeSecurityIds = [{ type: 5, identityProvider: null, key: "AAAA" }];
    const { value } = await list("/users?$select=id,userType,alternativeSecurityIds,netId");
    expect(value).toEqual([
      { id: ids.alice, userType: "Member", alternativeSecurityIds: [] },
      { id: ids.bob, userType: "Member", alternativeSecurityIds: [] },
      {
        id: ids.guest,
        userType: "Guest",
        alternativeSecurityIds: [{ type: 5, identityProvider: null, key: "AAAA" }],
      },
    ]);
  });

  it("filters on userType, mail, userPrincipalName and displayName", async () => {
    const idsOf = async (filter: string) =>
      (await list(`/users?$filter=${encodeURIComponent(filter)}`)).value.map((u) => u.id);
    expect(await idsOf("userType eq 'Guest'")).toEqual([ids.guest]);
    expect(await idsOf("mail eq 'BOB@contoso.example'")).toEqual([ids.bob]);
    expect(await idsOf("userPrincipalName eq 'alice@contoso.example'")).toEqual([ids.alice]);
    expect(await idsOf("startswith(displayName,'g') and userType ne 'Member'")).toEqual([
      ids.guest,
    ]);
    const unsupported = await call("GET", "/users?$filter=department eq 'Sales'");
    expect(unsupported.status).toBe(400);
    expect(errorOf(unsupported).code).toBe("Request_UnsupportedQuery");
  });

  it("pages with $top and @odata.nextLink until the list ends", async () => {
    const first = await list("/users?$top=2&$select=id");
    expect(first.value.map((u) => u.id)).toEqual([ids.alice, ids.bob]);
    const next = new URL(first["@odata.nextLink"] as string);
    const second = await list(`${next.pathname.replace(/^\/v1\.0/, "")}${next.search}`);
    expect(second.value).toEqual([{ id: ids.guest }]);
    expect(second["@odata.nextLink"]).toBeUndefined();
    const bad = await call("GET", "/users?$top=1000");
    expect(bad.status).toBe(400);
    expect(errorOf(bad).message).toMatch(/Must be between 1 and 999/);
  });

  it("gets a user by id or userPrincipalName, and 404s an unknown or soft-deleted one", async () => {
    expect((await call("GET", `/users/${ids.bob}`)).body).toMatchObject({ id: ids.bob });
    expect((await call("GET", "/users/ALICE@contoso.example")).body).toMatchObject({
      id: ids.alice,
    });
    expect((await call("GET", `/users/${ids.targetUser}`)).status).toBe(404);
    w.source.users[1].deletedDateTime = "2026-01-01T00:00:00Z";
    expect((await call("GET", `/users/${ids.bob}`)).status).toBe(404);
    expect((await list("/users")).value).toHaveLength(2);
  });

  it("needs User.Read.All or Directory.Read.All to read", async () => {
    const result = await call("GET", "/users", undefined, ["Group.Read.All"]);
    expect(result.status).toBe(403);
    expect((await call("GET", "/users", undefined, ["Directory.Read.All"])).status).toBe(200);
  });

  it("PATCH changes a user as a portal user would", async () => {
    const result = await call(
      "PATCH",
      `/users/${ids.alice}`,
      { department: "Marketing", accountEnabled: false },
      ["User.ReadWrite.All"],
    );
    expect(result.status).toBe(204);
    expect(w.source.users[0]).toMatchObject({ department: "Marketing", accountEnabled: false });
  });

  it("PATCH refuses internal and read-only fields, bad values and a taken userPrincipalName", async () => {
    const path = `/users/${ids.alice}`;
    expect(errorOf(await call("PATCH", path, { netId: "x" })).message).toBe(
      "Invalid property 'netId'.",
    );
    expect(errorOf(await call("PATCH", path, { id: ids.bob })).message).toMatch(/id is read-only/);
    expect(errorOf(await call("PATCH", path, { userType: "Admin" })).message).toMatch(
      /userType must be/,
    );
    const taken = await call("PATCH", path, { userPrincipalName: "bob@contoso.example" });
    expect(taken.status).toBe(400);
    expect(errorOf(taken).message).toMatch(/userPrincipalName already exists/);
    expect(w.source.users[0].userPrincipalName).toBe("alice@contoso.example");
    expect((await call("PATCH", path, { department: "x" }, ["User.Read.All"])).status).toBe(403);
  });
});

describe("groups", () => {
  it("lists and gets groups without the internal memberIds", async () => {
    const { value } = await list("/groups", ["GroupMember.Read.All"]);
    expect(value.map((g) => g.displayName)).toEqual(["Engineering", "Sales"]);
    const sales = (await call("GET", `/groups/${ids.sales}`)).body as Json;
    expect(sales).toMatchObject({ id: ids.sales, securityEnabled: true });
    expect(sales).not.toHaveProperty("memberIds");
    const filtered = await list("/groups?$filter=displayName eq 'sales'");
    expect(filtered.value.map((g) => g.id)).toEqual([ids.sales]);
    expect((await call("GET", `/groups/${ids.alice}`)).status).toBe(404);
    expect((await call("GET", "/groups", undefined, ["User.Read.All"])).status).toBe(403);
  });

  it("lists direct members only, each with its @odata.type", async () => {
    const { value } = await list(`/groups/${ids.sales}/members`, ["Group.Read.All"]);
    expect(value.map((m) => [m["@odata.type"], m.id])).toEqual([
      ["#microsoft.graph.user", ids.alice],
      ["#microsoft.graph.group", ids.engineering],
    ]);
    expect(value.map((m) => m.id)).not.toContain(ids.bob);
    expect(value[1]).not.toHaveProperty("memberIds");
  });

  it("adds and removes members through $ref", async () => {
    const ref = { "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${ids.guest}` };
    const added = await call("POST", `/groups/${ids.sales}/members/$ref`, ref, [
      "GroupMember.ReadWrite.All",
    ]);
    expect(added.status).toBe(204);
    expect(w.source.groups[1].memberIds).toContain(ids.guest);
    const again = await call("POST", `/groups/${ids.sales}/members/$ref`, ref);
    expect(again.status).toBe(400);
    expect(errorOf(again).message).toMatch(/already exist .* 'members'/);
    const removed = await call("DELETE", `/groups/${ids.sales}/members/${ids.guest}/$ref`);
    expect(removed.status).toBe(204);
    expect(w.source.groups[1].memberIds).not.toContain(ids.guest);
    expect((await call("DELETE", `/groups/${ids.sales}/members/${ids.guest}/$ref`)).status).toBe(
      404,
    );
  });

  it("refuses unknown members, self-membership, a missing @odata.id and read-only callers", async () => {
    const refTo = (id: string) => ({
      "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${id}`,
    });
    expect(
      (await call("POST", `/groups/${ids.sales}/members/$ref`, refTo(ids.targetUser))).status,
    ).toBe(404);
    expect((await call("POST", `/groups/${ids.sales}/members/$ref`, refTo(ids.sales))).status).toBe(
      400,
    );
    expect((await call("POST", `/groups/${ids.sales}/members/$ref`, {})).status).toBe(400);
    const denied = await call("POST", `/groups/${ids.sales}/members/$ref`, refTo(ids.bob), [
      "GroupMember.Read.All",
    ]);
    expect(denied.status).toBe(403);
  });
});

describe("auditLogs/provisioning", () => {
  beforeEach(() => {
    const entry = (id: string, spId: string, jobId: string) => ({
      id,
      jobId,
      servicePrincipal: { id: spId, displayName: "Fabrikam" },
      provisioningAction: "create",
      provisioningStatusInfo: { status: "success", errorInformation: null },
    });
    w.source.provisioningLogs.push(
      entry("log-1", "sp-a", "Azure2Azure.a"),
      entry("log-2", "sp-b", "Azure2Azure.b"),
      entry("log-3", "sp-a", "Azure2Azure.a"),
    );
  });

  it("lists entries filtered by servicePrincipal/id and jobId, with $top", async () => {
    const idsOf = async (query: string) =>
      (await list(`/auditLogs/provisioning?${query}`, ["AuditLog.Read.All"])).value.map(
        (e) => e.id,
      );
    expect(await idsOf("")).toEqual(["log-1", "log-2", "log-3"]);
    expect(await idsOf("$filter=servicePrincipal/id eq 'sp-a'")).toEqual(["log-1", "log-3"]);
    expect(await idsOf("$filter=jobId eq 'Azure2Azure.b'")).toEqual(["log-2"]);
    expect(
      await idsOf("$filter=servicePrincipal/id eq 'sp-a' and jobId eq 'Azure2Azure.a'&$top=1"),
    ).toEqual(["log-1"]);
  });

  it("needs AuditLog.Read.All", async () => {
    const result = await call("GET", "/auditLogs/provisioning", undefined, ["Directory.Read.All"]);
    expect(result.status).toBe(403);
    expect(errorOf(result).code).toBe("Authorization_RequestDenied");
  });
});
