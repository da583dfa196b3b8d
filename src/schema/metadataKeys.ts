/**
 * The metadata keys Graph's synchronization schema accepts: enums objectDefinitionMetadata and
 * attributeDefinitionMetadata in the v1.0 and beta metadata (decisions/0093). One list for the
 * emulator, which refuses other keys, and the provider, which drops them before a schema PUT.
 */
export const OBJECT_METADATA_KEYS: readonly string[] = [
  "BaseObjectName",
  "ConnectorDataStorageRequired",
  "Extensions",
  "IsSoftDeletionSupported",
  "IsSynchronizeAllSupported",
  "PropertyNameAccountEnabled",
  "PropertyNameSoftDeleted",
];

export const ATTRIBUTE_METADATA_KEYS: readonly string[] = [
  "BaseAttributeName",
  "ComplexObjectDefinition",
  "IsContainer",
  "IsCustomerDefined",
  "IsDomainQualified",
  "LinkPropertyNames",
  "LinkTypeName",
  "MaximumLength",
  "ReferencedProperty",
];
