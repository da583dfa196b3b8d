/**
 * Every resource registers as `pulumi-nodejs:dynamic/entra-cts:<Name>`, so `pulumi stack`,
 * the policy pack and state files can tell them apart (plain dynamic resources all share
 * `pulumi-nodejs:dynamic:Resource`).
 */
export const TYPE_MODULE = "entra-cts";

export const RESOURCE_NAMES = [
  "PartnerPolicy",
  "SyncConfiguration",
  "SyncJob",
  "AttributeMapping",
  "Assignment",
] as const;

export type ResourceName = (typeof RESOURCE_NAMES)[number];

/** The full type token of a resource, e.g. `pulumi-nodejs:dynamic/entra-cts:SyncJob`. */
export function typeToken(name: ResourceName): string {
  return `pulumi-nodejs:dynamic/${TYPE_MODULE}:${name}`;
}

export const TYPE_TOKENS: Readonly<Record<ResourceName, string>> = {
  PartnerPolicy: typeToken("PartnerPolicy"),
  SyncConfiguration: typeToken("SyncConfiguration"),
  SyncJob: typeToken("SyncJob"),
  AttributeMapping: typeToken("AttributeMapping"),
  Assignment: typeToken("Assignment"),
};
