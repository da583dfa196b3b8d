import { userType as policy } from "../../../policies/rules";
import {
  asFirstPreview,
  baseline,
  JOB,
  named,
  SERVICE_PRINCIPAL,
  SOURCE,
  withProps,
} from "../baseline";
import { runStackPolicy, UNKNOWN_VALUE, urnOf, type StackResource } from "../policyArgs";

const withMappings = (mappings: unknown, extra: Record<string, unknown> = {}) =>
  withProps(baseline(), "hr-to-fabrikam-mappings", { mappings, ...extra });

const userTypeGuest = [{ targetAttribute: "userType", constant: "Guest" }];
const configurationUrn = () => urnOf(named(baseline(), "hr-to-fabrikam"));
const mappingUrn = () => urnOf(named(baseline(), "hr-to-fabrikam-mappings"));

describe("cts-user-type", () => {
  it("should pass if no mapping sets userType (template default Member) and Member is expected", async () => {
    expect(await runStackPolicy(policy, baseline())).toEqual([]);
  });

  it("should fail if no mapping sets userType but Guest is expected", async () => {
    const violations = await runStackPolicy(policy, baseline(), { expectedUserType: "Guest" });
    expect(violations).toEqual([
      {
        urn: configurationUrn(),
        message: expect.stringContaining(
          `creates Member users (the template default: no AttributeMapping sets userType), but Guest is expected`,
        ),
      },
    ]);
    expect(violations[0].message).toContain('{ targetAttribute: "userType", constant: "Guest" }');
  });

  it("should fail if a mapping makes users Guest while Member is expected", async () => {
    const violations = await runStackPolicy(policy, withMappings(userTypeGuest));
    expect(violations).toEqual([
      {
        urn: mappingUrn(),
        message: expect.stringContaining(
          `AttributeMapping 'hr-to-fabrikam-mappings' maps userType to the constant "Guest"`,
        ),
      },
    ]);
  });

  it("should pass if the mapping's constant matches expectedUserType", async () => {
    const violations = await runStackPolicy(policy, withMappings(userTypeGuest), {
      expectedUserType: "Guest",
    });
    expect(violations).toEqual([]);
  });

  it("should ignore userType mappings of the Group object mapping", async () => {
    const stack = withMappings(userTypeGuest, { objectType: "Group" });
    expect(await runStackPolicy(policy, stack)).toEqual([]);
  });

  it("should leave a userType computed by an expression to review", async () => {
    const stack = withMappings([
      { targetAttribute: "userType", expression: 'IIF([department]="Sales","Guest","Member")' },
    ]);
    expect(await runStackPolicy(policy, stack, { expectedUserType: "Guest" })).toEqual([]);
  });

  it("should check a second configuration separately", async () => {
    const other: StackResource[] = [
      {
        kind: "SyncConfiguration",
        name: "hr-to-northwind",
        props: {
          sourceTenantId: SOURCE,
          targetTenantId: "33333333-3333-4333-8333-333333333333",
          displayName: "Northwind",
          servicePrincipalId: "5e000000-0000-4000-8000-0000000000b2",
        },
      },
    ];
    // Only hr-to-fabrikam's mapping says Guest; hr-to-northwind keeps the default Member.
    const violations = await runStackPolicy(policy, [...withMappings(userTypeGuest), ...other], {
      expectedUserType: "Guest",
    });
    expect(violations.map((violation) => violation.urn)).toEqual([urnOf(other[0])]);
  });

  it("should link the mapping during a first preview through its dependencies", async () => {
    const violations = await runStackPolicy(policy, asFirstPreview(withMappings(userTypeGuest)));
    expect(violations.map((violation) => violation.urn)).toEqual([mappingUrn()]);
  });

  it("should pass if the mappings are not known yet", async () => {
    expect(
      await runStackPolicy(policy, withMappings(UNKNOWN_VALUE), { expectedUserType: "Guest" }),
    ).toEqual([]);
    const unknownConstant = withMappings([
      { targetAttribute: "userType", constant: UNKNOWN_VALUE },
    ]);
    expect(await runStackPolicy(policy, unknownConstant)).toEqual([]);
  });

  it("should pass if a mapping cannot be placed yet (it may set userType)", async () => {
    const unplaced: StackResource = {
      kind: "AttributeMapping",
      name: "unplaced",
      props: {
        tenantId: SOURCE,
        servicePrincipalId: UNKNOWN_VALUE,
        jobId: UNKNOWN_VALUE,
        mappings: userTypeGuest,
      },
    };
    expect(
      await runStackPolicy(policy, [...baseline(), unplaced], { expectedUserType: "Guest" }),
    ).toEqual([]);
  });

  it("should ignore mappings of a configuration managed elsewhere", async () => {
    const elsewhere: StackResource = {
      kind: "AttributeMapping",
      name: "elsewhere",
      props: {
        tenantId: SOURCE,
        servicePrincipalId: "0e000000-0000-4000-8000-0000000000ff",
        jobId: JOB,
        mappings: userTypeGuest,
      },
    };
    expect(await runStackPolicy(policy, [...baseline(), elsewhere])).toEqual([]);
    expect(SERVICE_PRINCIPAL).not.toBe(elsewhere.props.servicePrincipalId);
  });
});
