export { PartnerPolicy } from "./partnerPolicy";
export { SyncConfiguration } from "./syncConfiguration";
export { SyncJob } from "./syncJob";
export { AttributeMapping } from "./attributeMapping";
export { Assignment } from "./assignment";
export { TYPE_TOKENS, TYPE_MODULE, typeToken } from "./typeTokens";
export type { ResourceName } from "./typeTokens";
export type * from "./args";
