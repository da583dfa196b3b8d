/**
 * The directories of a schema document, indexed for the rule checks: directory name -> object
 * name -> attribute names. Building the index validates the directory definitions themselves.
 */
import { ATTRIBUTE_METADATA_KEYS, OBJECT_METADATA_KEYS } from "../../../schema/metadataKeys";
import { listOf, objectsIn, schemaInvalid, type Json } from "./schemaInvalid";

const ATTRIBUTE_TYPES = ["String", "Integer", "Reference", "Binary", "Boolean", "DateTime"];

/** Metadata keys are enum members: a key outside the enum cannot be deserialised by the service. */
function requireMetadataKeys(holder: Json, known: readonly string[], where: string): void {
  if (!Array.isArray(holder.metadata)) return;
  for (const entry of holder.metadata as unknown[]) {
    const key = (entry as Json | null)?.key;
    if (!known.includes(String(key))) {
      throw schemaInvalid(
        `${where} has metadata key '${String(key)}'`,
        `Use one of ${known.join(", ")}, or leave the entry out`,
      );
    }
  }
}

export type DirectoryIndex = Map<string, Map<string, Set<string>>>;

function attributeNames(directory: string, object: Json): Set<string> {
  const names = new Set<string>();
  const objectName = String(object.name);
  for (const attribute of listOf(
    object.attributes,
    `directory '${directory}' object '${objectName}' attributes`,
  )) {
    const where = `directory '${directory}', object '${objectName}', attribute '${String(attribute.name)}'`;
    if (typeof attribute.name !== "string") {
      throw schemaInvalid(`${where} has no name`, "Name every attribute");
    }
    requireMetadataKeys(attribute, ATTRIBUTE_METADATA_KEYS, where);
    if (attribute.type !== undefined && !ATTRIBUTE_TYPES.includes(String(attribute.type))) {
      throw schemaInvalid(
        `${where} has type '${String(attribute.type)}'`,
        `Use one of ${ATTRIBUTE_TYPES.join(", ")}`,
      );
    }
    names.add(attribute.name);
  }
  return names;
}

export function indexDirectories(schema: Json): DirectoryIndex {
  const directories = objectsIn(schema.directories);
  if (!directories || directories.length === 0) {
    throw schemaInvalid(
      "directories are missing",
      "PUT replaces the whole schema: send the document GET .../schema returned, with its directories",
    );
  }
  const index: DirectoryIndex = new Map();
  for (const directory of directories) {
    const name = directory.name;
    if (typeof name !== "string" || name === "") {
      throw schemaInvalid("a directory has no name", "Name every directory");
    }
    if (index.has(name)) {
      throw schemaInvalid(`directory '${name}' appears twice`, "Directory names must be unique");
    }
    const objects = new Map<string, Set<string>>();
    for (const object of listOf(directory.objects, `directory '${name}' objects`)) {
      requireMetadataKeys(
        object,
        OBJECT_METADATA_KEYS,
        `directory '${name}', object '${String(object.name)}'`,
      );
      objects.set(String(object.name), attributeNames(name, object));
    }
    index.set(name, objects);
  }
  return index;
}

/** The attribute names of `object` in `directory`; schemaInvalid when it is not defined. */
export function directoryObject(
  index: DirectoryIndex,
  directory: string,
  object: unknown,
  where: string,
): Set<string> {
  const attributes = index.get(directory)?.get(String(object));
  if (!attributes) {
    throw schemaInvalid(
      `${where} names object '${String(object)}', which directory '${directory}' does not define`,
      "Use an object of that directory's objects[]",
    );
  }
  return attributes;
}
