import type { ResourceName } from "../resources/typeTokens";
import type { ResourceImplementation } from "./implementation";

import { withDeadline } from "../graph/deadline";
import { currentSettings } from "./runtime";

export { configure } from "./runtime";

/** Loaded on first use, so a provider process only loads what its stack uses. */
/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading is the point here */
const loaders: Record<ResourceName, () => ResourceImplementation> = {
  PartnerPolicy: () => require("./partnerPolicy").partnerPolicy,
  SyncConfiguration: () => require("./syncConfiguration").syncConfiguration,
  SyncJob: () => require("./syncJob").syncJob,
  AttributeMapping: () => require("./attributeMapping").attributeMapping,
  Assignment: () => require("./assignment").assignment,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Drops undefined values: the host turns results into protobuf Structs, which reject them
 * ("Unexpected struct type"), and the engine treats a missing property as unset anyway.
 */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== undefined)
        .map(([key, inner]) => [key, withoutUndefined(inner)]),
    ) as T;
  }
  return value;
}

const cache = new Map<ResourceName, ResourceImplementation>();

/** The implementation behind a resource type; the serialized providers call this. */
export function implementationOf(name: ResourceName): ResourceImplementation {
  let implementation = cache.get(name);
  if (!implementation) {
    const inner = loaders[name]();
    // Graph operations share one deadline each (decisions/0043); check and diff make no calls.
    const bounded = <T>(work: () => Promise<T>) =>
      withDeadline(currentSettings().operationTimeoutInMs, work);
    implementation = {
      check: async (olds, news) => withoutUndefined(await inner.check(olds, news)),
      diff: (id, olds, news) => inner.diff(id, olds, news),
      create: (inputs) => bounded(async () => withoutUndefined(await inner.create(inputs))),
      read: (id, props) => bounded(async () => withoutUndefined(await inner.read(id, props))),
      update: (id, olds, news) =>
        bounded(async () => withoutUndefined(await inner.update(id, olds, news))),
      delete: (id, props) => bounded(() => inner.delete(id, props)),
    };
    cache.set(name, implementation);
  }
  return implementation;
}
