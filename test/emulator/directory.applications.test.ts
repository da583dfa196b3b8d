import type { DispatchResult } from "../../src/emulator/http/dispatch";
import {
  createTestWorld,
  CTS_TEMPLATE_ID,
  ids,
  SOURCE_TENANT_ID,
  type TestWorld,
} from "./helpers/world";

type Json = Record<string, unknown>;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const INSTANTIATE = `/applicationTemplates/${CTS_TEMPLATE_ID}/instantiate`;

function errorOf(result: DispatchResult): Json {
  return (result.body as { error: Json }).error;
}

let w: TestWorld;
const call = (method: string, path: string, body?: unknown, roles?: string[]) =>
  w.call(SOURCE_TENANT_ID, method, path, body, roles);

async function instantiate(displayName = "Fabrikam", roles?: string[]) {
  const result = await call("POST", INSTANTIATE, { displayName }, roles);
  expect(result.status).toBe(201);
  return result.body as {
    application: Json & { id: string; appId: string };
    servicePrincipal: Json & { id: string; appId: string; appRoles: Json[] };
  };
}

beforeEach(() => {
  w = createTestWorld();
});

describe("instantiate the CTS template", () => {
  it("creates an application and a service principal shaped like the walkthrough's", async () => {
    const result = await call("POST", INSTANTIATE, {
      displayName: "Fabrikam",
      serviceManagementReference: "CHG-1",
    });
    expect(result.status).toBe(201);
    const body = result.body as Json & { application: Json; servicePrincipal: Json };
    expect(body["@odata.context"]).toBe(
      "https://127.0.0.1:8443/v1.0/$metadata#microsoft.graph.applicationServicePrincipal",
    );
    const { application: app, servicePrincipal: sp } = body;
    expect(app).toMatchObject({
      applicationTemplateId: CTS_TEMPLATE_ID,
      displayName: "Fabrikam",
      signInAudience: "AzureADMyOrg",
      serviceManagementReference: "CHG-1",
      identifierUris: [],
      tags: [],
      web: expect.objectContaining({
        homePageUrl: expect.stringContaining("metadata=aad2aadsync|ISV9.1|primary|z"),
      }),
    });
    expect(sp).toMatchObject({
      appId: app.appId,
      accountEnabled: true,
      applicationTemplateId: CTS_TEMPLATE_ID,
      appDisplayName: "Fabrikam",
      displayName: "Fabrikam",
      appOwnerOrganizationId: SOURCE_TENANT_ID,
      appRoleAssignmentRequired: true,
      servicePrincipalNames: [app.appId],
      servicePrincipalType: "Application",
      tags: ["WindowsAzureActiveDirectoryIntegratedApp"],
      homepage: (app.web as Json).homePageUrl,
    });
    for (const id of [app.id, app.appId, sp.id]) expect(id).toMatch(GUID);
    expect(new Set([app.id, app.appId, sp.id]).size).toBe(3);
    const [role] = app.appRoles as Json[];
    expect(role).toMatchObject({
      displayName: "msiam_access",
      allowedMemberTypes: ["User"],
      value: null,
      isEnabled: true,
      origin: "Application",
    });
    expect(role.id).toMatch(GUID);
    expect(sp.appRoles).toEqual([role]);
    const [scope] = (app.api as { oauth2PermissionScopes: Json[] }).oauth2PermissionScopes;
    expect(scope).toMatchObject({ value: "user_impersonation", type: "User" });
    expect(sp.oauth2PermissionScopes).toEqual([scope]);
    // Internal bookkeeping stays inside the emulator.
    expect(app).not.toHaveProperty("ownerIds");
    expect(sp).not.toHaveProperty("ownerIds");
  });

  it("mints fresh ids, including the msiam_access role id, on every call", async () => {
    const first = await instantiate("One");
    const second = await instantiate("Two");
    expect(second.application.appId).not.toBe(first.application.appId);
    expect(second.servicePrincipal.appRoles[0].id).not.toBe(first.servicePrincipal.appRoles[0].id);
  });

  it("stores both objects, an empty synchronization subtree and the caller as owner", async () => {
    const { application, servicePrincipal } = await instantiate();
    expect(w.source.applications.map((a) => a.id)).toEqual([application.id]);
    expect(w.source.servicePrincipals.map((s) => s.id)).toEqual([servicePrincipal.id]);
    expect(w.source.synchronization[servicePrincipal.id]).toEqual({ secrets: {}, jobs: [] });
    expect(w.source.servicePrincipals[0].ownerIds).toEqual([ids.caller]);
  });

  it("404s an unknown template and validates the parameters", async () => {
    const unknown = await call(
      "POST",
      "/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate",
      {
        displayName: "x",
      },
    );
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).code).toBe("Request_ResourceNotFound");
    const noName = await call("POST", INSTANTIATE, {});
    expect(noName.status).toBe(400);
    expect(errorOf(noName).message).toMatch(/displayName is required/);
    const extra = await call("POST", INSTANTIATE, { displayName: "x", appRoles: [] });
    expect(errorOf(extra).message).toBe("Invalid property 'appRoles'.");
  });

  it("accepts Application.ReadWrite.OwnedBy and refuses read-only permissions", async () => {
    await instantiate("Owned", ["Application.ReadWrite.OwnedBy"]);
    const denied = await call("POST", INSTANTIATE, { displayName: "x" }, ["Application.Read.All"]);
    expect(denied.status).toBe(403);
    expect(errorOf(denied).code).toBe("Authorization_RequestDenied");
    expect(w.source.applications).toHaveLength(1);
  });

  it("GET /applicationTemplates/{id} needs no permission beyond a token", async () => {
    const result = await call("GET", `/applicationTemplates/${CTS_TEMPLATE_ID}`, undefined, []);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ id: CTS_TEMPLATE_ID });
  });

  it("hides the new objects while the replication-lag knob holds them back", async () => {
    w.lag.enabled = true;
    const { application, servicePrincipal } = await instantiate();
    expect((await call("GET", `/servicePrincipals/${servicePrincipal.id}`)).status).toBe(404);
    expect((await call("GET", `/applications/${application.id}`)).status).toBe(404);
    expect(((await call("GET", "/servicePrincipals")).body as { value: unknown[] }).value).toEqual(
      [],
    );
    w.lag.replicate();
    expect((await call("GET", `/servicePrincipals/${servicePrincipal.id}`)).status).toBe(200);
  });
});

