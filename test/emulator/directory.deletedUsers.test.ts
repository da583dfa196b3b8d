import type { DispatchResult } from "../../src/emulator/http/dispatch";
import { createTestWorld, ids, SOURCE_TENANT_ID, type TestWorld } from "./helpers/world";

type Json = Record<string, unknown>;
type List = { value: Json[] };

let w: TestWorld;
const call = (method: string, path: string, body?: unknown, roles?: string[]) =>
  w.call(SOURCE_TENANT_ID, method, path, body, roles);
const errorOf = (result: DispatchResult) => (result.body as { error: Json }).error;

/** Soft-deletes Bob the way a provisioning cycle does: the record stays, with its deletion time. */
function softDeleteBob(): void {
  w.source.users.find((u) => u.id === ids.bob)!.deletedDateTime = "2026-12-01T00:00:00Z";
}

beforeEach(() => {
  w = createTestWorld();
  softDeleteBob();
});

describe("soft-deleted users in /directory/deletedItems", () => {
  it("lists them with their deletion time, and not among active users", async () => {
    const deleted = (await call("GET", "/directory/deletedItems/microsoft.graph.user"))
      .body as List;
    expect(deleted.value.map((u) => u.id)).toEqual([ids.bob]);
    expect(deleted.value[0]).toMatchObject({
      "@odata.type": "#microsoft.graph.user",
      deletedDateTime: "2026-12-01T00:00:00Z",
    });
    const active = (await call("GET", "/users")).body as List;
    expect(active.value.map((u) => u.id)).not.toContain(ids.bob);
  });

  it("gets one by id with User.Read.All alone", async () => {
    const result = await call("GET", `/directory/deletedItems/${ids.bob}`, undefined, [
      "User.Read.All",
    ]);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id: ids.bob, "@odata.type": "#microsoft.graph.user" });
  });

  it("restores a user, who is then active again", async () => {
    const restored = await call("POST", `/directory/deletedItems/${ids.bob}/restore`);
    expect(restored.status).toBe(200);
    expect((await call("GET", `/users/${ids.bob}`)).status).toBe(200);
    const deleted = (await call("GET", "/directory/deletedItems/microsoft.graph.user"))
      .body as List;
    expect(deleted.value).toEqual([]);
  });

  it("refuses a restore whose userPrincipalName is taken meanwhile, naming the fix", async () => {
    const bob = w.source.users.find((u) => u.id === ids.bob)!;
    w.source.users.find((u) => u.id === ids.alice)!.userPrincipalName = bob.userPrincipalName;
    const result = await call("POST", `/directory/deletedItems/${ids.bob}/restore`);
    expect(result.status).toBe(400);
    expect(errorOf(result).message).toContain(`is in use by ${ids.alice}`);
  });

  it("deletes a user for good", async () => {
    expect((await call("DELETE", `/directory/deletedItems/${ids.bob}`)).status).toBe(204);
    expect((await call("GET", `/directory/deletedItems/${ids.bob}`)).status).toBe(404);
    expect(w.source.users.some((u) => u.id === ids.bob)).toBe(false);
  });

  it("needs User permissions for users and Application permissions for applications", async () => {
    const appOnly = ["Application.ReadWrite.All"];
    expect(
      (await call("GET", `/directory/deletedItems/${ids.bob}`, undefined, appOnly)).status,
    ).toBe(403);
    const userOnly = ["User.ReadWrite.All"];
    expect(
      (await call("POST", `/directory/deletedItems/${ids.bob}/restore`, undefined, userOnly))
        .status,
    ).toBe(200);
    expect(
      (
        await call(
          "GET",
          "/directory/deletedItems/microsoft.graph.application",
          undefined,
          userOnly,
        )
      ).status,
    ).toBe(403);
  });
});
