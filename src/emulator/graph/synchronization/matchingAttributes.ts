/**
 * The template's matching attributes are fixed (decisions/reference/graph-cts.md §5.7, decisions/0016): for CTS the
 * user mapping's `alternativeSecurityIds <- AltSecIdFromNetId([netId])` with matchingPriority 1.
 * A schema PUT that drops or changes one, or marks any other mapping as matching, is refused
 * with schemaInvalid, as the service does.
 */
import { isObject, objectsIn, schemaInvalid, type Json } from "./schemaInvalid";

/** A source tree without its text form, for comparing trees written with or without it. */
function normalizedTree(node: unknown): unknown {
  if (!isObject(node)) return node ?? null;
  return {
    type: node.type ?? "Attribute",
    name: node.name,
    parameters: (objectsIn(node.parameters) ?? []).map((pair) => [
      pair.key,
      normalizedTree(pair.value),
    ]),
  };
}

const sameTree = (left: unknown, right: unknown) =>
  JSON.stringify(normalizedTree(left)) === JSON.stringify(normalizedTree(right));

const priorityOf = (mapping: Json) =>
  typeof mapping.matchingPriority === "number" ? mapping.matchingPriority : 0;

const mappingLabel = (objectMapping: Json) =>
  `object mapping '${String(objectMapping.name ?? `${objectMapping.sourceObjectName} -> ${objectMapping.targetObjectName}`)}'`;

const rulesOf = (schema: Json) => objectsIn(schema.synchronizationRules) ?? [];
const objectMappingsOf = (rule: Json) => objectsIn(rule.objectMappings) ?? [];
const attributeMappingsOf = (objectMapping: Json) =>
  objectsIn(objectMapping.attributeMappings) ?? [];

const sameObjects = (left: Json, right: Json) =>
  left.sourceObjectName === right.sourceObjectName &&
  left.targetObjectName === right.targetObjectName;

const CHANGE_REMEDY =
  "The matching attribute of cross-tenant synchronization cannot be changed; keep the template's mapping as GET .../schema returns it";

/** Throws schemaInvalid when `candidate` does not keep the template's matching attributes. */
export function requireTemplateMatchingAttributes(candidate: Json, template: Json): void {
  for (const templateRule of rulesOf(template)) {
    const rule = rulesOf(candidate).find((r) => r.id === templateRule.id);
    for (const templateMapping of objectMappingsOf(templateRule)) {
      const fixed = attributeMappingsOf(templateMapping).filter((m) => priorityOf(m) > 0);
      if (fixed.length === 0) continue;
      const label = mappingLabel(templateMapping);
      const objectMapping =
        rule && objectMappingsOf(rule).find((m) => sameObjects(m, templateMapping));
      if (!objectMapping) {
        throw schemaInvalid(
          `${label} (rule '${String(templateRule.name)}') with its matching attribute is missing`,
          CHANGE_REMEDY,
        );
      }
      for (const expected of fixed) {
        const target = String(expected.targetAttributeName);
        const actual = attributeMappingsOf(objectMapping).find(
          (m) => m.targetAttributeName === target,
        );
        const where = `${mappingLabel(objectMapping)}, matching attribute mapping '${target}'`;
        if (!actual) throw schemaInvalid(`${where} is missing`, CHANGE_REMEDY);
        if (
          priorityOf(actual) !== priorityOf(expected) ||
          !sameTree(actual.source, expected.source) ||
          (actual.flowType ?? "Always") !== expected.flowType
        ) {
          throw schemaInvalid(`${where} was changed`, CHANGE_REMEDY);
        }
      }
    }
  }
  requireNoAddedMatchingAttributes(candidate, template);
}

function requireNoAddedMatchingAttributes(candidate: Json, template: Json): void {
  const fixedKeys = new Set<string>();
  for (const rule of rulesOf(template)) {
    for (const objectMapping of objectMappingsOf(rule)) {
      for (const mapping of attributeMappingsOf(objectMapping)) {
        if (priorityOf(mapping) > 0) {
          fixedKeys.add(
            `${rule.id}|${objectMapping.sourceObjectName}|${objectMapping.targetObjectName}|${mapping.targetAttributeName}`,
          );
        }
      }
    }
  }
  for (const rule of rulesOf(candidate)) {
    for (const objectMapping of objectMappingsOf(rule)) {
      for (const mapping of attributeMappingsOf(objectMapping)) {
        const key = `${rule.id}|${objectMapping.sourceObjectName}|${objectMapping.targetObjectName}|${mapping.targetAttributeName}`;
        if (priorityOf(mapping) > 0 && !fixedKeys.has(key)) {
          throw schemaInvalid(
            `${mappingLabel(objectMapping)}, attribute mapping '${String(mapping.targetAttributeName)}' has matchingPriority ${priorityOf(mapping)}; adding a matching attribute is not supported`,
            "Set matchingPriority to 0 on every mapping except the template's matching attribute",
          );
        }
      }
    }
  }
}
