/**
 * The metadata keys Graph's synchronization schema accepts (enums objectDefinitionMetadata and
 * attributeDefinitionMetadata in the v1.0 and beta metadata; decisions/0093). A schema read back
 * may carry a key outside them (an emulator snapshot taken before 0093 held
 * IsHardDeletionSupported); the whole schema is PUT back, so such entries are dropped first
 * rather than sent to a service that refuses the value.
 */

import { ATTRIBUTE_METADATA_KEYS, OBJECT_METADATA_KEYS } from "../schema/metadataKeys";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function keepKnown(holder: Json, known: readonly string[]): Json {
  if (!Array.isArray(holder.metadata)) return holder;
  const metadata = holder.metadata.filter(
    (entry) => !isObject(entry) || known.includes(String(entry.key)),
  );
  return metadata.length === holder.metadata.length ? holder : { ...holder, metadata };
}

/** A copy of `schema` without metadata entries whose key Graph's enums do not define. */
export function withKnownMetadataKeys(schema: Json): Json {
  if (!Array.isArray(schema.directories)) return schema;
  return {
    ...schema,
    directories: schema.directories.map((directory: unknown) => {
      if (!isObject(directory) || !Array.isArray(directory.objects)) return directory;
      return {
        ...directory,
        objects: directory.objects.map((object: unknown) => {
          if (!isObject(object)) return object;
          const kept = keepKnown(object, OBJECT_METADATA_KEYS);
          if (!Array.isArray(kept.attributes)) return kept;
          return {
            ...kept,
            attributes: kept.attributes.map((attribute: unknown) =>
              isObject(attribute) ? keepKnown(attribute, ATTRIBUTE_METADATA_KEYS) : attribute,
            ),
          };
        }),
      };
    }),
  };
}
