/**
 * Validation of a schema PUT (a full replacement, decisions/reference/graph-cts.md §5.7, decisions/0016). The checks
 * mirror what the service is documented or observed to refuse: unknown rule ids, rules naming
 * directories or objects the document does not define, malformed object/attribute mappings and
 * scoping filters, invalid flow types, and changes to the template's matching attribute. Every
 * failure is a 400 schemaInvalid naming the part at fault.
 */
import { directoryObject, indexDirectories, type DirectoryIndex } from "./directoryIndex";
import { requireTemplateMatchingAttributes } from "./matchingAttributes";
import { validateMappingSource } from "./mappingSourceValidation";
import { isObject, listOf, objectsIn, schemaInvalid, type Json } from "./schemaInvalid";
import { validateScope } from "./scopeValidation";

const FLOW_TYPE_FLAGS = ["Add", "Update", "Delete"];
const ATTRIBUTE_FLOW_TYPES = [
  "Always",
  "ObjectAddOnly",
  "MultiValueAddOnly",
  "ValueAddOnly",
  "AttributeAddOnly",
];
const FLOW_BEHAVIORS = ["FlowWhenChanged", "FlowAlways"];

export interface SchemaValidationOptions {
  /** The template's default schema: known rule ids and fixed matching attributes. */
  template: Json;
  /** Why an expression text does not parse (from the expression module). */
  expressionProblem?: (expression: string) => string | undefined;
}

/** "Add, Update, Delete" or "Add,Update,Delete": a non-empty set of Add/Update/Delete. */
function validateFlowTypes(value: unknown, where: string): void {
  const flags = typeof value === "string" ? value.split(",").map((flag) => flag.trim()) : [];
  if (flags.length === 0 || flags.some((flag) => !FLOW_TYPE_FLAGS.includes(flag))) {
    throw schemaInvalid(
      `${where} has flowTypes '${String(value)}'`,
      'Use comma-separated Add, Update, Delete (e.g. "Add, Update" to stop deprovisioning)',
    );
  }
}

function requireOneOf(value: unknown, allowed: string[], what: string): void {
  if (value !== undefined && !allowed.includes(String(value))) {
    throw schemaInvalid(`${what} '${String(value)}'`, `Use one of ${allowed.join(", ")}`);
  }
}

function validateAttributeMapping(
  mapping: Json,
  objectWhere: string,
  source: Set<string>,
  target: Set<string>,
  options: SchemaValidationOptions,
): void {
  const name = mapping.targetAttributeName;
  const where = `${objectWhere}, attribute mapping '${String(name)}'`;
  if (typeof name !== "string" || !target.has(name)) {
    throw schemaInvalid(
      `${where} targets an attribute the target object does not define`,
      "Map to an attribute of the target object (add its attributeDefinition first)",
    );
  }
  if (mapping.matchingPriority !== undefined && !Number.isInteger(mapping.matchingPriority)) {
    throw schemaInvalid(
      `${where} matchingPriority must be an integer`,
      "Use 0 for non-matching mappings",
    );
  }
  requireOneOf(mapping.flowType, ATTRIBUTE_FLOW_TYPES, `${where} has flowType`);
  requireOneOf(mapping.flowBehavior, FLOW_BEHAVIORS, `${where} has flowBehavior`);
  if (mapping.defaultValue != null && typeof mapping.defaultValue !== "string") {
    throw schemaInvalid(
      `${where} defaultValue must be a string or null`,
      "Send the default as a string",
    );
  }
  validateMappingSource(mapping.source, {
    where,
    sourceAttributes: source,
    expressionProblem: options.expressionProblem,
  });
}

function validateObjectMapping(
  objectMapping: Json,
  rule: Json,
  index: DirectoryIndex,
  options: SchemaValidationOptions,
): void {
  const where = `object mapping '${String(objectMapping.name ?? objectMapping.targetObjectName)}'`;
  if (typeof objectMapping.enabled !== "boolean") {
    throw schemaInvalid(`${where} enabled must be true or false`, "Send enabled as a boolean");
  }
  validateFlowTypes(objectMapping.flowTypes, where);
  const source = directoryObject(
    index,
    String(rule.sourceDirectoryName),
    objectMapping.sourceObjectName,
    where,
  );
  const target = directoryObject(
    index,
    String(rule.targetDirectoryName),
    objectMapping.targetObjectName,
    where,
  );
  validateScope(objectMapping.scope, source, where);
  for (const mapping of listOf(objectMapping.attributeMappings, `${where} attributeMappings`)) {
    validateAttributeMapping(mapping, where, source, target, options);
  }
}

function validateRule(
  rule: Json,
  index: DirectoryIndex,
  knownRuleIds: Set<string>,
  options: SchemaValidationOptions,
): void {
  const where = `rule '${String(rule.name ?? rule.id)}'`;
  if (typeof rule.id !== "string" || !knownRuleIds.has(rule.id)) {
    throw schemaInvalid(
      `${where} has id '${String(rule.id)}', which the template does not know`,
      `Keep the rule ids of the template (${[...knownRuleIds].join(", ")})`,
    );
  }
  for (const side of ["sourceDirectoryName", "targetDirectoryName"] as const) {
    if (!index.has(String(rule[side]))) {
      throw schemaInvalid(
        `${where} ${side} '${String(rule[side])}' names no directory of this schema`,
        "Use a name from directories[].name",
      );
    }
  }
  if (rule.priority !== undefined && !Number.isInteger(rule.priority)) {
    throw schemaInvalid(`${where} priority must be an integer`, "Keep the template's priority");
  }
  for (const objectMapping of listOf(rule.objectMappings, `${where} objectMappings`)) {
    validateObjectMapping(objectMapping, rule, index, options);
  }
}

/** Returns `candidate` as a schema document, or throws schemaInvalid (400) for its first problem. */
export function validateSchema(candidate: unknown, options: SchemaValidationOptions): Json {
  if (!isObject(candidate)) {
    throw schemaInvalid(
      "the body must be a synchronizationSchema object",
      "Send the document GET .../schema returned",
    );
  }
  const rules = objectsIn(candidate.synchronizationRules);
  if (!rules) {
    throw schemaInvalid(
      "synchronizationRules must be an array",
      "Send the template's rules with your changes",
    );
  }
  const index = indexDirectories(candidate);
  const knownRuleIds = new Set(
    listOf(options.template.synchronizationRules, "template rules").map((rule) => String(rule.id)),
  );
  const seen = new Set<string>();
  for (const rule of rules) {
    if (seen.has(String(rule.id))) {
      throw schemaInvalid(`rule id '${String(rule.id)}' appears twice`, "Send each rule once");
    }
    seen.add(String(rule.id));
    validateRule(rule, index, knownRuleIds, options);
  }
  requireTemplateMatchingAttributes(candidate, options.template);
  return candidate;
}

/** The next schema version: "v1.2" -> "v1.3" (stored versions always have this form). */
export function nextSchemaVersion(current: unknown): string {
  const match = typeof current === "string" ? /^v(\d+)\.(\d+)$/.exec(current) : null;
  if (!match) return "v1.1";
  return `v${match[1]}.${Number(match[2]) + 1}`;
}
