import * as pulumi from "@pulumi/pulumi";
import { ForbiddenKeyError, forbiddenKeyFailures } from "../../src/provider/forbiddenKeys";
import { AttributeMapping } from "../../src/resources/attributeMapping";
import { SyncConfiguration } from "../../src/resources/syncConfiguration";

/**
 * A `__proto__` key vanishes on the way to the provider (it becomes the prototype), so the
 * resources refuse it, by name and path, while the program runs: before anything is registered.
 */
describe("forbidden keys in a program's arguments", () => {
  it("refuses __proto__ keys by path when the resource is constructed", () => {
    const args = JSON.parse(
      '{"tenantId":"t","servicePrincipalId":"s","jobId":"j",' +
        '"mappings":[{"__proto__":{"isAdmin":true},"targetAttribute":"department","constant":"x"}]}',
    );
    const construct = () => new AttributeMapping("poisoned", args);
    expect(construct).toThrow(ForbiddenKeyError);
    expect(construct).toThrow(
      /^AttributeMapping: mappings\[0\]\.__proto__: the key '__proto__' is not allowed.*remove it/,
    );
    const top = JSON.parse('{"__proto__":{},"sourceTenantId":"a","targetTenantId":"b"}');
    expect(() => new SyncConfiguration("poisoned", top)).toThrow(
      expect.objectContaining({
        code: "ForbiddenKey",
        message: expect.stringMatching(/: __proto__: /),
      }),
    );
  });

  it("sees a __proto__ key that has already become a prototype, and nothing in Outputs", () => {
    const props: Record<string, unknown> = {};
    props["__proto__"] = { polluted: true }; // what assignment-based copying does
    expect(forbiddenKeyFailures("SyncJob", { nested: props }).map((f) => f.property)).toEqual([
      "nested.__proto__",
    ]);
    expect(
      forbiddenKeyFailures("SyncJob", {
        tenantId: pulumi.output("t"),
        when: new Date(0),
        list: [{ a: 1 }],
      }),
    ).toEqual([]);
  });
});