describe("applications and service principals", () => {
  it("gets by object id and by appId key", async () => {
    const { application, servicePrincipal } = await instantiate();
    for (const path of [
      `/applications/${application.id}`,
      `/applications(appId='${application.appId}')`,
    ]) {
      const result = await call("GET", path, undefined, ["Application.Read.All"]);
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ id: application.id });
    }
    for (const path of [
      `/servicePrincipals/${servicePrincipal.id}`,
      `/servicePrincipals(appId='${application.appId}')`,
    ]) {
      const result = await call("GET", path, undefined, ["Directory.Read.All"]);
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ id: servicePrincipal.id });
    }
    expect((await call("GET", `/servicePrincipals(appId='${ids.alice}')`)).status).toBe(404);
    expect(
      (await call("GET", `/applications/${application.id}`, undefined, ["User.Read.All"])).status,
    ).toBe(403);
  });

  it("filters lists by displayName, applicationTemplateId and appId", async () => {
    const fabrikam = await instantiate("Fabrikam");
    await instantiate("Northwind");
    const names = async (path: string) =>
      ((await call("GET", path)).body as { value: Json[] }).value.map((v) => v.displayName);
    expect(await names("/servicePrincipals?$filter=displayName eq 'Fabrikam'")).toEqual([
      "Fabrikam",
    ]);
    expect(
      await names(`/servicePrincipals?$filter=applicationTemplateId eq '${CTS_TEMPLATE_ID}'`),
    ).toEqual(["Fabrikam", "Northwind"]);
    expect(await names(`/applications?$filter=appId eq '${fabrikam.application.appId}'`)).toEqual([
      "Fabrikam",
    ]);
    expect(
      await names(
        `/applications?$filter=applicationTemplateId eq '${CTS_TEMPLATE_ID}' and displayName ne 'Fabrikam'`,
      ),
    ).toEqual(["Northwind"]);
    expect(
      await names("/applications?$select=displayName&$filter=startswith(displayName,'north')"),
    ).toEqual(["Northwind"]);
    const unsupported = await call("GET", "/applications?$filter=notes eq 'x'");
    expect(unsupported.status).toBe(400);
    expect(errorOf(unsupported).message).toBe(
      "Unsupported or invalid query filter clause specified for property 'notes' of resource 'Application'.",
    );
  });
});

