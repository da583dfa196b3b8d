import { configWithDefaults } from "../../../policies/lib/config";

const schema = {
  properties: {
    ids: { type: "array" as const, default: ["a"] },
    limit: { type: "integer" as const, default: 500 },
    free: { type: "string" as const },
  },
};

describe("configWithDefaults", () => {
  it("should fill in the schema's defaults for missing keys", () => {
    expect(configWithDefaults(schema, {})).toEqual({ ids: ["a"], limit: 500 });
    expect(configWithDefaults(schema, undefined)).toEqual({ ids: ["a"], limit: 500 });
  });

  it("should keep the values given, including falsy ones", () => {
    expect(configWithDefaults(schema, { limit: 0, ids: [], free: "x" })).toEqual({
      ids: [],
      limit: 0,
      free: "x",
    });
  });

  it("should not hand out the schema's own default objects", () => {
    const config = configWithDefaults<{ ids: string[] }>(schema, {});
    config.ids.push("b");
    expect(schema.properties.ids.default).toEqual(["a"]);
  });
});
