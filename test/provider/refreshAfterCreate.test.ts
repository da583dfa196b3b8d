import { DIFF_NONE, type StateEntry } from "../harness/engine";
import { CONTOSO_GROUPS } from "../../src/emulator/fixtures/fixtureIds";
import { createConfiguredPair, createPartnerPair } from "../harness/pair";
import { withProviderStack } from "../harness/providerStack";

/**
 * `pulumi refresh` right after `up`, and right after an import, must show exactly what the
 * program wrote: Graph's placeholders ("never" times) and defaults (apply: always) stay out.
 */
const stack = withProviderStack();
let sp: string;

beforeEach(async () => {
  stack.emulator.emulator.reset();
  sp = await createConfiguredPair(stack.engine, stack.source, stack.target);
});

/** Refresh, then the state must equal what was written and diff must report nothing. */
async function expectCleanRefresh(written: StateEntry, program: Record<string, unknown>) {
  const refreshed = await stack.engine.refresh(written);
  expect(refreshed).toBeDefined();
  expect(refreshed!.outputs).toEqual(written.outputs);
  expect(refreshed!.inputs).toEqual(written.inputs);
  expect((await stack.engine.diff(refreshed!, program)).changes).toBe(DIFF_NONE);
  return refreshed!;
}

describe("refresh right after create", () => {
  it("SyncJob: a job that never ran reports no lastExecutionTime, after create and import", async () => {
    const program = { tenantId: stack.source, servicePrincipalId: sp };
    const created = await stack.engine.create("SyncJob", "job", program);
    expect(created.outputs).not.toHaveProperty("lastExecutionTime");
    const refreshed = await expectCleanRefresh(created, program);
    expect(refreshed.outputs).not.toHaveProperty("lastExecutionTime");

    const imported = await stack.engine.import("SyncJob", "imported", created.id, program);
    expect(imported.outputs).not.toHaveProperty("lastExecutionTime");
    expect(imported.outputs).toEqual(refreshed.outputs);
    await expectCleanRefresh(imported, program);
  });

  it("AttributeMapping: apply appears only where the program set it, after create and import", async () => {
    const job = await stack.engine.create("SyncJob", "job", {
      tenantId: stack.source,
      servicePrincipalId: sp,
    });
    const program = {
      tenantId: stack.source,
      servicePrincipalId: sp,
      jobId: job.outputs.jobId,
      mappings: [
        { targetAttribute: "companyName", constant: "Contoso" },
        { targetAttribute: "department", sourceAttribute: "department" },
        { targetAttribute: "userType", constant: "Member", apply: "onCreate" },
        { targetAttribute: "jobTitle", sourceAttribute: "jobTitle", apply: "always" },
      ],
    };
    const created = await stack.engine.create("AttributeMapping", "mapping", program);
    const refreshed = await expectCleanRefresh(created, program);
    expect(refreshed.outputs.mappings).toEqual(program.mappings);

    // An import knows only the id: Graph's default flow stays out, the program's choices show.
    const imported = await stack.engine.import("AttributeMapping", "imported", created.id, program);
    const byTarget = (entry: StateEntry, target: string) =>
      (entry.outputs.mappings as Array<Record<string, unknown>>).find(
        (m) => m.targetAttribute === target,
      );
    expect(byTarget(imported, "companyName")).toEqual({
      targetAttribute: "companyName",
      constant: "Contoso",
    });
    expect(byTarget(imported, "userType")?.apply).toBe("onCreate");
    expect((await stack.engine.diff(imported, program)).changes).toBe(DIFF_NONE);
    const reimported = await stack.engine.refresh(imported);
    expect(reimported!.outputs).toEqual(imported.outputs);
  });
});

describe("refresh right after create and after import, for the other resources", () => {
  it("PartnerPolicy: both sides read back as written, and import with the program is clean", async () => {
    stack.emulator.emulator.reset();
    const program = {
      tenantId: stack.target,
      partnerTenantId: stack.source,
      automaticUserConsentInbound: true,
      userSyncInbound: true,
    };
    const created = await stack.engine.create("PartnerPolicy", "target-side", program);
    const refreshed = await expectCleanRefresh(created, program);
    const imported = await stack.engine.import("PartnerPolicy", "imported", created.id, program);
    expect(imported.outputs).toEqual(refreshed.outputs);
    expect((await stack.engine.diff(imported, program)).changes).toBe(DIFF_NONE);
    await expectCleanRefresh(imported, program);
  });

  it("SyncConfiguration: reads back as written, and import with the program is clean", async () => {
    stack.emulator.emulator.reset();
    await createPartnerPair(stack.engine, stack.source, stack.target);
    const program = {
      sourceTenantId: stack.source,
      targetTenantId: stack.target,
      displayName: "Fabrikam",
    };
    const created = await stack.engine.create("SyncConfiguration", "config", program);
    const refreshed = await expectCleanRefresh(created, program);
    const imported = await stack.engine.import(
      "SyncConfiguration",
      "imported",
      created.id,
      program,
    );
    expect(imported.outputs).toEqual(refreshed.outputs);
    expect((await stack.engine.diff(imported, program)).changes).toBe(DIFF_NONE);
    await expectCleanRefresh(imported, program);
  });

  it("Assignment: outputs read back as written, and import with the program is clean", async () => {
    const program = {
      tenantId: stack.source,
      servicePrincipalId: sp,
      principalId: CONTOSO_GROUPS.pilot,
      principalType: "Group",
    };
    const created = await stack.engine.create("Assignment", "pilot", program);
    // Outputs and diff only: read gets the last outputs, not the program's inputs, so it
    // cannot tell an appRoleId the program wrote from the msiam_access role it defaulted to,
    // and the refreshed inputs carry the role id (a known limit, issue #14).
    const refreshed = await stack.engine.refresh(created);
    expect(refreshed!.outputs).toEqual(created.outputs);
    expect((await stack.engine.diff(refreshed!, program)).changes).toBe(DIFF_NONE);
    const imported = await stack.engine.import("Assignment", "imported", created.id, program);
    expect(imported.outputs).toEqual(refreshed!.outputs);
    expect((await stack.engine.diff(imported, program)).changes).toBe(DIFF_NONE);
  });
});
