import { DIFF_NONE, DIFF_SOME } from "../harness/engine";
import { UNKNOWN } from "../harness/providerHost";
import { withProviderStack } from "../harness/providerStack";

const stack = withProviderStack();
const partnersPath = "/policies/crossTenantAccessPolicy/partners";

describe("PartnerPolicy", () => {
  afterEach(() => stack.emulator.emulator.reset());

  it("refuses bad input at check, naming the property and the fix, without calling Graph", async () => {
    const before = stack.emulator.emulator.requestLog.list().length;
    const result = await stack.engine.check("PartnerPolicy", "bad", {
      tenantId: "fabrikam.onmicrosoft.com",
      partnerTenantId: stack.source,
      userSyncInbound: "yes",
    });
    expect(result.failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          property: "tenantId",
          reason: expect.stringMatching(/tenantId: must be a GUID.*not a domain name/),
        }),
        expect.objectContaining({
          property: "userSyncInbound",
          reason: expect.stringMatching(/true or false/),
        }),
      ]),
    );
    expect(stack.emulator.emulator.requestLog.list().length).toBe(before);
  });

  it("accepts unknown values during preview", async () => {
    const result = await stack.engine.check("PartnerPolicy", "preview", {
      tenantId: stack.target,
      partnerTenantId: UNKNOWN,
      automaticUserConsentInbound: UNKNOWN,
    });
    expect(result.failures).toEqual([]);
  });

  it("creates, reads, diffs, updates and deletes a target-side partner", async () => {
    const inputs = {
      tenantId: stack.target,
      partnerTenantId: stack.source,
      automaticUserConsentInbound: true,
      userSyncInbound: true,
    };
    const created = await stack.engine.create("PartnerPolicy", "fabrikam-trusts-contoso", inputs);
    expect(created.id).toBe(`tenants/${stack.target}/partners/${stack.source}`);

    const live = await stack.emulator.graphFetch(
      "target",
      "GET",
      `${partnersPath}/${stack.source}?$expand=identitySynchronization`,
    );
    expect(live.body.automaticUserConsentSettings.inboundAllowed).toBe(true);
    expect(live.body.identitySynchronization.userSyncInbound.isSyncAllowed).toBe(true);

    const refreshed = await stack.engine.refresh(created);
    expect(refreshed!.outputs).toMatchObject(inputs);
    expect((await stack.engine.diff(refreshed!, inputs)).changes).toBe(DIFF_NONE);

    const changed = { ...inputs, inboundTrust: { isMfaAccepted: true } };
    const diff = await stack.engine.diff(refreshed!, changed);
    expect(diff).toMatchObject({ changes: DIFF_SOME, replaces: [] });
    const updated = await stack.engine.update(refreshed!, changed);
    const afterUpdate = await stack.emulator.graphFetch(
      "target",
      "GET",
      `${partnersPath}/${stack.source}`,
    );
    expect(afterUpdate.body.inboundTrust.isMfaAccepted).toBe(true);
    expect(afterUpdate.body.automaticUserConsentSettings.inboundAllowed).toBe(true);

    expect(
      (
        await stack.engine.diff(updated, {
          ...changed,
          partnerTenantId: "7f3e0c3e-0d8e-4a35-9d5b-0e4c1f6a2b11",
        })
      ).replaces,
    ).toEqual(["partnerTenantId"]);

    await stack.engine.delete(updated);
    const gone = await stack.emulator.graphFetch(
      "target",
      "GET",
      `${partnersPath}/${stack.source}`,
    );
    expect(gone.status).toBe(404);
    await stack.engine.delete(updated); // already gone: still fine
  });

  it("reports drift made in the portal and puts it back", async () => {
    const inputs = {
      tenantId: stack.source,
      partnerTenantId: stack.target,
      automaticUserConsentOutbound: true,
    };
    const created = await stack.engine.create("PartnerPolicy", "contoso-to-fabrikam", inputs);
    await stack.emulator.graphFetch("source", "PATCH", `${partnersPath}/${stack.target}`, {
      automaticUserConsentSettings: { inboundAllowed: null, outboundAllowed: false },
    });
    const refreshed = await stack.engine.refresh(created);
    expect(refreshed!.outputs.automaticUserConsentOutbound).toBe(false);
    const diff = await stack.engine.diff(refreshed!, inputs);
    expect(diff.changes).toBe(DIFF_SOME);
    await stack.engine.update(refreshed!, inputs);
    const live = await stack.emulator.graphFetch(
      "source",
      "GET",
      `${partnersPath}/${stack.target}`,
    );
    expect(live.body.automaticUserConsentSettings.outboundAllowed).toBe(true);
    await stack.engine.delete(refreshed!);
  });

  it("refuses to take over an existing partner unless imported or adopted", async () => {
    await stack.emulator.graphFetch("source", "POST", partnersPath, { tenantId: stack.target });
    const inputs = {
      tenantId: stack.source,
      partnerTenantId: stack.target,
      automaticUserConsentOutbound: true,
    };
    await expect(stack.engine.create("PartnerPolicy", "dup", inputs)).rejects.toThrow(
      `already has a partner configuration for ${stack.target}. Adopt it with the resource option { import: "tenants/${stack.source}/partners/${stack.target}" }`,
    );
    const imported = await stack.engine.import(
      "PartnerPolicy",
      "dup",
      `tenants/${stack.source}/partners/${stack.target}`,
      inputs,
    );
    expect(imported.outputs.automaticUserConsentOutbound).toBe(false);
    expect((await stack.engine.diff(imported, inputs)).changes).toBe(DIFF_SOME);
    const adopted = await stack.engine.create("PartnerPolicy", "dup2", {
      ...inputs,
      adoptExisting: true,
    });
    const reimported = await stack.engine.import("PartnerPolicy", "dup3", adopted.id, inputs);
    expect((await stack.engine.diff(reimported, inputs)).changes).toBe(DIFF_NONE);
    await stack.engine.delete(adopted);
  });

  it("deletes identitySynchronization before the partner", async () => {
    const created = await stack.engine.create("PartnerPolicy", "with-sync", {
      tenantId: stack.target,
      partnerTenantId: stack.source,
      userSyncInbound: true,
    });
    stack.emulator.emulator.requestLog.clear();
    await stack.engine.delete(created);
    const deletes = stack.emulator.emulator.requestLog
      .list()
      .filter((entry) => entry.method === "DELETE")
      .map((entry) => entry.path);
    expect(deletes).toEqual([
      `/v1.0${partnersPath}/${stack.source}/identitySynchronization`,
      `/v1.0${partnersPath}/${stack.source}`,
    ]);
  });

  it("removes a sync policy someone added outside the program before deleting the partner", async () => {
    const created = await stack.engine.create("PartnerPolicy", "no-sync", {
      tenantId: stack.target,
      partnerTenantId: stack.source,
      automaticUserConsentInbound: true,
    });
    await stack.emulator.graphFetch(
      "target",
      "PUT",
      `${partnersPath}/${stack.source}/identitySynchronization`,
      {
        userSyncInbound: { isSyncAllowed: true },
      },
    );
    await stack.engine.delete(created);
    expect(
      (await stack.emulator.graphFetch("target", "GET", `${partnersPath}/${stack.source}`)).status,
    ).toBe(404);
  });
});
