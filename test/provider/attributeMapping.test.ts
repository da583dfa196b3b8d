import { DIFF_NONE, DIFF_SOME, type StateEntry } from "../harness/engine";
import { createConfiguredPair } from "../harness/pair";
import { UNKNOWN } from "../harness/providerHost";
import { withProviderStack } from "../harness/providerStack";

const stack = withProviderStack();
let sp: string;
let jobId: string;

type Mapping = {
  targetAttributeName: string;
  source: { expression: string; type: string; name: string };
  flowType: string;
};

async function userMappings(): Promise<Mapping[]> {
  const schema = (
    await stack.emulator.graphFetch(
      "source",
      "GET",
      `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`,
    )
  ).body;
  const rule = schema.synchronizationRules[0];
  return rule.objectMappings.find(
    (m: { sourceObjectName: string }) => m.sourceObjectName === "User",
  ).attributeMappings;
}

async function userObjectMapping(): Promise<Record<string, unknown>> {
  const schema = (
    await stack.emulator.graphFetch(
      "source",
      "GET",
      `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`,
    )
  ).body;
  return schema.synchronizationRules[0].objectMappings.find(
    (m: { sourceObjectName: string }) => m.sourceObjectName === "User",
  );
}

const inputs = (overrides: Record<string, unknown> = {}) => ({
  tenantId: stack.source,
  servicePrincipalId: sp,
  jobId,
  mappings: [
    { targetAttribute: "displayName", expression: 'Join(" ", [givenName], [surname])' },
    { targetAttribute: "companyName", constant: "Contoso" },
    { targetAttribute: "userType", constant: "Member", apply: "onCreate" },
  ],
  ...overrides,
});

beforeEach(async () => {
  stack.emulator.emulator.reset();
  sp = await createConfiguredPair(stack.engine, stack.source, stack.target);
  const job = await stack.engine.create("SyncJob", "job", {
    tenantId: stack.source,
    servicePrincipalId: sp,
  });
  jobId = job.outputs.jobId as string;
});

