import { CONTOSO_GROUPS, CONTOSO_USERS } from "../../src/emulator/fixtures/fixtureIds";
import { DIFF_NONE, DIFF_SOME, type StateEntry } from "../harness/engine";
import { createPartnerPair } from "../harness/pair";
import { UNKNOWN } from "../harness/providerHost";
import { withProviderStack } from "../harness/providerStack";

const stack = withProviderStack();
let configuration: StateEntry;

async function jobOf(sp: string, jobId: string) {
  return (
    await stack.emulator.graphFetch(
      "source",
      "GET",
      `/servicePrincipals/${sp}/synchronization/jobs/${jobId}`,
    )
  ).body;
}

beforeEach(async () => {
  stack.emulator.emulator.reset();
  await createPartnerPair(stack.engine, stack.source, stack.target);
  configuration = await stack.engine.create("SyncConfiguration", "config", {
    sourceTenantId: stack.source,
    targetTenantId: stack.target,
    displayName: "Fabrikam",
  });
});

describe("SyncJob", () => {
  const jobInputs = (overrides: Record<string, unknown> = {}) => ({
    tenantId: stack.source,
    servicePrincipalId: configuration.outputs.servicePrincipalId,
    ...overrides,
  });

  it("creates the Azure2Azure job started, pauses and restarts it as declared", async () => {
    const sp = configuration.outputs.servicePrincipalId as string;
    const job = await stack.engine.create("SyncJob", "job", jobInputs());
    expect(job.outputs).toMatchObject({
      enabled: true,
      scheduleState: "Active",
      jobId: expect.stringMatching(/^Azure2Azure\./),
    });
    expect((await jobOf(sp, job.outputs.jobId as string)).schedule.state).toBe("Active");

    const paused = await stack.engine.update(job, jobInputs({ enabled: false }));
    expect((await jobOf(sp, job.outputs.jobId as string)).schedule.state).toBe("Paused");

    stack.emulator.emulator.requestLog.clear();
    const restarted = await stack.engine.update(
      paused,
      jobInputs({ enabled: true, restartTrigger: "mappings-v2", restartScope: ["ForceDeletes"] }),
    );
    const calls = stack.emulator.emulator.requestLog
      .list()
      .map((e) => `${e.method} ${e.path.split("/").pop()}`);
    expect(calls).toEqual(["POST restart"]);
    // The declared scope reached Graph (the emulator keeps ForceDeletes for the next cycle).
    const liveJob = stack.emulator.emulator.world.tenants
      .find((t) => t.id === stack.source)!
      .synchronization[sp].jobs.find((j) => j.id === job.outputs.jobId);
    expect(liveJob?.pendingRestartScope).toContain("ForceDeletes");
    expect(restarted.outputs.scheduleState).toBe("Active");
    // The same trigger again restarts nothing.
    expect(
      (
        await stack.engine.diff(
          restarted,
          jobInputs({
            enabled: true,
            restartTrigger: "mappings-v2",
            restartScope: ["ForceDeletes"],
          }),
        )
      ).changes,
    ).toBe(DIFF_NONE);

    await stack.engine.delete(restarted);
    expect(
      (
        await stack.emulator.graphFetch(
          "source",
          "GET",
          `/servicePrincipals/${sp}/synchronization/jobs`,
        )
      ).body.value,
    ).toEqual([]);
  });

  it("reports a job paused in the portal and starts it again", async () => {
    const sp = configuration.outputs.servicePrincipalId as string;
    const job = await stack.engine.create("SyncJob", "job", jobInputs());
    await stack.emulator.graphFetch(
      "source",
      "POST",
      `/servicePrincipals/${sp}/synchronization/jobs/${job.outputs.jobId}/pause`,
    );
    const refreshed = await stack.engine.refresh(job);
    expect(refreshed!.outputs.enabled).toBe(false);
    expect((await stack.engine.diff(refreshed!, jobInputs())).changes).toBe(DIFF_SOME);
    await stack.engine.update(refreshed!, jobInputs());
    expect((await jobOf(sp, job.outputs.jobId as string)).schedule.state).toBe("Active");
    const imported = await stack.engine.import("SyncJob", "imported", job.id, jobInputs());
    expect((await stack.engine.diff(imported, jobInputs())).changes).toBe(DIFF_NONE);
  });

  it("adopts the job an interrupted create left instead of making a second one", async () => {
    const sp = configuration.outputs.servicePrincipalId as string;
    const first = await stack.emulator.graphFetch(
      "source",
      "POST",
      `/servicePrincipals/${sp}/synchronization/jobs`,
      { templateId: "Azure2Azure" },
    );
    const job = await stack.engine.create("SyncJob", "job", jobInputs());
    expect(job.outputs.jobId).toBe(first.body.id);
  });
});