describe("renaming a configuration", () => {
  it("PATCH renames the application (and the SP's appDisplayName) and the SP, with 204", async () => {
    const { application, servicePrincipal } = await instantiate("Old");
    expect(
      (await call("PATCH", `/applications/${application.id}`, { displayName: "New" })).status,
    ).toBe(204);
    expect(w.source.applications[0].displayName).toBe("New");
    expect(w.source.servicePrincipals[0]).toMatchObject({
      appDisplayName: "New",
      displayName: "Old",
    });
    expect(
      (await call("PATCH", `/servicePrincipals/${servicePrincipal.id}`, { displayName: "New" }))
        .status,
    ).toBe(204);
    expect(w.source.servicePrincipals[0].displayName).toBe("New");
  });

  it("PATCH refuses keys, unknown names and internal fields, and needs a write permission", async () => {
    const { application, servicePrincipal } = await instantiate();
    const appPath = `/applications/${application.id}`;
    expect(errorOf(await call("PATCH", appPath, { appId: "x" })).message).toMatch(
      /appId is read-only/,
    );
    expect(errorOf(await call("PATCH", appPath, { displayname: "x" })).message).toBe(
      "Invalid property 'displayname'.",
    );
    expect(errorOf(await call("PATCH", appPath, { ownerIds: [] })).message).toBe(
      "Invalid property 'ownerIds'.",
    );
    expect(
      (await call("PATCH", appPath, { displayName: "x" }, ["Application.Read.All"])).status,
    ).toBe(403);
    const spPath = `/servicePrincipals/${servicePrincipal.id}`;
    expect((await call("PATCH", spPath, { displayName: "" })).status).toBe(400);
    expect(w.source.applications[0].displayName).toBe("Fabrikam");
  });
});

describe("deleting a configuration", () => {
  async function configuredPair() {
    const pair = await instantiate();
    const spId = pair.servicePrincipal.id;
    w.source.synchronization[spId].jobs.push({
      id: "Azure2Azure.job",
      templateId: "Azure2Azure",
      schedule: {},
      status: {},
      synchronizationJobSettings: [],
      schema: {},
    });
    const assigned = await call("POST", `/servicePrincipals/${spId}/appRoleAssignedTo`, {
      principalId: ids.alice,
      resourceId: spId,
      appRoleId: pair.servicePrincipal.appRoles[0].id,
    });
    expect(assigned.status).toBe(201);
    return pair;
  }

  it("DELETE /applications cascades to the SP, its synchronization subtree and assignments", async () => {
    const { application, servicePrincipal } = await configuredPair();
    w.clock.now = Date.parse("2026-03-01T12:00:00Z");
    expect((await call("DELETE", `/applications/${application.id}`)).status).toBe(204);
    expect(w.source.applications).toEqual([]);
    expect(w.source.servicePrincipals).toEqual([]);
    expect(w.source.synchronization[servicePrincipal.id]).toBeUndefined();
    expect(w.source.appRoleAssignments).toEqual([]);
    expect(w.source.deletedItems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          "@odata.type": "#microsoft.graph.application",
          id: application.id,
          deletedDateTime: "2026-03-01T12:00:00.000Z",
        }),
        expect.objectContaining({
          "@odata.type": "#microsoft.graph.servicePrincipal",
          id: servicePrincipal.id,
          deletedDateTime: "2026-03-01T12:00:00.000Z",
        }),
      ]),
    );
    expect((await call("GET", `/servicePrincipals/${servicePrincipal.id}`)).status).toBe(404);
    expect((await call("DELETE", `/applications/${application.id}`)).status).toBe(404);
  });

  it("DELETE /applications(appId='x') works too", async () => {
    const { application } = await instantiate();
    expect((await call("DELETE", `/applications(appId='${application.appId}')`)).status).toBe(204);
    expect(w.source.applications).toEqual([]);
  });

  it("DELETE /servicePrincipals removes the SP, its subtree and assignments but keeps the app", async () => {
    const { application, servicePrincipal } = await configuredPair();
    expect((await call("DELETE", `/servicePrincipals/${servicePrincipal.id}`)).status).toBe(204);
    expect(w.source.applications.map((a) => a.id)).toEqual([application.id]);
    expect(w.source.servicePrincipals).toEqual([]);
    expect(w.source.synchronization[servicePrincipal.id]).toBeUndefined();
    expect(w.source.appRoleAssignments).toEqual([]);
  });

  it("needs a write permission, and with OwnedBy only the owner may delete", async () => {
    const { application } = await instantiate();
    expect(
      (await call("DELETE", `/applications/${application.id}`, undefined, ["Application.Read.All"]))
        .status,
    ).toBe(403);
    w.source.applications[0].ownerIds = ["some-other-app"];
    w.source.servicePrincipals[0].ownerIds = ["some-other-app"];
    const notOwner = await call("DELETE", `/applications/${application.id}`, undefined, [
      "Application.ReadWrite.OwnedBy",
    ]);
    expect(notOwner.status).toBe(403);
    w.source.applications[0].ownerIds = [ids.caller];
    const owner = await call("DELETE", `/applications/${application.id}`, undefined, [
      "Application.ReadWrite.OwnedBy",
    ]);
    expect(owner.status).toBe(204);
  });
});

