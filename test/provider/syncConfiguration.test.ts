import { DIFF_NONE, DIFF_SOME } from "../harness/engine";
import { createPartnerPair } from "../harness/pair";
import { UNKNOWN } from "../harness/providerHost";
import { withProviderStack } from "../harness/providerStack";

const stack = withProviderStack();
const CTS_TEMPLATE = "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7";

function inputs(overrides: Record<string, unknown> = {}) {
  return {
    sourceTenantId: stack.source,
    targetTenantId: stack.target,
    displayName: "Fabrikam",
    notificationEmail: "identity-ops@contoso.com",
    ...overrides,
  };
}

async function ctsApplications(): Promise<Array<Record<string, unknown>>> {
  const reply = await stack.emulator.graphFetch(
    "source",
    "GET",
    `/applications?$filter=${encodeURIComponent(`applicationTemplateId eq '${CTS_TEMPLATE}'`)}`,
  );
  return reply.body.value;
}

async function secretsOf(servicePrincipalId: string): Promise<Record<string, string>> {
  const reply = await stack.emulator.graphFetch(
    "source",
    "GET",
    `/servicePrincipals/${servicePrincipalId}/synchronization/secrets`,
  );
  return Object.fromEntries(
    (reply.body.value as Array<{ key: string; value: string }>).map((s) => [s.key, s.value]),
  );
}

