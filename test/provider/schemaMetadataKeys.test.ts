/** The provider drops schema metadata entries outside Graph's enums before it PUTs a schema back. */
import { withKnownMetadataKeys } from "../../src/provider/schemaMetadataKeys";

describe("withKnownMetadataKeys", () => {
  it("drops object and attribute metadata keys Graph's enums lack, keeps the rest", () => {
    const schema = {
      id: "Azure2Azure",
      directories: [
        {
          name: "Azure Active Directory",
          objects: [
            {
              name: "User",
              metadata: [
                { key: "IsSoftDeletionSupported", value: "true" },
                { key: "IsHardDeletionSupported", value: "true" },
              ],
              attributes: [
                {
                  name: "manager",
                  metadata: [
                    { key: "IsContainer", value: "false" },
                    { key: "NotAnEnumMember", value: "x" },
                  ],
                },
                { name: "mail" },
              ],
            },
          ],
        },
      ],
    };
    const sent = withKnownMetadataKeys(schema);
    const user = (sent.directories as Array<{ objects: Array<Record<string, unknown>> }>)[0]
      .objects[0];
    expect(user.metadata).toEqual([{ key: "IsSoftDeletionSupported", value: "true" }]);
    expect(user.attributes).toEqual([
      { name: "manager", metadata: [{ key: "IsContainer", value: "false" }] },
      { name: "mail" },
    ]);
    // The document read from Graph is not changed in place.
    expect(schema.directories[0].objects[0].metadata).toHaveLength(2);
  });

  it("leaves a schema without directories as it is", () => {
    const schema = { synchronizationRules: [] };
    expect(withKnownMetadataKeys(schema)).toBe(schema);
  });
});
