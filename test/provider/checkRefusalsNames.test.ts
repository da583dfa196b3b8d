import { withProviderStack } from "../harness/providerStack";

/**
 * Attribute names are checked against the Azure2Azure schema at preview: a typo fails check with
 * a did-you-mean instead of failing `up` with Graph's 400 schemaInvalid.
 */
const stack = withProviderStack();
const SP = "9c5d131d-b1c3-4fc4-9e3f-c6557947d551";
const EXTENSION = "extension_0a1b2c3d4e5f60718293a4b5c6d7e8f9_costCenter";

beforeEach(() => stack.emulator.emulator.requestLog.clear());
afterEach(() => {
  // Check decides alone: nothing reached Graph or the authority.
  expect(stack.emulator.emulator.requestLog.list()).toEqual([]);
});

async function failures(extra: Record<string, unknown>) {
  const inputs = {
    tenantId: stack.source,
    servicePrincipalId: SP,
    jobId: "Azure2Azure.x",
    ...extra,
  };
  return (await stack.engine.check("AttributeMapping", "names", inputs)).failures;
}

describe("check validates attribute names", () => {
  it("refuses an unknown target attribute with the name it was meant to be", async () => {
    const found = await failures({
      mappings: [{ targetAttribute: "dispalyName", sourceAttribute: "displayName" }],
    });
    expect(found).toEqual([
      {
        property: "mappings[0].targetAttribute",
        reason: expect.stringMatching(
          /^AttributeMapping: mappings\[0\]\.targetAttribute: 'dispalyName' is not an attribute of the target directory's User object\. Did you mean 'displayName'\?/,
        ),
      },
    ]);
  });

  it("refuses an unknown sourceAttribute, and one read inside an expression", async () => {
    const found = await failures({
      mappings: [
        { targetAttribute: "department", sourceAttribute: "departmnet" },
        { targetAttribute: "displayName", expression: 'Join(" ", [givenNme], [surname])' },
      ],
    });
    expect(found).toEqual([
      {
        property: "mappings[0].sourceAttribute",
        reason: expect.stringMatching(
          /'departmnet' .*source directory.*Did you mean 'department'\?/,
        ),
      },
      {
        property: "mappings[1].expression",
        reason: expect.stringMatching(
          /the expression reads \[givenNme\], but 'givenNme' is not an attribute of the source directory's User object\. Did you mean 'givenName'\?/,
        ),
      },
    ]);
  });

  it("checks scoping-filter attributes and Group names against the Group object", async () => {
    const found = await failures({
      objectType: "Group",
      mappings: [{ targetAttribute: "description", sourceAttribute: "givenName" }],
      scopingFilter: [
        { name: "x", clauses: [{ sourceAttribute: "dispayName", operator: "IS NOT NULL" }] },
      ],
    });
    expect(found.map((f) => f.property)).toEqual([
      "mappings[0].sourceAttribute",
      "scopingFilter[0].clauses[0].sourceAttribute",
    ]);
    expect(found[0]!.reason).toMatch(/source directory's Group object/);
    expect(found[1]!.reason).toMatch(/Did you mean 'displayName'\?/);
  });

  it("counts directory extensions only once the program declares them", async () => {
    const mappings = [
      { targetAttribute: EXTENSION, sourceAttribute: EXTENSION },
      { targetAttribute: "jobTitle", expression: `Coalesce([${EXTENSION}], [jobTitle])` },
    ];
    const undeclared = await failures({ mappings });
    expect(undeclared.map((f) => f.property)).toEqual([
      "mappings[0].targetAttribute",
      "mappings[0].sourceAttribute",
      "mappings[1].expression",
    ]);
    for (const failure of undeclared)
      expect(failure.reason).toMatch(/declare it in directoryExtensions/);
    expect(await failures({ mappings, directoryExtensions: [EXTENSION] })).toEqual([]);
    expect(await failures({ directoryExtensions: ["costCenter"] })).toEqual([
      {
        property: "directoryExtensions[0]",
        reason: expect.stringMatching(/extension_<appId without dashes>_<name>/),
      },
    ]);
  });

  it("accepts every attribute of the template's own mappings", async () => {
    expect(
      await failures({
        mappings: [
          { targetAttribute: "displayName", expression: 'Join(" ", [givenName], [surname])' },
          { targetAttribute: "userType", constant: "Member", apply: "onCreate" },
          { targetAttribute: "showInAddressList", sourceAttribute: "showInAddressList" },
        ],
      }),
    ).toEqual([]);
  });
});
