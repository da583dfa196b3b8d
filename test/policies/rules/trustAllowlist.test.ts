import { trustAllowlist as policy } from "../../../policies/rules";
import { baseline, only, SOURCE, withProps } from "../baseline";
import { runResourcePolicy, UNKNOWN_VALUE } from "../policyArgs";

const targetPartner = (patch: Record<string, unknown> = {}) =>
  only(withProps(baseline(), "fabrikam-accepts-hr", patch), "fabrikam-accepts-hr");

const fullTrust = {
  isMfaAccepted: true,
  isCompliantDeviceAccepted: true,
  isHybridAzureADJoinedDeviceAccepted: true,
};

describe("cts-trust-allowlist", () => {
  it("should pass if no inbound trust is set", async () => {
    expect(await runResourcePolicy(policy, targetPartner())).toEqual([]);
  });

  it("should pass if the trust flags are false", async () => {
    const stack = targetPartner({ inboundTrust: { isMfaAccepted: false } });
    expect(await runResourcePolicy(policy, stack)).toEqual([]);
  });

  it("should fail once per trusted claim if the partner is not allowlisted", async () => {
    const violations = await runResourcePolicy(policy, targetPartner({ inboundTrust: fullTrust }));
    expect(violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining(
        `PartnerPolicy 'fabrikam-accepts-hr' trusts MFA claims from partner ${SOURCE}`,
      ),
      expect.stringContaining("Set inboundTrust.isCompliantDeviceAccepted: false"),
      expect.stringContaining("Set inboundTrust.isHybridAzureADJoinedDeviceAccepted: false"),
    ]);
  });

  it("should pass if the partner is in trustedTenantIds (any case)", async () => {
    const config = { trustedTenantIds: [SOURCE.toUpperCase()] };
    expect(
      await runResourcePolicy(policy, targetPartner({ inboundTrust: fullTrust }), config),
    ).toEqual([]);
  });

  it("should fail if only another tenant is allowlisted", async () => {
    const config = { trustedTenantIds: ["33333333-3333-4333-8333-333333333333"] };
    const stack = targetPartner({ inboundTrust: { isMfaAccepted: true } });
    expect(await runResourcePolicy(policy, stack, config)).toHaveLength(1);
  });

  it("should pass if the partner or the trust settings are not known yet", async () => {
    const unknownPartner = targetPartner({
      partnerTenantId: UNKNOWN_VALUE,
      inboundTrust: fullTrust,
    });
    const unknownTrust = targetPartner({ inboundTrust: UNKNOWN_VALUE });
    const unknownFlag = targetPartner({ inboundTrust: { isMfaAccepted: UNKNOWN_VALUE } });
    expect(await runResourcePolicy(policy, [...unknownPartner])).toEqual([]);
    expect(await runResourcePolicy(policy, [...unknownTrust])).toEqual([]);
    expect(await runResourcePolicy(policy, [...unknownFlag])).toEqual([]);
  });
});
