import { accidentalDeletionPrevention as policy } from "../../../policies/rules";
import { baseline, only, withProps } from "../baseline";
import { runResourcePolicy, UNKNOWN_VALUE } from "../policyArgs";

const configuration = (patch: Record<string, unknown> = {}) =>
  only(withProps(baseline(), "hr-to-fabrikam", patch), "hr-to-fabrikam");

describe("cts-accidental-deletion-prevention", () => {
  it("should pass if prevention and threshold are left at their defaults (on, 500)", async () => {
    expect(await runResourcePolicy(policy, configuration())).toEqual([]);
  });

  it("should pass if the threshold is lower than the maximum", async () => {
    expect(
      await runResourcePolicy(policy, configuration({ accidentalDeletionThreshold: 50 })),
    ).toEqual([]);
  });

  it("should ignore the other resource types", async () => {
    expect(await runResourcePolicy(policy, baseline())).toEqual([]);
  });

  it("should fail if prevention is turned off", async () => {
    const violations = await runResourcePolicy(
      policy,
      configuration({ accidentalDeletionPrevention: false }),
    );
    expect(violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining(
        "SyncConfiguration 'hr-to-fabrikam' turns accidental-deletion prevention off",
      ),
    ]);
  });

  it("should fail if the threshold is above the default maximum of 500", async () => {
    const violations = await runResourcePolicy(
      policy,
      configuration({ accidentalDeletionThreshold: 501 }),
    );
    expect(violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining(
        "allows 501 deletions per cycle before quarantine; the maximum is 500",
      ),
    ]);
  });

  it("should fail if the default threshold exceeds a lower configured maximum", async () => {
    const violations = await runResourcePolicy(policy, configuration(), { maximumThreshold: 100 });
    expect(violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining("Set accidentalDeletionThreshold to 100 or less."),
    ]);
  });

  it("should pass if a raised maximum allows the threshold", async () => {
    const stack = configuration({ accidentalDeletionThreshold: 1000 });
    expect(await runResourcePolicy(policy, stack, { maximumThreshold: 1000 })).toEqual([]);
  });

  it("should pass if the settings are not known yet", async () => {
    const stack = configuration({
      accidentalDeletionPrevention: UNKNOWN_VALUE,
      accidentalDeletionThreshold: UNKNOWN_VALUE,
    });
    expect(await runResourcePolicy(policy, stack, { maximumThreshold: 10 })).toEqual([]);
  });
});
