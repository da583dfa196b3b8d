import type { PolicyResource } from "@pulumi/policy";
import { TYPE_TOKENS, type ResourceName } from "pulumi-entra-cts";

/** Whether `type` (a resource's type token) is the package's resource `name`. */
export function isResource(type: string, name: ResourceName): boolean {
  return type === TYPE_TOKENS[name];
}

/** The stack's resources of one of the package's types, in stack order. */
export function resourcesOf(
  resources: readonly PolicyResource[],
  name: ResourceName,
): PolicyResource[] {
  return resources.filter((resource) => isResource(resource.type, name));
}
