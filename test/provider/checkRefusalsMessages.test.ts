import { withProviderStack } from "../harness/providerStack";

/**
 * Check failures name the resource, the property by its full path in one format
 * (`mappings[0].apply`), and the fix; unknown keys come with a did-you-mean.
 */
const stack = withProviderStack();
const SP = "9c5d131d-b1c3-4fc4-9e3f-c6557947d551";
const GROUP = "3f2c4b7a-1d2e-4f5a-8b9c-0d1e2f3a4b5c";

beforeEach(() => stack.emulator.emulator.requestLog.clear());
afterEach(() => {
  // Check decides alone: nothing reached Graph or the authority.
  expect(stack.emulator.emulator.requestLog.list()).toEqual([]);
});

type Checked = "SyncConfiguration" | "AttributeMapping" | "Assignment";

async function failures(type: Checked, inputs: Record<string, unknown>) {
  return (await stack.engine.check(type, "checked", inputs)).failures;
}

const mapping = (overrides: Record<string, unknown> = {}) => ({
  tenantId: stack.source,
  servicePrincipalId: SP,
  jobId: "Azure2Azure.x",
  mappings: [{ targetAttribute: "department", sourceAttribute: "department" }],
  ...overrides,
});

describe("check messages", () => {
  it("name an unknown nested key by its full path, with the property it was meant to be", async () => {
    const found = await failures(
      "AttributeMapping",
      mapping({
        mappings: [{ targetAttribute: "department", sourceAttribute: "department", aply: "x" }],
      }),
    );
    expect(found).toEqual([
      {
        property: "mappings[0].aply",
        reason: expect.stringMatching(
          /^AttributeMapping: mappings\[0\]\.aply: 'aply' is not a property .*Did you mean 'apply'\?/,
        ),
      },
    ]);
  });

  it("name an unknown top-level key itself, not (inputs)", async () => {
    const found = await failures("AttributeMapping", mapping({ enabeld: true }));
    expect(found).toEqual([
      {
        property: "enabeld",
        reason: expect.stringMatching(/^AttributeMapping: enabeld: .*Did you mean 'enabled'\?/),
      },
    ]);
  });

  it("write array paths with brackets everywhere", async () => {
    const found = await failures(
      "AttributeMapping",
      mapping({
        mappings: [{ targetAttribute: "department", sourceAttribute: "department", apply: "x" }],
      }),
    );
    expect(found.map((f) => f.property)).toEqual(["mappings[0].apply"]);
    expect(found[0]!.reason).toMatch(/^AttributeMapping: mappings\[0\]\.apply: .*"always"/);
  });

  it("say the fix instead of zod's generic text", async () => {
    const found = await failures("SyncConfiguration", {
      sourceTenantId: stack.source,
      targetTenantId: stack.target,
      displayName: "Fabrikam",
      accidentalDeletionThreshold: "500",
    });
    expect(found).toHaveLength(1);
    expect(found[0]!.property).toBe("accidentalDeletionThreshold");
    expect(found[0]!.reason).not.toMatch(/Invalid input/);
    expect(found[0]!.reason).toMatch(
      /^SyncConfiguration: accidentalDeletionThreshold: must be a number, not a string \("500"\) \(write the number without quotes\)/,
    );
  });

  it("give object ids no hint about domain names", async () => {
    const found = await failures("Assignment", {
      tenantId: stack.source,
      servicePrincipalId: "contoso.onmicrosoft.com",
      principalId: "developers",
      principalType: "Group",
      appRoleId: "msiam_access",
    });
    expect(found.map((f) => f.property).sort()).toEqual([
      "appRoleId",
      "principalId",
      "servicePrincipalId",
    ]);
    for (const failure of found) expect(failure.reason).not.toMatch(/domain/);
    expect(found.find((f) => f.property === "principalId")!.reason).toMatch(/Overview page/);
    // A tenant id still gets the hint: that is where domain names are the usual mistake.
    const tenant = await failures("Assignment", {
      tenantId: "contoso.com",
      servicePrincipalId: SP,
      principalId: GROUP,
      principalType: "Group",
    });
    expect(tenant).toEqual([
      { property: "tenantId", reason: expect.stringMatching(/not a domain name/) },
    ]);
  });
});