describe("AttributeMapping", () => {
  it("refuses a bad expression at check with its position, and the matching attribute", async () => {
    const result = await stack.engine.check(
      "AttributeMapping",
      "bad",
      inputs({
        mappings: [
          { targetAttribute: "displayName", expression: 'Join(" ", [givenName], [surname]' },
          { targetAttribute: "alternativeSecurityIds", sourceAttribute: "objectId" },
          { targetAttribute: "mail", sourceAttribute: "mail", constant: "x" },
        ],
      }),
    );
    const reasons = result.failures.map((f) => `${f.property}: ${f.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^mappings\[0\]\.expression: AttributeMapping: mappings\[0\] \(displayName\): .*line 1, column 33/,
        ),
        expect.stringMatching(
          /^mappings\[1\]\.targetAttribute: .*matching attribute.*schemaInvalid/,
        ),
        expect.stringMatching(
          /^mappings\[2\]: .*exactly one of sourceAttribute, constant or expression/,
        ),
      ]),
    );
  });

  it("writes its mappings into the schema, leaves the others, and reads them back by meaning", async () => {
    const before = await userMappings();
    const created = await stack.engine.create("AttributeMapping", "shape", inputs());
    const after = await userMappings();
    expect(after.find((m) => m.targetAttributeName === "displayName")?.source.name).toBe("Join");
    expect(after.find((m) => m.targetAttributeName === "userType")?.flowType).toBe("ObjectAddOnly");
    expect(after.find((m) => m.targetAttributeName === "companyName")?.source).toMatchObject({
      type: "Constant",
      name: "Contoso",
    });
    // Untouched: every mapping it does not declare.
    const others = (list: Mapping[]) =>
      list.filter(
        (m) => !["displayName", "companyName", "userType"].includes(m.targetAttributeName),
      );
    expect(others(after)).toEqual(others(before));

    const refreshed = await stack.engine.refresh(created);
    expect((await stack.engine.diff(refreshed!, inputs())).changes).toBe(DIFF_NONE);
    // Spelling differs, meaning does not.
    const respelled = inputs({
      mappings: [
        { targetAttribute: "displayName", expression: 'Join( " " ,[givenName],[surname] )' },
        { targetAttribute: "companyName", expression: '"Contoso"' },
        { targetAttribute: "userType", constant: "Member", apply: "onCreate" },
      ],
    });
    expect((await stack.engine.diff(refreshed!, respelled)).changes).toBe(DIFF_NONE);

    const imported = await stack.engine.import(
      "AttributeMapping",
      "imported",
      created.id,
      inputs(),
    );
    expect((await stack.engine.diff(imported, inputs())).changes).toBe(DIFF_NONE);
  });

  it("shows a mapping changed in the portal as drift and puts it back", async () => {
    const created = await stack.engine.create("AttributeMapping", "shape", inputs());
    const schemaPath = `/servicePrincipals/${sp}/synchronization/jobs/${jobId}/schema`;
    const schema = (await stack.emulator.graphFetch("source", "GET", schemaPath)).body;
    const user = schema.synchronizationRules[0].objectMappings.find(
      (m: { sourceObjectName: string }) => m.sourceObjectName === "User",
    );
    const displayName = user.attributeMappings.find(
      (m: Mapping) => m.targetAttributeName === "displayName",
    );
    displayName.source = {
      expression: "[displayName]",
      name: "displayName",
      type: "Attribute",
      parameters: [],
    };
    expect((await stack.emulator.graphFetch("source", "PUT", schemaPath, schema)).status).toBe(204);

    const refreshed = await stack.engine.refresh(created);
    const live = (refreshed!.outputs.mappings as Array<Record<string, string>>).find(
      (m) => m.targetAttribute === "displayName",
    );
    expect(live).toMatchObject({ sourceAttribute: "displayName" });
    expect((await stack.engine.diff(refreshed!, inputs())).changes).toBe(DIFF_SOME);
    await stack.engine.update(refreshed!, inputs());
    expect(
      (await userMappings()).find((m) => m.targetAttributeName === "displayName")?.source.name,
    ).toBe("Join");
  });

  it("manages the scoping filter and deletion of out-of-scope users, and restores the template on delete", async () => {
    const template = await userObjectMapping();
    const created = await stack.engine.create(
      "AttributeMapping",
      "scope",
      inputs({
        scopingFilter: [
          {
            name: "Sales only",
            clauses: [{ sourceAttribute: "department", operator: "EQUALS", values: ["Sales"] }],
          },
        ],
        deleteOutOfScope: false,
      }),
    );
    const live = await userObjectMapping();
    expect(live.scope).toMatchObject({
      groups: [
        {
          name: "Sales only",
          clauses: [
            {
              operatorName: "EQUALS",
              sourceOperandName: "department",
              targetOperand: { values: ["Sales"] },
            },
          ],
        },
      ],
    });
    expect(String(live.flowTypes)).not.toMatch(/Delete/);
    await stack.engine.delete(created);
    const restored = await userObjectMapping();
    expect(restored.scope).toEqual(template.scope);
    expect(restored.flowTypes).toEqual(template.flowTypes);
    expect(restored.attributeMappings).toEqual(template.attributeMappings);
  });

  it("lets two resources write one job's schema at the same time without losing either", async () => {
    const first = stack.engine.create(
      "AttributeMapping",
      "first",
      inputs({ mappings: [{ targetAttribute: "department", constant: "Sales" }] }),
    );
    const second = stack.engine.create(
      "AttributeMapping",
      "second",
      inputs({ mappings: [{ targetAttribute: "jobTitle", constant: "Engineer" }] }),
    );
    const entries: StateEntry[] = await Promise.all([first, second]);
    const mappings = await userMappings();
    expect(mappings.find((m) => m.targetAttributeName === "department")?.source.name).toBe("Sales");
    expect(mappings.find((m) => m.targetAttributeName === "jobTitle")?.source.name).toBe(
      "Engineer",
    );
    await Promise.all(entries.map((entry) => stack.engine.delete(entry)));
    const restored = await userMappings();
    expect(restored.find((m) => m.targetAttributeName === "department")?.source).toMatchObject({
      type: "Attribute",
      name: "department",
    });
  });

  it("gives the scoping filter back to the template when the program drops it", async () => {
    const template = await userObjectMapping();
    const filtered = inputs({
      scopingFilter: [
        {
          name: "Sales only",
          clauses: [{ sourceAttribute: "department", operator: "EQUALS", values: ["Sales"] }],
        },
      ],
    });
    const created = await stack.engine.create("AttributeMapping", "scope", filtered);
    expect((await stack.engine.diff(created, inputs())).changes).toBe(DIFF_SOME);
    await stack.engine.update(created, inputs());
    expect((await userObjectMapping()).scope).toEqual(template.scope);
  });

  it("does not parse expressions that are not known yet during preview", async () => {
    const preview = await stack.engine.check("AttributeMapping", "preview", {
      ...inputs(),
      mappings: [{ targetAttribute: "displayName", expression: UNKNOWN }],
    });
    expect(preview.failures).toEqual([]);
  });
});