describe("directory/deletedItems", () => {
  it("lists deleted applications, gets one, and purges it", async () => {
    const { application } = await instantiate();
    await call("DELETE", `/applications/${application.id}`);
    const list = await call("GET", "/directory/deletedItems/microsoft.graph.application");
    expect(list.status).toBe(200);
    expect((list.body as { value: Json[] }).value).toEqual([
      expect.objectContaining({
        id: application.id,
        "@odata.type": "#microsoft.graph.application",
      }),
    ]);
    const one = await call("GET", `/directory/deletedItems/${application.id}`);
    expect(one.body).toMatchObject({ id: application.id, deletedDateTime: expect.any(String) });
    expect((await call("DELETE", `/directory/deletedItems/${application.id}`)).status).toBe(204);
    expect((await call("GET", `/directory/deletedItems/${application.id}`)).status).toBe(404);
  });

  it("restoring an application does not restore its service principal", async () => {
    const { application, servicePrincipal } = await instantiate();
    await call("DELETE", `/applications/${application.id}`);
    const restored = await call("POST", `/directory/deletedItems/${application.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      "@odata.type": "#microsoft.graph.application",
      id: application.id,
      deletedDateTime: null,
    });
    expect((await call("GET", `/applications/${application.id}`)).status).toBe(200);
    expect((await call("GET", `/servicePrincipals/${servicePrincipal.id}`)).status).toBe(404);
    expect(
      (await call("POST", `/directory/deletedItems/${servicePrincipal.id}/restore`)).status,
    ).toBe(200);
    expect((await call("GET", `/servicePrincipals(appId='${application.appId}')`)).status).toBe(
      200,
    );
  });

  it("refuses to restore a service principal while its application is deleted", async () => {
    const { application, servicePrincipal } = await instantiate();
    await call("DELETE", `/applications/${application.id}`);
    const result = await call("POST", `/directory/deletedItems/${servicePrincipal.id}/restore`);
    expect(result.status).toBe(400);
    expect(errorOf(result).message).toMatch(/Restore the application first/);
  });

  it("needs application permissions", async () => {
    const { application } = await instantiate();
    await call("DELETE", `/applications/${application.id}`);
    const read = await call(
      "GET",
      "/directory/deletedItems/microsoft.graph.application",
      undefined,
      ["User.Read.All"],
    );
    expect(read.status).toBe(403);
    const restore = await call(
      "POST",
      `/directory/deletedItems/${application.id}/restore`,
      undefined,
      ["Application.Read.All"],
    );
    expect(restore.status).toBe(403);
  });
});
