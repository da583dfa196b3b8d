import { automaticRedemptionBothSides as policy } from "../../../policies/rules";
import { asFirstPreview, baseline, named, SOURCE, TARGET, withProps, without } from "../baseline";
import { runStackPolicy, UNKNOWN_VALUE, urnOf } from "../policyArgs";

const configurationUrn = () => urnOf(named(baseline(), "hr-to-fabrikam"));
const targetPartnerUrn = () => urnOf(named(baseline(), "fabrikam-accepts-hr"));

describe("cts-automatic-redemption-both-sides", () => {
  it("should pass if both sides allow automatic redemption", async () => {
    expect(await runStackPolicy(policy, baseline())).toEqual([]);
  });

  it("should pass if the ids are not known yet (first preview)", async () => {
    expect(await runStackPolicy(policy, asFirstPreview(baseline()))).toEqual([]);
  });

  it("should fail if the source side has no PartnerPolicy, naming the pair and what to add", async () => {
    const violations = await runStackPolicy(policy, without(baseline(), "hr-trusts-fabrikam"));
    expect(violations).toHaveLength(1);
    expect(violations[0].urn).toBe(configurationUrn());
    expect(violations[0].message).toContain(
      `SyncConfiguration 'hr-to-fabrikam' (source ${SOURCE}, target ${TARGET})`,
    );
    expect(violations[0].message).toContain(
      `the source tenant ${SOURCE} has no PartnerPolicy for partner ${TARGET}`,
    );
    expect(violations[0].message).toContain(
      `new PartnerPolicy("hr-to-fabrikam-source", { tenantId: "${SOURCE}", partnerTenantId: "${TARGET}", automaticUserConsentOutbound: true })`,
    );
  });

  it("should fail if the target side has no PartnerPolicy, asking for both inbound settings", async () => {
    const violations = await runStackPolicy(policy, without(baseline(), "fabrikam-accepts-hr"));
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toContain(
      `new PartnerPolicy("hr-to-fabrikam-target", { tenantId: "${TARGET}", partnerTenantId: "${SOURCE}", automaticUserConsentInbound: true, userSyncInbound: true })`,
    );
  });

  it("should fail if the target side turns inbound automatic redemption off", async () => {
    const stack = withProps(baseline(), "fabrikam-accepts-hr", {
      automaticUserConsentInbound: false,
    });
    const violations = await runStackPolicy(policy, stack);
    expect(violations).toEqual([
      {
        urn: targetPartnerUrn(),
        message: expect.stringContaining(
          "PartnerPolicy 'fabrikam-accepts-hr' (target side: tenant 22222222-2222-4222-8222-222222222222, partner 11111111-1111-4111-8111-111111111111) sets automaticUserConsentInbound to false",
        ),
      },
    ]);
    expect(violations[0].message).toContain(
      "Set automaticUserConsentInbound: true on PartnerPolicy 'fabrikam-accepts-hr'.",
    );
  });

  it("should fail once per missing setting if the target side sets neither", async () => {
    const stack = withProps(baseline(), "fabrikam-accepts-hr", {
      automaticUserConsentInbound: undefined,
      userSyncInbound: undefined,
    });
    const messages = (await runStackPolicy(policy, stack)).map((violation) => violation.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toContain("does not set automaticUserConsentInbound");
    expect(messages[1]).toContain("does not set userSyncInbound");
  });

  it("should fail if the source side does not allow outbound automatic redemption", async () => {
    const stack = withProps(baseline(), "hr-trusts-fabrikam", {
      automaticUserConsentOutbound: undefined,
    });
    const violations = await runStackPolicy(policy, stack);
    expect(violations).toHaveLength(1);
    expect(violations[0].urn).toBe(urnOf(named(baseline(), "hr-trusts-fabrikam")));
    expect(violations[0].message).toContain("does not set automaticUserConsentOutbound");
  });

  it("should fail if the PartnerPolicy names the tenants the wrong way round", async () => {
    // The target's policy must be held by the target about the source, not the reverse.
    const stack = withProps(baseline(), "fabrikam-accepts-hr", {
      tenantId: SOURCE,
      partnerTenantId: TARGET,
    });
    const violations = await runStackPolicy(policy, stack);
    expect(violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining(
        `the target tenant ${TARGET} has no PartnerPolicy for partner ${SOURCE}`,
      ),
    ]);
  });

  it("should pass if tenant ids differ only in case", async () => {
    const stack = withProps(baseline(), "fabrikam-accepts-hr", { tenantId: TARGET.toUpperCase() });
    expect(await runStackPolicy(policy, stack)).toEqual([]);
  });

  it("should pass if a setting is not known yet", async () => {
    const stack = withProps(baseline(), "fabrikam-accepts-hr", { userSyncInbound: UNKNOWN_VALUE });
    expect(await runStackPolicy(policy, stack)).toEqual([]);
  });

  it("should pass if a PartnerPolicy's tenant is not known yet (it may be the missing side)", async () => {
    const stack = withProps(baseline(), "fabrikam-accepts-hr", { tenantId: UNKNOWN_VALUE });
    expect(await runStackPolicy(policy, stack)).toEqual([]);
  });

  it("should pass if the configuration's tenants are not known yet", async () => {
    const stack = withProps(without(baseline(), "fabrikam-accepts-hr"), "hr-to-fabrikam", {
      targetTenantId: UNKNOWN_VALUE,
    });
    expect(await runStackPolicy(policy, stack)).toEqual([]);
  });

  it("should pass if the missing side is declared externally managed", async () => {
    const config = {
      externallyManagedPairs: [{ sourceTenantId: SOURCE, targetTenantId: TARGET, side: "target" }],
    };
    const stack = without(baseline(), "fabrikam-accepts-hr");
    expect(await runStackPolicy(policy, stack, config)).toEqual([]);
  });

  it("should fail if only the other side of the pair is declared externally managed", async () => {
    const config = {
      externallyManagedPairs: [{ sourceTenantId: SOURCE, targetTenantId: TARGET, side: "source" }],
    };
    const stack = without(baseline(), "fabrikam-accepts-hr");
    expect(await runStackPolicy(policy, stack, config)).toHaveLength(1);
  });

  it("should pass if the whole pair is externally managed (side defaults to both)", async () => {
    const config = { externallyManagedPairs: [{ sourceTenantId: SOURCE, targetTenantId: TARGET }] };
    const stack = without(baseline(), "fabrikam-accepts-hr", "hr-trusts-fabrikam");
    expect(await runStackPolicy(policy, stack, config)).toEqual([]);
  });
});
