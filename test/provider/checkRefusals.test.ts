import { withProviderStack } from "../harness/providerStack";

/** Values Graph cannot hold and keys that would change what an object is fail at check. */
const stack = withProviderStack();
const SP = "9c5d131d-b1c3-4fc4-9e3f-c6557947d551";

beforeEach(() => stack.emulator.emulator.requestLog.clear());
afterEach(() => {
  // Check decides alone: nothing reached Graph or the authority.
  expect(stack.emulator.emulator.requestLog.list()).toEqual([]);
});

const configuration = (overrides: Record<string, unknown> = {}) => ({
  sourceTenantId: stack.source,
  targetTenantId: stack.target,
  displayName: "Fabrikam",
  ...overrides,
});

async function reasons(type: "SyncConfiguration" | "AttributeMapping", inputs: unknown) {
  const result = await stack.engine.check(type, "checked", inputs as Record<string, unknown>);
  return result.failures.map((f) => `${f.property}: ${f.reason}`);
}

describe("check refuses", () => {
  it("a deletion threshold beyond a 32-bit integer, naming the property and the range", async () => {
    expect(
      await reasons("SyncConfiguration", configuration({ accidentalDeletionThreshold: 2 ** 31 })),
    ).toEqual([
      expect.stringMatching(
        /^accidentalDeletionThreshold: SyncConfiguration: .*between 1 and 2147483647/,
      ),
    ]);
    expect(
      await reasons(
        "SyncConfiguration",
        configuration({ accidentalDeletionThreshold: 2 ** 31 - 1 }),
      ),
    ).toEqual([]);
  });

  it("constructor and prototype keys by name, at top level and nested", async () => {
    const inputs = {
      tenantId: stack.source,
      servicePrincipalId: SP,
      jobId: "Azure2Azure.x",
      mappings: [{ targetAttribute: "department", sourceAttribute: "department" }],
    };
    // JSON.parse keeps these as keys, as a program reading a file would.
    const poisoned = JSON.parse(
      JSON.stringify(inputs)
        .replace('"targetAttribute"', '"constructor":"x","targetAttribute"')
        .replace('"jobId"', '"prototype":{},"jobId"'),
    );
    const found = await reasons("AttributeMapping", poisoned);
    expect(found.sort()).toEqual([
      expect.stringMatching(
        /^mappings\[0\]\.constructor: AttributeMapping: .*'constructor' is not allowed/,
      ),
      expect.stringMatching(
        /^prototype: AttributeMapping: prototype: the key 'prototype' is not allowed.*remove it/,
      ),
    ]);
    expect(await reasons("AttributeMapping", inputs)).toEqual([]);
  });
});
