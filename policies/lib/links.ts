import type { PolicyResource } from "@pulumi/policy";
import { isResource } from "./resources";
import { readString } from "./known";

/**
 * Which SyncConfiguration a SyncJob, AttributeMapping or Assignment belongs to.
 *
 * - `linked`: found in this stack.
 * - `external`: its servicePrincipalId is known and no SyncConfiguration here has it (the
 *   configuration is managed elsewhere).
 * - `unknown`: cannot tell yet (preview, with no dependency pointing at one configuration).
 */
export type ConfigurationLink =
  { kind: "linked"; configuration: PolicyResource } | { kind: "external" } | { kind: "unknown" };

/** The children reach their configuration through these (an AttributeMapping via its SyncJob). */
const CHILD_TYPES = ["SyncJob", "AttributeMapping", "Assignment"] as const;
const MAX_HOPS = 3;

/**
 * After an update the servicePrincipalId values are known and match. During preview they are
 * not, but the engine tells stack policies which resources each property came from:
 * `propertyDependencies.servicePrincipalId`, and `dependencies` for everything else.
 */
export function configurationOf(
  resource: PolicyResource,
  configurations: readonly PolicyResource[],
): ConfigurationLink {
  return linkWithin(resource, configurations, MAX_HOPS);
}

function linkWithin(
  resource: PolicyResource,
  configurations: readonly PolicyResource[],
  hops: number,
): ConfigurationLink {
  const servicePrincipalId = readString(resource.props, "servicePrincipalId");
  if (typeof servicePrincipalId === "string") {
    const byValue = configurations.find(
      (configuration) =>
        readString(configuration.props, "servicePrincipalId") === servicePrincipalId,
    );
    if (byValue) return { kind: "linked", configuration: byValue };
  }
  const bySource = single(
    configurationsBehind(resource.propertyDependencies?.servicePrincipalId, configurations, hops),
  );
  if (bySource) return { kind: "linked", configuration: bySource };
  if (typeof servicePrincipalId === "string") return { kind: "external" };
  const byDependency = single(configurationsBehind(resource.dependencies, configurations, hops));
  return byDependency ? { kind: "linked", configuration: byDependency } : { kind: "unknown" };
}

/** The configurations among `dependencies`, directly or through a child resource. */
function configurationsBehind(
  dependencies: readonly PolicyResource[] | undefined,
  configurations: readonly PolicyResource[],
  hops: number,
): Set<PolicyResource> {
  const found = new Set<PolicyResource>();
  if (hops <= 0) return found;
  for (const dependency of dependencies ?? []) {
    const inStack = configurations.find((configuration) => configuration.urn === dependency.urn);
    if (inStack) {
      found.add(inStack);
    } else if (CHILD_TYPES.some((name) => isResource(dependency.type, name))) {
      const link = linkWithin(dependency, configurations, hops - 1);
      if (link.kind === "linked") found.add(link.configuration);
    }
  }
  return found;
}

function single<T>(items: Set<T>): T | undefined {
  return items.size === 1 ? [...items][0] : undefined;
}
