import { FABRIKAM_CALLERS } from "../../src/emulator/fixtures/fixtureIds";
import { Engine } from "../harness/engine";
import { createPartnerPair } from "../harness/pair";
import { ProviderHost } from "../harness/providerHost";
import { withProviderStack } from "../harness/providerStack";

const stack = withProviderStack();
const CTS_TEMPLATE = "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7";

const configInputs = () => ({
  sourceTenantId: stack.source,
  targetTenantId: stack.target,
  displayName: "Fabrikam",
});

async function ctsApplications(): Promise<unknown[]> {
  const filter = encodeURIComponent(`applicationTemplateId eq '${CTS_TEMPLATE}'`);
  return (await stack.emulator.graphFetch("source", "GET", `/applications?$filter=${filter}`)).body
    .value;
}

function statuses(): number[] {
  return stack.emulator.emulator.requestLog
    .list()
    .filter((e) => e.kind === "graph")
    .map((e) => e.status);
}

describe("fault tolerance", () => {
  beforeEach(() => stack.emulator.emulator.reset());

  it("rides out a 429 storm, waiting what Retry-After says", async () => {
    stack.emulator.emulator.knobs.throttleNext(6, { tenant: stack.target }, 0);
    await createPartnerPair(stack.engine, stack.source, stack.target);
    expect(statuses().filter((s) => s === 429)).toHaveLength(6);

    stack.emulator.emulator.reset();
    stack.emulator.emulator.knobs.throttleNext(1, { method: "POST" }, 1);
    const started = Date.now();
    await createPartnerPair(stack.engine, stack.source, stack.target);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("retries transient 5xx answers", async () => {
    stack.emulator.emulator.knobs.patch({
      faults: [
        { status: 503, count: 2 },
        { status: 500, count: 2, match: { method: "GET", path: "/applications$" } },
        { status: 502, count: 1, match: { path: "/synchronization/secrets$" } },
      ],
    });
    await createPartnerPair(stack.engine, stack.source, stack.target);
    const created = await stack.engine.create("SyncConfiguration", "config", configInputs());
    expect(created.outputs.servicePrincipalId).toEqual(expect.any(String));
    expect(statuses().filter((s) => s >= 500)).toHaveLength(5);
    expect(await ctsApplications()).toHaveLength(1);
  });

  it("does not repeat a create whose outcome is unknown, so it cannot make a duplicate", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target);
    stack.emulator.emulator.knobs.patch({
      faults: [{ status: 504, count: 1, match: { path: "instantiate$" } }],
    });
    await expect(
      stack.engine.create("SyncConfiguration", "config", configInputs()),
    ).rejects.toThrow(/Failed to instantiate the cross-tenant synchronization template.*504/);
    const instantiations = stack.emulator.emulator.requestLog
      .list()
      .filter((e) => e.path.endsWith("/instantiate"));
    expect(instantiations).toHaveLength(1);
    // The next run starts from what is there (nothing, as the fault answered before Graph acted).
    await stack.engine.create("SyncConfiguration", "config", configInputs());
    expect(await ctsApplications()).toHaveLength(1);
  });

  it("waits out replication lag after each create", async () => {
    stack.emulator.emulator.knobs.patch({ replicationLag: { reads: 3 } });
    await createPartnerPair(stack.engine, stack.source, stack.target);
    const config = await stack.engine.create("SyncConfiguration", "config", configInputs());
    const job = await stack.engine.create("SyncJob", "job", {
      tenantId: stack.source,
      servicePrincipalId: config.outputs.servicePrincipalId,
    });
    expect(job.outputs.scheduleState).toBe("Active");
    expect(statuses().filter((s) => s === 404).length).toBeGreaterThanOrEqual(6);
  });

  it("leaves no orphan when a create fails half way, and the next run converges", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target);
    // 507 is not transient: the create fails right after the template was instantiated.
    stack.emulator.emulator.knobs.patch({
      faults: [{ status: 507, count: 1, match: { path: "/synchronization/secrets$" } }],
    });
    await expect(
      stack.engine.create("SyncConfiguration", "config", configInputs()),
    ).rejects.toThrow(/507/);
    expect(await ctsApplications()).toEqual([]);
    const config = await stack.engine.create("SyncConfiguration", "config", configInputs());
    expect(await ctsApplications()).toHaveLength(1);

    const sp = config.outputs.servicePrincipalId as string;
    stack.emulator.emulator.knobs.patch({
      faults: [{ status: 507, count: 1, match: { path: "/start$" } }],
    });
    await expect(
      stack.engine.create("SyncJob", "job", { tenantId: stack.source, servicePrincipalId: sp }),
    ).rejects.toThrow(/start synchronization job/);
    expect(
      (
        await stack.emulator.graphFetch(
          "source",
          "GET",
          `/servicePrincipals/${sp}/synchronization/jobs`,
        )
      ).body.value,
    ).toEqual([]);
    await stack.engine.create("SyncJob", "job", { tenantId: stack.source, servicePrincipalId: sp });
    expect(
      (
        await stack.emulator.graphFetch(
          "source",
          "GET",
          `/servicePrincipals/${sp}/synchronization/jobs`,
        )
      ).body.value,
    ).toHaveLength(1);
  });

  it("rolls back a half-made configuration through replication lag, and the next run makes one", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target);
    // The application's DELETE answers 404 three times while it replicates: not "already gone".
    stack.emulator.emulator.knobs.patch({
      replicationLag: { reads: 3 },
      faults: [{ status: 507, count: 1, match: { path: "/synchronization/secrets$" } }],
    });
    await expect(
      stack.engine.create("SyncConfiguration", "config", configInputs()),
    ).rejects.toThrow(/507/);
    const appDeletes = stack.emulator.emulator.requestLog
      .list()
      .filter((e) => e.method === "DELETE" && /\/applications\//.test(e.path))
      .map((e) => e.status);
    expect(appDeletes).toEqual([404, 404, 404, 204]);
    expect(stack.emulator.emulator.world.tenants.flatMap((t) => t.applications)).not.toContainEqual(
      expect.objectContaining({ displayName: "Fabrikam" }),
    );
    await stack.engine.create("SyncConfiguration", "config", configInputs());
    // Counted in the world: the new application still lags, so a Graph list would hide it.
    expect(
      stack.emulator.emulator.world.tenants
        .flatMap((t) => t.applications)
        .filter((a) => a.displayName === "Fabrikam"),
    ).toHaveLength(1);
  });

  it("adopts a half-made configuration that the directory does not list yet, instead of making a second", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target);
    // What an interrupted create leaves: an instantiated template, not yet listed by replicas.
    stack.emulator.emulator.knobs.patch({ replicationLag: { reads: 2 } });
    const made = await stack.emulator.graphFetch(
      "source",
      "POST",
      `/applicationTemplates/${CTS_TEMPLATE}/instantiate`,
      { displayName: "Fabrikam" },
    );
    const config = await stack.engine.create("SyncConfiguration", "config", configInputs());
    expect(config.outputs.applicationObjectId).toBe(made.body.application.id);
    expect(
      stack.emulator.emulator.world.tenants
        .flatMap((t) => t.applications)
        .filter((a) => a.displayName === "Fabrikam"),
    ).toHaveLength(1);
  });

  it("starts an adopted job through replication lag", async () => {
    await createPartnerPair(stack.engine, stack.source, stack.target);
    const sp = (await stack.engine.create("SyncConfiguration", "config", configInputs())).outputs
      .servicePrincipalId as string;
    // An earlier create made the job and died before starting it; the job still lags.
    stack.emulator.emulator.knobs.patch({ replicationLag: { reads: 2 } });
    await stack.emulator.graphFetch(
      "source",
      "POST",
      `/servicePrincipals/${sp}/synchronization/jobs`,
      {
        templateId: "Azure2Azure",
      },
    );
    const job = await stack.engine.create("SyncJob", "job", {
      tenantId: stack.source,
      servicePrincipalId: sp,
    });
    expect(job.outputs.scheduleState).toBe("Active");
  });

  it("lets a 404 settle before a destroy takes it as gone, so nothing made moments ago is left", async () => {
    stack.emulator.emulator.knobs.patch({ replicationLag: { reads: 3 } });
    const { sourceSide, targetSide } = await createPartnerPair(
      stack.engine,
      stack.source,
      stack.target,
    );
    const config = await stack.engine.create("SyncConfiguration", "config", configInputs());
    await stack.engine.delete(config);
    await stack.engine.delete(sourceSide);
    await stack.engine.delete(targetSide);
    const left = stack.emulator.emulator.world.tenants;
    expect(left.flatMap((t) => t.applications)).not.toContainEqual(
      expect.objectContaining({ displayName: "Fabrikam" }),
    );
    expect(left.map((t) => t.crossTenantAccessPolicy.partners.map((p) => p.tenantId))).toEqual([
      [],
      [],
    ]);
  });

  it("removes a partner it created when its sync policy cannot be written, so the next run converges", async () => {
    stack.emulator.emulator.knobs.patch({
      faults: [{ status: 507, count: 1, match: { path: "/identitySynchronization$" } }],
    });
    const inputs = { tenantId: stack.target, partnerTenantId: stack.source, userSyncInbound: true };
    await expect(stack.engine.create("PartnerPolicy", "p", inputs)).rejects.toThrow(
      /identitySynchronization/,
    );
    expect(
      (
        await stack.emulator.graphFetch(
          "target",
          "GET",
          `/policies/crossTenantAccessPolicy/partners/${stack.source}`,
        )
      ).status,
    ).toBe(404);
    await stack.engine.create("PartnerPolicy", "p", inputs);
  });

  it("names the missing permission, the tenant, Graph's code and the request-id", async () => {
    const config = {
      ...stack.config,
      "entra-cts:tenants": JSON.stringify({
        [stack.target]: {
          clientId: FABRIKAM_CALLERS.auditor.appId,
          clientSecret: FABRIKAM_CALLERS.auditor.clientSecret,
        },
      }),
    };
    const host = await ProviderHost.start({ config });
    try {
      const failure = new Engine(host).create("PartnerPolicy", "denied", {
        tenantId: stack.target,
        partnerTenantId: stack.source,
        userSyncInbound: true,
      });
      await expect(failure).rejects.toThrow(
        new RegExp(
          `Failed to create the partner configuration for ${stack.source} in tenant ${stack.target}: 403 Authorization_RequestDenied \\(request-id [0-9a-f-]{36}\\).*The app needs the application permission Policy.ReadWrite.CrossTenantAccess`,
        ),
      );
      await expect(failure).rejects.not.toThrow(
        new RegExp(FABRIKAM_CALLERS.auditor.clientSecret.replace(/[.~]/g, "\\$&")),
      );
    } finally {
      await host.stop();
    }
  });
});
