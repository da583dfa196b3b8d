import type { ResourceName } from "../resources/typeTokens";
import type { ResourceImplementation } from "./implementation";

export { configure } from "./runtime";

/** Loaded on first use, so a provider process only loads what its stack uses. */
const loaders: Record<ResourceName, () => ResourceImplementation> = {
  PartnerPolicy: () => require("./partnerPolicy").partnerPolicy,
  SyncConfiguration: () => require("./syncConfiguration").syncConfiguration,
  SyncJob: () => require("./syncJob").syncJob,
  AttributeMapping: () => require("./attributeMapping").attributeMapping,
  Assignment: () => require("./assignment").assignment,
};

/** The implementation behind a resource type; the serialized providers call this. */
export function implementationOf(name: ResourceName): ResourceImplementation {
  return loaders[name]();
}
