import { automaticRedemptionExternalPairs as policy } from "../../../policies/rules";
import { baseline, named, SOURCE, TARGET, withProps, without } from "../baseline";
import { runStackPolicy, urnOf } from "../policyArgs";

const external = (side?: string) => ({
  externallyManagedPairs: [{ sourceTenantId: SOURCE, targetTenantId: TARGET, side }],
});

describe("cts-automatic-redemption-external-pairs", () => {
  it("should pass if no pair is declared externally managed, even with a side missing", async () => {
    // Missing sides of ordinary pairs are the mandatory policy's business, not this one's.
    expect(await runStackPolicy(policy, without(baseline(), "fabrikam-accepts-hr"))).toEqual([]);
  });

  it("should pass if the external side's PartnerPolicy is in the stack and complete", async () => {
    expect(await runStackPolicy(policy, baseline(), external("target"))).toEqual([]);
  });

  it("should fail if an external side is absent, reminding what its owners must set", async () => {
    const stack = without(baseline(), "fabrikam-accepts-hr");
    const violations = await runStackPolicy(policy, stack, external("target"));
    expect(violations).toEqual([
      {
        urn: urnOf(named(baseline(), "hr-to-fabrikam")),
        message: expect.stringContaining(
          "the target side is declared externally managed, so this stack cannot check it",
        ),
      },
    ]);
    expect(violations[0].message).toContain("automaticUserConsentInbound and userSyncInbound");
  });

  it("should fail once per external side if both are absent", async () => {
    const stack = without(baseline(), "fabrikam-accepts-hr", "hr-trusts-fabrikam");
    const messages = (await runStackPolicy(policy, stack, external())).map((v) => v.message);
    expect(messages).toEqual([
      expect.stringContaining("the source side is declared externally managed"),
      expect.stringContaining("the target side is declared externally managed"),
    ]);
  });

  it("should fail with the concrete finding if the external side is in the stack but incomplete", async () => {
    const stack = withProps(baseline(), "fabrikam-accepts-hr", { userSyncInbound: false });
    const violations = await runStackPolicy(policy, stack, external("target"));
    expect(violations).toEqual([
      {
        urn: urnOf(named(baseline(), "fabrikam-accepts-hr")),
        message: expect.stringContaining("sets userSyncInbound to false"),
      },
    ]);
  });
});
