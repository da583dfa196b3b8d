import { notificationEmail as policy } from "../../../policies/rules";
import { baseline, only, withProps } from "../baseline";
import { runResourcePolicy, UNKNOWN_VALUE } from "../policyArgs";

const configuration = (patch: Record<string, unknown> = {}) =>
  only(withProps(baseline(), "hr-to-fabrikam", patch), "hr-to-fabrikam");

describe("cts-notification-email", () => {
  it("should pass if notificationEmail is one address", async () => {
    expect(await runResourcePolicy(policy, configuration())).toEqual([]);
  });

  it("should fail if notificationEmail is not set", async () => {
    const violations = await runResourcePolicy(
      policy,
      configuration({ notificationEmail: undefined }),
    );
    expect(violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining("SyncConfiguration 'hr-to-fabrikam' has no notificationEmail"),
    ]);
  });

  it("should fail if notificationEmail is blank", async () => {
    expect(
      await runResourcePolicy(policy, configuration({ notificationEmail: "  " })),
    ).toHaveLength(1);
  });

  it.each(["identity-ops", "ops@contoso", "a@contoso.com; b@contoso.com", "ops @contoso.com"])(
    "should fail if notificationEmail is %j",
    async (address) => {
      const violations = await runResourcePolicy(
        policy,
        configuration({ notificationEmail: address }),
      );
      expect(violations.map((violation) => violation.message)).toEqual([
        expect.stringContaining("which is not one e-mail address"),
      ]);
    },
  );

  it("should pass if the address is in an allowed domain (any case)", async () => {
    const config = { allowedDomains: ["Contoso.com"] };
    expect(await runResourcePolicy(policy, configuration(), config)).toEqual([]);
  });

  it("should fail if the address is outside the allowed domains", async () => {
    const violations = await runResourcePolicy(policy, configuration(), {
      allowedDomains: ["fabrikam.com"],
    });
    expect(violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining("outside the allowed domains (fabrikam.com)"),
    ]);
  });

  it("should pass if the address is not known yet", async () => {
    expect(
      await runResourcePolicy(policy, configuration({ notificationEmail: UNKNOWN_VALUE })),
    ).toEqual([]);
  });
});
