/**
 * Hand-built policy arguments, shaped the way the analyzer builds them: props wrapped in
 * @pulumi/policy's own unknown-checking proxy (reading an unknown value throws, as in a real
 * preview), dependencies and propertyDependencies resolved to the resource objects.
 * @pulumi/policy ships no helper for this.
 */
import {
  unknownCheckingProxy,
  type Policy,
  type PolicyResource,
  type PolicyResourceOptions,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationArgs,
  type StackValidationPolicy,
} from "@pulumi/policy";
import { TYPE_TOKENS, type ResourceName } from "pulumi-entra-cts";

/** What the engine sends for a value not known until the update (every type uses it). */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** One resource of a test stack, named by kind and name; links name other resources. */
export interface StackResource {
  kind: ResourceName;
  name: string;
  props: Record<string, unknown>;
  /** Property name -> names of the resources its value came from. */
  propertyDependencies?: Record<string, string[]>;
  /** Names of every resource this one depends on (the engine includes the property ones). */
  dependencies?: string[];
}

export interface Violation {
  message: string;
  urn?: string;
}

export function urnOf(resource: Pick<StackResource, "kind" | "name">): string {
  return `urn:pulumi:dev::cts-stack::${TYPE_TOKENS[resource.kind]}::${resource.name}`;
}

const OPTIONS: PolicyResourceOptions = {
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
};

const proxied = (props: Record<string, unknown>): Record<string, unknown> =>
  unknownCheckingProxy(structuredClone(props));

function notApplicable(reason?: string): never {
  throw new Error(`notApplicable: ${reason ?? ""}`);
}

function stackArgs(resources: readonly StackResource[], config: object): StackValidationArgs {
  const built = new Map<string, PolicyResource>();
  for (const resource of resources) {
    built.set(resource.name, {
      type: TYPE_TOKENS[resource.kind],
      name: resource.name,
      urn: urnOf(resource),
      props: proxied(resource.props),
      opts: OPTIONS,
      dependencies: [],
      propertyDependencies: {},
      isType: () => false,
      asType: () => undefined,
    });
  }
  const lookUp = (name: string): PolicyResource => {
    const found = built.get(name);
    if (!found) throw new Error(`test stack: no resource named '${name}'`);
    return found;
  };
  for (const resource of resources) {
    const policyResource = lookUp(resource.name);
    policyResource.dependencies = (resource.dependencies ?? []).map(lookUp);
    for (const [property, names] of Object.entries(resource.propertyDependencies ?? {})) {
      policyResource.propertyDependencies[property] = names.map(lookUp);
    }
  }
  return {
    resources: [...built.values()],
    stackTags: new Map(),
    getConfig: <T extends object>() => structuredClone(config) as T,
    notApplicable,
  };
}

function resourceArgs(resource: StackResource, config: object): ResourceValidationArgs {
  return {
    type: TYPE_TOKENS[resource.kind],
    name: resource.name,
    urn: urnOf(resource),
    props: proxied(resource.props),
    opts: OPTIONS,
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T extends object>() => structuredClone(config) as T,
    notApplicable,
  };
}

function isStackPolicy(policy: Policy): policy is StackValidationPolicy {
  return typeof (policy as StackValidationPolicy).validateStack === "function";
}

/** Runs a stack policy over `resources`; returns what it reported. */
export async function runStackPolicy(
  policy: Policy,
  resources: readonly StackResource[],
  config: object = {},
): Promise<Violation[]> {
  if (!isStackPolicy(policy)) throw new Error(`${policy.name} is not a stack policy`);
  const violations: Violation[] = [];
  await policy.validateStack(stackArgs(resources, config), (message, urn) =>
    violations.push({ message, urn }),
  );
  return violations;
}

/**
 * Runs a resource policy over each resource of `resources` in turn (as Analyze does); returns
 * what it reported, with the URN of the resource being validated.
 */
export async function runResourcePolicy(
  policy: Policy,
  resources: readonly StackResource[],
  config: object = {},
): Promise<Violation[]> {
  const validations = (policy as ResourceValidationPolicy).validateResource;
  if (!validations) throw new Error(`${policy.name} is not a resource policy`);
  const violations: Violation[] = [];
  for (const resource of resources) {
    for (const validate of Array.isArray(validations) ? validations : [validations]) {
      await validate(resourceArgs(resource, config), (message) =>
        violations.push({ message, urn: urnOf(resource) }),
      );
    }
  }
  return violations;
}
