import { DEFAULT_SOURCE_TENANT_ID, DEFAULT_TARGET_TENANT_ID } from "../../src/emulator";
import { withProviderStack } from "../harness/providerStack";

/**
 * A stack whose target tenant is declared in US Government: the provider host decides about the
 * pair's clouds at check (preview) time, from stack config alone.
 */
const stack = withProviderStack({
  extraConfig: {
    "entra-cts:tenants": JSON.stringify({
      [DEFAULT_SOURCE_TENANT_ID]: { clientId: "commercial-app", clientSecret: "not-used" },
      [DEFAULT_TARGET_TENANT_ID]: { cloud: "usgovernment", clientId: "gov-app" },
    }),
  },
});

beforeEach(() => stack.emulator.emulator.requestLog.clear());
afterEach(() => {
  // Check decides alone: nothing reached Graph or either cloud's authority.
  expect(stack.emulator.emulator.requestLog.list()).toEqual([]);
});

async function failures(inputs: Record<string, unknown>) {
  const result = await stack.engine.check("SyncConfiguration", "gov", {
    sourceTenantId: DEFAULT_SOURCE_TENANT_ID,
    targetTenantId: DEFAULT_TARGET_TENANT_ID,
    displayName: "Fabrikam Government",
    ...inputs,
  });
  return result.failures.map((f) => `${f.property}: ${f.reason}`);
}

describe("cross-cloud pairs at check", () => {
  it("refuses a pair in two clouds without crossCloud, naming the clouds and the fix", async () => {
    expect(await failures({})).toEqual([
      expect.stringMatching(
        /^crossCloud: SyncConfiguration: the source tenant is in the public cloud and the target tenant in the usgovernment cloud: set crossCloud: true/,
      ),
    ]);
  });

  it("accepts the pair with crossCloud: true", async () => {
    expect(await failures({ crossCloud: true })).toEqual([]);
  });

  it("refuses a crossCloud that is not a boolean", async () => {
    expect(await failures({ crossCloud: "yes" })).toEqual([
      expect.stringMatching(/^crossCloud: SyncConfiguration: crossCloud: must be true or false/),
    ]);
  });
});