describe("SyncConfiguration", () => {
  afterEach(() => stack.emulator.emulator.reset());

  it("refuses bad input at check with the property and the fix", async () => {
    const result = await stack.engine.check("SyncConfiguration", "bad", {
      sourceTenantId: stack.source,
      targetTenantId: stack.source,
      displayName: "",
      notificationEmail: "not-an-address",
      accidentalDeletionThreshold: 0,
      scope: "everyone",
    });
    const byProperty = Object.fromEntries(result.failures.map((f) => [f.property, f.reason]));
    expect(byProperty.displayName).toMatch(/must not be empty/);
    expect(byProperty.notificationEmail).toMatch(/e-mail address/);
    expect(byProperty.accidentalDeletionThreshold).toMatch(/accidentalDeletionPrevention: false/);
    expect(byProperty.scope).toMatch(/"assigned" or "all"/);
  });

  it("creates a configuration with its settings, reads it back and deletes it", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target);
    const created = await stack.engine.create("SyncConfiguration", "contoso-to-fabrikam", inputs());
    expect(created.outputs).toMatchObject({
      scope: "assigned",
      accidentalDeletionPrevention: true,
      accidentalDeletionThreshold: 500,
      servicePrincipalId: expect.any(String),
      appRoleId: expect.any(String),
    });
    expect(created.id).toBe(
      `tenants/${stack.source}/servicePrincipals/${created.outputs.servicePrincipalId}`,
    );
    const secrets = await secretsOf(created.outputs.servicePrincipalId as string);
    expect(secrets).toMatchObject({
      AuthenticationType: "SyncPolicy",
      CompanyId: stack.target,
      SyncAll: "false",
    });
    expect(JSON.parse(secrets.SyncNotificationSettings)).toMatchObject({
      Enabled: true,
      Recipients: "identity-ops@contoso.com",
      DeleteThresholdEnabled: true,
      DeleteThresholdValue: 500,
    });

    const refreshed = await stack.engine.refresh(created);
    expect((await stack.engine.diff(refreshed!, inputs())).changes).toBe(DIFF_NONE);

    const imported = await stack.engine.import(
      "SyncConfiguration",
      "imported",
      created.id,
      inputs(),
    );
    expect(imported.outputs).toMatchObject({
      appId: created.outputs.appId,
      applicationObjectId: created.outputs.applicationObjectId,
    });
    expect((await stack.engine.diff(imported, inputs())).changes).toBe(DIFF_NONE);

    const updated = await stack.engine.update(
      refreshed!,
      inputs({ accidentalDeletionThreshold: 50, displayName: "Fabrikam (prod)" }),
    );
    expect(
      JSON.parse(
        (await secretsOf(created.outputs.servicePrincipalId as string)).SyncNotificationSettings,
      ).DeleteThresholdValue,
    ).toBe(50);
    expect((await ctsApplications())[0].displayName).toBe("Fabrikam (prod)");

    await stack.engine.delete(updated);
    expect(await ctsApplications()).toEqual([]);
    await stack.engine.delete(updated);
  });

  it("shows scope and notification changes made in the portal as drift", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target);
    const created = await stack.engine.create("SyncConfiguration", "drift", inputs());
    const sp = created.outputs.servicePrincipalId as string;
    await stack.emulator.graphFetch(
      "source",
      "PUT",
      `/servicePrincipals/${sp}/synchronization/secrets`,
      {
        value: [{ key: "SyncAll", value: "true" }],
      },
    );
    const refreshed = await stack.engine.refresh(created);
    expect(refreshed!.outputs.scope).toBe("all");
    expect(await stack.engine.diff(refreshed!, inputs())).toMatchObject({
      changes: DIFF_SOME,
      replaces: [],
    });
    await stack.engine.update(refreshed!, inputs());
    expect((await secretsOf(sp)).SyncAll).toBe("false");
  });

  it("fails the test connection with the side and setting to fix, and leaves no orphan", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target, {
      target: { userSyncInbound: false },
    });
    const failure = stack.engine.create("SyncConfiguration", "no-inbound", inputs());
    await expect(failure).rejects.toThrow(/AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure/);
    await expect(failure).rejects.toThrow(
      /In the target tenant, the PartnerPolicy for the source needs userSyncInbound: true/,
    );
    expect(await ctsApplications()).toEqual([]);
  });

  it("adopts the application an interrupted create left instead of making a duplicate", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target);
    // What an interrupted create leaves: the template instantiated, nothing else.
    await stack.emulator.graphFetch(
      "source",
      "POST",
      `/applicationTemplates/${CTS_TEMPLATE}/instantiate`,
      { displayName: "Fabrikam" },
    );
    const created = await stack.engine.create("SyncConfiguration", "resumed", inputs());
    const apps = await ctsApplications();
    expect(apps).toHaveLength(1);
    expect(apps[0].id).toBe(created.outputs.applicationObjectId);
    expect((await secretsOf(created.outputs.servicePrincipalId as string)).CompanyId).toBe(
      stack.target,
    );
  });

  it("refuses to take over a configuration of the same name made for another target", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target);
    const other = "4a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    const made = await stack.emulator.graphFetch(
      "source",
      "POST",
      `/applicationTemplates/${CTS_TEMPLATE}/instantiate`,
      {
        displayName: "Fabrikam",
      },
    );
    const sp = made.body.servicePrincipal.id;
    await stack.emulator.graphFetch(
      "source",
      "PUT",
      `/servicePrincipals/${sp}/synchronization/secrets`,
      {
        value: [{ key: "CompanyId", value: other }],
      },
    );
    await expect(stack.engine.create("SyncConfiguration", "clash", inputs())).rejects.toThrow(
      `already has a configuration named 'Fabrikam' for target ${other}. Choose another displayName, or manage that one with { import: "tenants/${stack.source}/servicePrincipals/${sp}" }`,
    );
    expect(await ctsApplications()).toHaveLength(1);
  });

  it("keeps an adopted configuration when the create fails after adopting it", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target, {
      target: { userSyncInbound: false },
    });
    await stack.emulator.graphFetch(
      "source",
      "POST",
      `/applicationTemplates/${CTS_TEMPLATE}/instantiate`,
      { displayName: "Fabrikam" },
    );
    await expect(stack.engine.create("SyncConfiguration", "adopt", inputs())).rejects.toThrow(
      /SyncPolicyCheckFailure/,
    );
    expect(await ctsApplications()).toHaveLength(1);
  });

  it("treats a notification e-mail added in the portal as drift when the program sets none", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target);
    const quiet = inputs({ notificationEmail: undefined });
    const created = await stack.engine.create("SyncConfiguration", "quiet", quiet);
    const sp = created.outputs.servicePrincipalId as string;
    const settings = {
      Enabled: true,
      Recipients: "someone@contoso.com",
      DeleteThresholdEnabled: true,
      DeleteThresholdValue: 500,
      HumanResourcesLookaheadQueryEnabled: false,
    };
    await stack.emulator.graphFetch(
      "source",
      "PUT",
      `/servicePrincipals/${sp}/synchronization/secrets`,
      {
        value: [{ key: "SyncNotificationSettings", value: JSON.stringify(settings) }],
      },
    );
    const refreshed = await stack.engine.refresh(created);
    expect(refreshed!.outputs.notificationEmail).toBe("someone@contoso.com");
    expect((await stack.engine.diff(refreshed!, quiet)).changes).toBe(DIFF_SOME);
    await stack.engine.update(refreshed!, quiet);
    expect(JSON.parse((await secretsOf(sp)).SyncNotificationSettings)).toMatchObject({
      Enabled: false,
      Recipients: "",
    });
  });

  it("does not compare tenant ids that are not known yet during preview", async () => {
    const preview = await stack.engine.check(
      "SyncConfiguration",
      "preview",
      inputs({ sourceTenantId: UNKNOWN, targetTenantId: UNKNOWN }),
    );
    expect(preview.failures).toEqual([]);
  });

  it("stores tenant ids in lower case, so refresh does not turn case into a replacement", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target);
    const shouting = inputs({
      sourceTenantId: stack.source.toUpperCase(),
      targetTenantId: stack.target.toUpperCase(),
    });
    const created = await stack.engine.create("SyncConfiguration", "case", shouting);
    const refreshed = await stack.engine.refresh(created);
    expect(await stack.engine.diff(refreshed!, shouting)).toMatchObject({
      changes: DIFF_NONE,
      replaces: [],
    });
  });
});
