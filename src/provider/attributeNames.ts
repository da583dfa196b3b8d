import type * as pulumi from "@pulumi/pulumi";
import { parseExpression, type AttributeMappingSource } from "../mapping";
import {
  DIRECTORY_EXTENSION_NAME,
  sourceAttributeNames,
  targetAttributeNames,
  type ObjectType,
} from "../schema/azure2azure";
import { containsUnknown } from "./properties";
import { didYouMean } from "./suggest";

/**
 * Attribute names of an AttributeMapping checked against the Azure2Azure schema's attribute
 * definitions at check time, with no Graph call (decisions/0087): a misspelt name fails preview
 * with a did-you-mean instead of failing `up` with Graph's 400 schemaInvalid. Directory extensions
 * count once the program declares them in `directoryExtensions`.
 */

export interface NamedEntries {
  objectType: ObjectType;
  mappings?: ReadonlyArray<{
    targetAttribute: string;
    sourceAttribute?: string;
    expression?: string;
  }>;
  scopingFilter?: ReadonlyArray<{ clauses: ReadonlyArray<{ sourceAttribute: string }> }>;
  directoryExtensions?: readonly string[];
}

/** Every `[attribute]` an expression reads, in order of appearance. */
export function attributesReadBy(tree: AttributeMappingSource): string[] {
  if (tree.type === "Attribute") return [tree.name];
  return tree.parameters.flatMap((parameter) => attributesReadBy(parameter.value));
}

function unknownName(
  resource: string,
  path: string,
  name: string,
  side: "source" | "target",
  objectType: ObjectType,
  known: readonly string[],
): pulumi.dynamic.CheckFailure {
  const shown = path.endsWith(".expression")
    ? `the expression reads [${name}], but '${name}'`
    : `'${name}'`;
  const what = `${shown} is not an attribute of the ${side} directory's ${objectType} object.`;
  const fix = DIRECTORY_EXTENSION_NAME.test(name)
    ? ` If the directory extension exists, declare it in directoryExtensions; otherwise correct the name.`
    : `${didYouMean(name, known)} Correct the name (attribute names are case-sensitive).`;
  return { property: path, reason: `${resource}: ${path}: ${what}${fix}` };
}

export function attributeNameFailures(
  resource: string,
  inputs: NamedEntries,
): pulumi.dynamic.CheckFailure[] {
  const extensions = (inputs.directoryExtensions ?? []).filter((n) => !containsUnknown(n));
  const source = [...sourceAttributeNames(inputs.objectType), ...extensions];
  const target = [...targetAttributeNames(inputs.objectType), ...extensions];
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const expect = (path: string, name: string, side: "source" | "target") => {
    const known = side === "source" ? source : target;
    if (!containsUnknown(name) && !known.includes(name)) {
      failures.push(unknownName(resource, path, name, side, inputs.objectType, known));
    }
  };
  (inputs.mappings ?? []).forEach((entry, index) => {
    expect(`mappings[${index}].targetAttribute`, entry.targetAttribute, "target");
    if (entry.sourceAttribute !== undefined) {
      expect(`mappings[${index}].sourceAttribute`, entry.sourceAttribute, "source");
    }
    if (entry.expression !== undefined && !containsUnknown(entry.expression)) {
      let tree: AttributeMappingSource;
      try {
        tree = parseExpression(entry.expression);
      } catch {
        return; // reported as a parse error with its position
      }
      const seen = new Set<string>();
      for (const name of attributesReadBy(tree)) {
        if (seen.has(name)) continue;
        seen.add(name);
        expect(`mappings[${index}].expression`, name, "source");
      }
    }
  });
  (inputs.scopingFilter ?? []).forEach((group, g) =>
    group.clauses.forEach((clause, c) =>
      expect(`scopingFilter[${g}].clauses[${c}].sourceAttribute`, clause.sourceAttribute, "source"),
    ),
  );
  return failures;
}
