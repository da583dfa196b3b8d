import { configurationOf } from "../../../policies/lib/links";
import { TYPE_TOKENS } from "pulumi-entra-cts";
import type { PolicyResource } from "@pulumi/policy";
import { UNKNOWN_VALUE } from "../policyArgs";

/** Minimal PolicyResource: links only read type, urn, props and the dependency lists. */
function resource(
  type: keyof typeof TYPE_TOKENS,
  name: string,
  props: Record<string, unknown>,
  links: { dependencies?: PolicyResource[]; spFrom?: PolicyResource[] } = {},
): PolicyResource {
  return {
    type: TYPE_TOKENS[type],
    name,
    urn: `urn:${name}`,
    props,
    opts: {} as PolicyResource["opts"],
    dependencies: links.dependencies ?? [],
    propertyDependencies: links.spFrom ? { servicePrincipalId: links.spFrom } : {},
    isType: () => false,
    asType: () => undefined,
  };
}

const first = resource("SyncConfiguration", "first", { servicePrincipalId: "sp-1" });
const second = resource("SyncConfiguration", "second", { servicePrincipalId: "sp-2" });
const configurations = [first, second];

describe("configurationOf", () => {
  it("should link by servicePrincipalId value", () => {
    const job = resource("SyncJob", "job", { servicePrincipalId: "sp-2" });
    expect(configurationOf(job, configurations)).toEqual({ kind: "linked", configuration: second });
  });

  it("should call a known servicePrincipalId of no configuration here external", () => {
    const job = resource("SyncJob", "job", { servicePrincipalId: "sp-9" });
    expect(configurationOf(job, configurations)).toEqual({ kind: "external" });
  });

  it("should link an unknown servicePrincipalId through its property dependency", () => {
    const job = resource(
      "SyncJob",
      "job",
      { servicePrincipalId: UNKNOWN_VALUE },
      { spFrom: [first] },
    );
    expect(configurationOf(job, configurations)).toEqual({ kind: "linked", configuration: first });
  });

  it("should link through a SyncJob the resource depends on", () => {
    const job = resource(
      "SyncJob",
      "job",
      { servicePrincipalId: UNKNOWN_VALUE },
      { spFrom: [second] },
    );
    const mapping = resource(
      "AttributeMapping",
      "mapping",
      { servicePrincipalId: UNKNOWN_VALUE },
      { dependencies: [job] },
    );
    expect(configurationOf(mapping, configurations)).toEqual({
      kind: "linked",
      configuration: second,
    });
  });

  it("should not guess between several configurations", () => {
    const job = resource(
      "SyncJob",
      "job",
      { servicePrincipalId: UNKNOWN_VALUE },
      { dependencies: configurations },
    );
    expect(configurationOf(job, configurations)).toEqual({ kind: "unknown" });
  });

  it("should say unknown without value or dependencies", () => {
    const job = resource("SyncJob", "job", { servicePrincipalId: UNKNOWN_VALUE });
    expect(configurationOf(job, configurations)).toEqual({ kind: "unknown" });
  });
});
