import { DIFF_NONE, type StateEntry } from "../harness/engine";
import { createConfiguredPair } from "../harness/pair";
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
