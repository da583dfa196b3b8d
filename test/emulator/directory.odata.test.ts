import { compileFilter, pick } from "../../src/emulator/graph/odata";
import { GraphError } from "../../src/emulator/http/graphError";

const schema = {
  resource: "User",
  properties: ["displayName", "userType", "age", "servicePrincipal/id"],
};
const people = [
  {
    id: "1",
    displayName: "O'Brien",
    userType: "Member",
    age: 30,
    servicePrincipal: { id: "sp-1" },
  },
  { id: "2", displayName: "Olsen", userType: "Guest", age: 41, servicePrincipal: { id: "sp-2" } },
  { id: "3", displayName: "Ng", userType: null, age: 25 },
];
const matching = (expression: string) =>
  people.filter((p) => compileFilter(expression, schema)(p)).map((p) => p.id);

function failure(expression: string): GraphError {
  try {
    compileFilter(expression, schema);
  } catch (error) {
    return error as GraphError;
  }
  throw new Error(`expected '${expression}' to be refused`);
}

describe("$filter", () => {
  it("compares strings case-insensitively and reads doubled quotes as one", () => {
    expect(matching("displayName eq 'o''brien'")).toEqual(["1"]);
    expect(matching("userType ne 'member'")).toEqual(["2", "3"]);
  });

  it("handles null, numbers, ordering operators and nested paths", () => {
    expect(matching("userType eq null")).toEqual(["3"]);
    expect(matching("age ge 30")).toEqual(["1", "2"]);
    expect(matching("age lt 30")).toEqual(["3"]);
    expect(matching("servicePrincipal/id eq 'SP-2'")).toEqual(["2"]);
  });

  it("joins clauses with and, including startswith", () => {
    expect(matching("startswith(displayName,'o') and age gt 35")).toEqual(["2"]);
    expect(matching("startswith(displayName, 'O') and userType eq 'Member' and age eq 30")).toEqual(
      ["1"],
    );
  });

  it("refuses properties outside the schema with Graph's message", () => {
    const error = failure("mail eq 'x'");
    expect(error.status).toBe(400);
    expect(error.message).toBe(
      "Unsupported or invalid query filter clause specified for property 'mail' of resource 'User'.",
    );
  });

  it("refuses syntax it does not support instead of guessing", () => {
    for (const expression of [
      "displayName eq 'open",
      "displayName has 'x'",
      "displayName eq 'a' or displayName eq 'b'",
      "displayName eq Olsen",
      "startswith(displayName)",
      "",
    ]) {
      const error = failure(expression);
      expect(error.status).toBe(400);
      expect(error.message).toMatch(/^Invalid filter clause/);
    }
  });
});

describe("$select", () => {
  it("keeps the key, the selected properties (null when absent) and @odata.type", () => {
    expect(pick({ "@odata.type": "#x", id: "1", a: 1, b: 2 }, ["b", "c"])).toEqual({
      "@odata.type": "#x",
      id: "1",
      b: 2,
      c: null,
    });
    expect(pick({ tenantId: "t", a: 1 }, [], ["tenantId"])).toEqual({ tenantId: "t" });
  });
});
