import { groupBasedScope as policy } from "../../../policies/rules";
import {
  ALICE,
  asFirstPreview,
  baseline,
  named,
  SERVICE_PRINCIPAL,
  SOURCE,
  withProps,
  without,
} from "../baseline";
import { runStackPolicy, UNKNOWN_VALUE, urnOf, type StackResource } from "../policyArgs";

const aliceAssigned: StackResource = {
  kind: "Assignment",
  name: "hr-to-fabrikam-alice",
  props: {
    tenantId: SOURCE,
    servicePrincipalId: SERVICE_PRINCIPAL,
    principalId: ALICE,
    principalType: "User",
  },
  propertyDependencies: { servicePrincipalId: ["hr-to-fabrikam"] },
  dependencies: ["hr-to-fabrikam"],
};

const configurationUrn = () => urnOf(named(baseline(), "hr-to-fabrikam"));

describe("cts-group-based-scope", () => {
  it("should pass if the configuration is scoped to an assigned group", async () => {
    expect(await runStackPolicy(policy, baseline())).toEqual([]);
  });

  it('should pass if scope is "assigned" explicitly', async () => {
    const stack = withProps(baseline(), "hr-to-fabrikam", { scope: "assigned" });
    expect(await runStackPolicy(policy, stack)).toEqual([]);
  });

  it('should fail if scope is "all"', async () => {
    const stack = withProps(baseline(), "hr-to-fabrikam", { scope: "all" });
    const violations = await runStackPolicy(policy, stack);
    expect(violations).toEqual([
      {
        urn: configurationUrn(),
        message: expect.stringContaining(`SyncConfiguration 'hr-to-fabrikam' has scope "all"`),
      },
    ]);
  });

  it("should fail if a single user is assigned beside the group", async () => {
    const violations = await runStackPolicy(policy, [...baseline(), aliceAssigned]);
    expect(violations).toEqual([
      {
        urn: urnOf(aliceAssigned),
        message: expect.stringContaining(
          `Assignment 'hr-to-fabrikam-alice' assigns User ${ALICE} directly`,
        ),
      },
    ]);
  });

  it("should fail twice if the only assignment is a single user (user, and no group)", async () => {
    const stack = [...without(baseline(), "hr-to-fabrikam-sales"), aliceAssigned];
    const violations = await runStackPolicy(policy, stack);
    expect(violations.map((violation) => violation.urn)).toEqual([
      urnOf(aliceAssigned),
      configurationUrn(),
    ]);
    expect(violations[1].message).toContain(
      "SyncConfiguration 'hr-to-fabrikam' has no group assigned",
    );
  });

  it("should pass for a user in allowedUserPrincipalIds (any case)", async () => {
    const config = { allowedUserPrincipalIds: [ALICE.toUpperCase()] };
    expect(await runStackPolicy(policy, [...baseline(), aliceAssigned], config)).toEqual([]);
  });

  it("should still require a group if the only assignment is an allowed user", async () => {
    const config = { allowedUserPrincipalIds: [ALICE] };
    const stack = [...without(baseline(), "hr-to-fabrikam-sales"), aliceAssigned];
    const violations = await runStackPolicy(policy, stack, config);
    expect(violations.map((violation) => violation.urn)).toEqual([configurationUrn()]);
  });

  it("should fail if the configuration has no assignment at all", async () => {
    const violations = await runStackPolicy(policy, without(baseline(), "hr-to-fabrikam-sales"));
    expect(violations.map((violation) => violation.urn)).toEqual([configurationUrn()]);
  });

  it("should fail if the group is assigned to another configuration", async () => {
    // A group assigned to a configuration managed elsewhere does not scope this one.
    const stack = withProps(baseline(), "hr-to-fabrikam-sales", {
      servicePrincipalId: "0e000000-0000-4000-8000-0000000000ff",
    });
    const unlinked = stack.map((resource) =>
      resource.name === "hr-to-fabrikam-sales"
        ? { ...resource, propertyDependencies: {}, dependencies: [] }
        : resource,
    );
    const violations = await runStackPolicy(policy, unlinked);
    expect(violations.map((violation) => violation.urn)).toEqual([configurationUrn()]);
  });

  it("should pass during a first preview, linking the group through its dependencies", async () => {
    expect(await runStackPolicy(policy, asFirstPreview(baseline()))).toEqual([]);
  });

  it("should fail during a first preview if a single user is assigned", async () => {
    const stack = asFirstPreview([...without(baseline(), "hr-to-fabrikam-sales"), aliceAssigned]);
    const violations = await runStackPolicy(policy, stack);
    expect(violations.map((violation) => violation.urn)).toEqual([
      urnOf(aliceAssigned),
      configurationUrn(),
    ]);
  });

  it("should pass if scope or principalType is not known yet", async () => {
    let stack = withProps(baseline(), "hr-to-fabrikam", { scope: UNKNOWN_VALUE });
    stack = withProps(stack, "hr-to-fabrikam-sales", { principalType: UNKNOWN_VALUE });
    expect(await runStackPolicy(policy, stack)).toEqual([]);
  });

  it("should not claim a missing group if an assignment cannot be placed yet", async () => {
    const unplaced = {
      ...named(asFirstPreview(baseline()), "hr-to-fabrikam-sales"),
      propertyDependencies: {},
      dependencies: [],
    };
    const stack = [...without(baseline(), "hr-to-fabrikam-sales"), unplaced];
    expect(await runStackPolicy(policy, stack)).toEqual([]);
  });
});
