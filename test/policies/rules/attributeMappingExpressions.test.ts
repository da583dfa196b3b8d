import { attributeMappingExpressions as policy } from "../../../policies/rules";
import { baseline, only, withProps } from "../baseline";
import { runResourcePolicy, UNKNOWN_VALUE } from "../policyArgs";

const mappingResource = (mappings: unknown) =>
  only(withProps(baseline(), "hr-to-fabrikam-mappings", { mappings }), "hr-to-fabrikam-mappings");

const displayName = (expression: string) => [{ targetAttribute: "displayName", expression }];

describe("cts-attribute-mapping-expressions", () => {
  it("should pass if every expression parses", async () => {
    expect(await runResourcePolicy(policy, only(baseline(), "hr-to-fabrikam-mappings"))).toEqual(
      [],
    );
  });

  it("should ignore the other resource types", async () => {
    const others = baseline().filter((resource) => resource.kind !== "AttributeMapping");
    expect(await runResourcePolicy(policy, others)).toEqual([]);
  });

  it("should fail if an expression does not parse, pointing at the position", async () => {
    const text = 'Join(" ", [givenName], [surname]';
    const violations = await runResourcePolicy(policy, mappingResource(displayName(text)));
    expect(violations).toHaveLength(1);
    const { message } = violations[0];
    expect(message).toContain(
      "AttributeMapping 'hr-to-fabrikam-mappings': the expression for displayName does not parse",
    );
    expect(message).toContain(`line 1, column ${text.length + 1}`);
    // The offending line, with a caret under the column.
    expect(message).toContain(`\n  ${text}\n  ${" ".repeat(text.length)}^`);
  });

  it("should report the line of a multi-line expression", async () => {
    const text = 'Join(",",\n  [givenName]\n  [surname])';
    const [violation] = await runResourcePolicy(policy, mappingResource(displayName(text)));
    expect(violation.message).toMatch(/line 3, column \d+/);
    expect(violation.message).toContain("\n    [surname])\n");
  });

  it("should fail once per broken expression", async () => {
    const mappings = [
      { targetAttribute: "displayName", expression: "Join(" },
      { targetAttribute: "department", sourceAttribute: "department" },
      { targetAttribute: "jobTitle", expression: "Trim([jobTitle]" },
    ];
    const messages = (await runResourcePolicy(policy, mappingResource(mappings))).map(
      (v) => v.message,
    );
    expect(messages).toEqual([
      expect.stringContaining("the expression for displayName does not parse"),
      expect.stringContaining("the expression for jobTitle does not parse"),
    ]);
  });

  it("should fail if a mapping targets the matching attribute alternativeSecurityIds", async () => {
    const mappings = [{ targetAttribute: "alternativeSecurityIds", sourceAttribute: "objectId" }];
    const violations = await runResourcePolicy(policy, mappingResource(mappings));
    expect(violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining(
        "maps alternativeSecurityIds, the attribute cross-tenant sync matches users on. It cannot be changed: Graph refuses the schema with schemaInvalid",
      ),
    ]);
  });

  it("should fail if an expression is longer than maxExpressionLength", async () => {
    const violations = await runResourcePolicy(
      policy,
      mappingResource(displayName("Trim([displayName])")),
      {
        maxExpressionLength: 10,
      },
    );
    expect(violations.map((violation) => violation.message)).toEqual([
      expect.stringContaining("the expression for displayName has 19 characters; the limit is 10"),
    ]);
  });

  it("should pass if the mappings, or an expression, are not known yet", async () => {
    expect(await runResourcePolicy(policy, mappingResource(UNKNOWN_VALUE))).toEqual([]);
    expect(await runResourcePolicy(policy, mappingResource(displayName(UNKNOWN_VALUE)))).toEqual(
      [],
    );
    expect(await runResourcePolicy(policy, mappingResource([UNKNOWN_VALUE]))).toEqual([]);
  });
});