describe("Assignment", () => {
  const assignmentInputs = (overrides: Record<string, unknown> = {}) => ({
    tenantId: stack.source,
    servicePrincipalId: configuration.outputs.servicePrincipalId,
    principalId: CONTOSO_GROUPS.pilot,
    principalType: "Group",
    appRoleId: configuration.outputs.appRoleId,
    ...overrides,
  });

  it("assigns a group with msiam_access, reads it, imports it and removes it", async () => {
    const sp = configuration.outputs.servicePrincipalId as string;
    const created = await stack.engine.create(
      "Assignment",
      "pilot",
      assignmentInputs({ appRoleId: undefined }),
    );
    expect(created.outputs).toMatchObject({
      principalDisplayName: "CTS Pilot",
      appRoleId: configuration.outputs.appRoleId,
    });
    const refreshed = await stack.engine.refresh(created);
    expect(
      (await stack.engine.diff(refreshed!, assignmentInputs({ appRoleId: undefined }))).changes,
    ).toBe(DIFF_NONE);
    const imported = await stack.engine.import(
      "Assignment",
      "imported",
      created.id,
      assignmentInputs(),
    );
    expect((await stack.engine.diff(imported, assignmentInputs())).changes).toBe(DIFF_NONE);
    expect(
      (await stack.engine.diff(imported, assignmentInputs({ principalId: CONTOSO_GROUPS.sales })))
        .replaces,
    ).toEqual(["principalId"]);
    await stack.engine.delete(created);
    expect(
      (
        await stack.emulator.graphFetch(
          "source",
          "GET",
          `/servicePrincipals/${sp}/appRoleAssignedTo`,
        )
      ).body.value,
    ).toEqual([]);
    expect(await stack.engine.refresh(created)).toBeUndefined();
  });

  it("refuses a principal whose type differs from the declared one and leaves no assignment", async () => {
    const sp = configuration.outputs.servicePrincipalId as string;
    await expect(
      stack.engine.create(
        "Assignment",
        "mistyped",
        assignmentInputs({ principalId: CONTOSO_USERS.adele }),
      ),
    ).rejects.toThrow(/is a User, not a Group. Set principalType: "User"/);
    expect(
      (
        await stack.emulator.graphFetch(
          "source",
          "GET",
          `/servicePrincipals/${sp}/appRoleAssignedTo`,
        )
      ).body.value,
    ).toEqual([]);
  });

  it("updates rather than replaces while the configuration's ids are not known in preview", async () => {
    const created = await stack.engine.create("Assignment", "pilot", assignmentInputs());
    const preview = await stack.engine.diff(
      created,
      assignmentInputs({ servicePrincipalId: UNKNOWN, appRoleId: UNKNOWN }),
    );
    expect(preview).toMatchObject({ changes: DIFF_SOME, replaces: [] });
  });

  it("stores ids in lower case, so refresh does not turn case into a replacement", async () => {
    const shouting = assignmentInputs({ principalId: CONTOSO_GROUPS.pilot.toUpperCase() });
    const created = await stack.engine.create("Assignment", "pilot", shouting);
    const refreshed = await stack.engine.refresh(created);
    expect(await stack.engine.diff(refreshed!, shouting)).toMatchObject({
      changes: DIFF_NONE,
      replaces: [],
    });
  });
});
