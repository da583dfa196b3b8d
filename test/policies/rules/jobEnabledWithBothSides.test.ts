import { jobEnabledWithBothSides as policy } from "../../../policies/rules";
import { asFirstPreview, baseline, named, SOURCE, TARGET, withProps, without } from "../baseline";
import { runStackPolicy, UNKNOWN_VALUE, urnOf } from "../policyArgs";

const jobUrn = () => urnOf(named(baseline(), "hr-to-fabrikam-job"));
const targetMissing = () => without(baseline(), "fabrikam-accepts-hr");

describe("cts-job-enabled-with-both-sides", () => {
  it("should pass if the job runs and both PartnerPolicy sides are in the stack", async () => {
    expect(await runStackPolicy(policy, baseline())).toEqual([]);
  });

  it("should fail if the job runs (enabled by default) without the target side", async () => {
    const violations = await runStackPolicy(policy, targetMissing());
    expect(violations).toEqual([
      {
        urn: jobUrn(),
        message: expect.stringContaining(
          `SyncJob 'hr-to-fabrikam-job' is enabled, but SyncConfiguration 'hr-to-fabrikam' (source ${SOURCE}, target ${TARGET}) has no PartnerPolicy for its target side (tenant ${TARGET}, partner ${SOURCE})`,
        ),
      },
    ]);
  });

  it("should fail for each missing side", async () => {
    const stack = withProps(
      without(baseline(), "fabrikam-accepts-hr", "hr-trusts-fabrikam"),
      "hr-to-fabrikam-job",
      {
        enabled: true,
      },
    );
    const messages = (await runStackPolicy(policy, stack)).map((violation) => violation.message);
    expect(messages).toEqual([
      expect.stringContaining("for its source side"),
      expect.stringContaining("for its target side"),
    ]);
  });

  it("should pass if the job is paused until the missing side exists", async () => {
    const stack = withProps(targetMissing(), "hr-to-fabrikam-job", { enabled: false });
    expect(await runStackPolicy(policy, stack)).toEqual([]);
  });

  it("should pass if the missing side is externally managed", async () => {
    const config = {
      externallyManagedPairs: [{ sourceTenantId: SOURCE, targetTenantId: TARGET, side: "target" }],
    };
    expect(await runStackPolicy(policy, targetMissing(), config)).toEqual([]);
  });

  it("should fail during a first preview, linking the job through its dependencies", async () => {
    const violations = await runStackPolicy(policy, asFirstPreview(targetMissing()));
    expect(violations.map((violation) => violation.urn)).toEqual([jobUrn()]);
  });

  it("should pass if enabled is not known yet", async () => {
    const stack = withProps(targetMissing(), "hr-to-fabrikam-job", { enabled: UNKNOWN_VALUE });
    expect(await runStackPolicy(policy, stack)).toEqual([]);
  });
});
