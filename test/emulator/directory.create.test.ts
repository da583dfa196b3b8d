import type { DispatchResult } from "../../src/emulator/http/dispatch";
import { createTestWorld, ids, SOURCE_TENANT_ID, type TestWorld } from "./helpers/world";

type Json = Record<string, unknown>;

let w: TestWorld;
const call = (method: string, path: string, body?: unknown, roles?: string[]) =>
  w.call(SOURCE_TENANT_ID, method, path, body, roles);
const errorOf = (result: DispatchResult) => (result.body as { error: Json }).error;

function newUser(name: string, extra: Json = {}): Json {
  return {
    accountEnabled: true,
    displayName: name,
    mailNickname: name.toLowerCase(),
    userPrincipalName: `${name.toLowerCase()}@${w.source.domain}`,
    passwordProfile: { forceChangePasswordNextSignIn: true, password: "Rehearsal-pass-1!" },
    ...extra,
  };
}

beforeEach(() => {
  w = createTestWorld();
});

describe("POST /users", () => {
  it("creates a member user that GET and the users list then return", async () => {
    const created = await call("POST", "/users", newUser("Dana", { jobTitle: "Engineer" }));
    expect(created.status).toBe(201);
    const user = created.body as Json;
    expect(user).toMatchObject({ displayName: "Dana", jobTitle: "Engineer" });
    const read = await call("GET", `/users/${user.id as string}?$select=id,userType`);
    expect(read.body).toMatchObject({ id: user.id, userType: "Member" });
    const record = w.source.users.find((u) => u.id === user.id)!;
    expect(record.netId).toMatch(/^[0-9A-F]{16}$/);
  });

  it("never keeps the password", async () => {
    await call("POST", "/users", newUser("Erin"));
    expect(JSON.stringify(w.source.users)).not.toContain("Rehearsal-pass-1!");
  });

  it("names every missing required property", async () => {
    const result = await call("POST", "/users", { displayName: "NoUpn" });
    expect(result.status).toBe(400);
    expect(errorOf(result).message).toContain(
      "accountEnabled, mailNickname, passwordProfile, userPrincipalName",
    );
  });

  it("refuses a userPrincipalName already in use and a domain the tenant does not have", async () => {
    const alice = w.source.users.find((u) => u.id === ids.alice)!;
    const taken = await call(
      "POST",
      "/users",
      newUser("Alice", { userPrincipalName: alice.userPrincipalName.toUpperCase() }),
    );
    expect(taken.status).toBe(400);
    expect(errorOf(taken).message).toContain("same value for property userPrincipalName");
    const foreign = await call(
      "POST",
      "/users",
      newUser("Zed", { userPrincipalName: "zed@unverified.example" }),
    );
    expect(foreign.status).toBe(400);
    expect(errorOf(foreign).message).toContain("verified domain");
  });

  it("refuses properties outside the documented set", async () => {
    const result = await call("POST", "/users", newUser("Fay", { netId: "X" }));
    expect(errorOf(result).message).toBe("Invalid property 'netId'.");
  });

  it("needs User.ReadWrite.All", async () => {
    const result = await call("POST", "/users", newUser("Gus"), ["User.Read.All"]);
    expect(result.status).toBe(403);
  });

  it("is hidden by replication lag until it replicates", async () => {
    w.lag.enabled = true;
    const user = (await call("POST", "/users", newUser("Hal"))).body as Json;
    expect((await call("GET", `/users/${user.id as string}`)).status).toBe(404);
    w.lag.replicate();
    expect((await call("GET", `/users/${user.id as string}`)).status).toBe(200);
  });
});

describe("POST /groups", () => {
  it("creates a security group with members bound at creation", async () => {
    const created = await call("POST", "/groups", {
      displayName: "Rehearsal pilot",
      mailEnabled: false,
      mailNickname: "rehearsal-pilot",
      securityEnabled: true,
      "members@odata.bind": [`https://graph.microsoft.com/v1.0/directoryObjects/${ids.alice}`],
    });
    expect(created.status).toBe(201);
    const group = created.body as Json;
    const members = await call("GET", `/groups/${group.id as string}/members`);
    expect((members.body as { value: Json[] }).value.map((m) => m.id)).toEqual([ids.alice]);
  });

  it("names the missing required properties and refuses unknown members", async () => {
    const missing = await call("POST", "/groups", { displayName: "x" });
    expect(errorOf(missing).message).toContain("mailEnabled, mailNickname, securityEnabled");
    const unknown = await call("POST", "/groups", {
      displayName: "x",
      mailEnabled: false,
      mailNickname: "x",
      securityEnabled: true,
      "members@odata.bind": [
        "https://graph.microsoft.com/v1.0/directoryObjects/00000000-0000-4000-8000-0000000000ff",
      ],
    });
    expect(unknown.status).toBe(404);
  });

  it("accepts Group.Create, the least privileged permission", async () => {
    const result = await call(
      "POST",
      "/groups",
      { displayName: "g", mailEnabled: false, mailNickname: "g", securityEnabled: true },
      ["Group.Create"],
    );
    expect(result.status).toBe(201);
  });
});
