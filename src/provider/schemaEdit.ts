import { formatExpression, parseExpression, type AttributeMappingSource } from "../mapping";
import type { AttributeMappingEntryArgs, ScopingFilterGroupArgs } from "../resources/args";
import { DEFAULT_APPLY, reportedApply } from "./graphDefaults";

/**
 * Pure edits of a synchronization schema document: find an object mapping, apply what an
 * AttributeMapping resource declares, project the live schema back onto those declarations, and
 * restore template defaults. Graph replaces the whole schema on PUT, so every change is a
 * read-modify-write of the full document made with these functions.
 */

type Json = Record<string, unknown>;

export const MATCHING_ATTRIBUTE = "alternativeSecurityIds";

/** What one AttributeMapping resource owns in an object mapping. */
export interface Declarations {
  objectType: "User" | "Group";
  mappings?: AttributeMappingEntryArgs[];
  scopingFilter?: ScopingFilterGroupArgs[];
  deleteOutOfScope?: boolean;
  enabled?: boolean;
}

interface GraphAttributeMapping extends Json {
  targetAttributeName: string;
  source: AttributeMappingSource | null;
  defaultValue?: string | null;
  flowType?: string;
  flowBehavior?: string;
  matchingPriority?: number;
}

/** The object mapping for an object type (User or Group) in the schema's first rule that has one. */
export function findObjectMapping(schema: Json, objectType: string): Json | undefined {
  for (const rule of (schema.synchronizationRules as Json[] | undefined) ?? []) {
    const found = ((rule.objectMappings as Json[] | undefined) ?? []).find(
      (mapping) => mapping.sourceObjectName === objectType,
    );
    if (found) return found;
  }
  return undefined;
}

/** Graph's source tree for a declared entry. */
export function sourceOf(entry: AttributeMappingEntryArgs): AttributeMappingSource {
  if (entry.sourceAttribute !== undefined) {
    return {
      expression: `[${entry.sourceAttribute}]`,
      name: entry.sourceAttribute,
      type: "Attribute",
      parameters: [],
    };
  }
  if (entry.constant !== undefined) {
    const node: AttributeMappingSource = {
      expression: "",
      name: entry.constant,
      type: "Constant",
      parameters: [],
    };
    return { ...node, expression: formatExpression(node) };
  }
  return parseExpression(entry.expression ?? "");
}

function toGraphMapping(entry: AttributeMappingEntryArgs): GraphAttributeMapping {
  return {
    targetAttributeName: entry.targetAttribute,
    source: sourceOf(entry),
    defaultValue: entry.defaultValue ?? null,
    exportMissingReferences: false,
    flowBehavior: "FlowWhenChanged",
    flowType: entry.apply === "onCreate" ? "ObjectAddOnly" : "Always",
    matchingPriority: 0,
  };
}

/**
 * A live mapping in the shape a program declares; `declared` is the program's entry for the same
 * target, so Graph's default flow is reported only where the program wrote it.
 */
export function entryOf(
  mapping: GraphAttributeMapping,
  declared?: AttributeMappingEntryArgs,
): AttributeMappingEntryArgs {
  const entry: AttributeMappingEntryArgs = { targetAttribute: mapping.targetAttributeName };
  const source = mapping.source;
  if (source?.type === "Attribute") entry.sourceAttribute = source.name;
  else if (source?.type === "Constant") entry.constant = source.name;
  else if (source) entry.expression = formatExpression(source);
  const apply = reportedApply(
    mapping.flowType === "ObjectAddOnly" ? "onCreate" : "always",
    declared?.apply,
  );
  if (apply) entry.apply = apply;
  if (mapping.defaultValue) entry.defaultValue = mapping.defaultValue;
  return entry;
}

/** A comparable form of an entry: meaning, not spelling. */
export function canonicalEntry(entry: AttributeMappingEntryArgs): string {
  let source: string;
  try {
    source = JSON.stringify(stripExpressions(sourceOf(entry)));
  } catch {
    source = `unparsed:${entry.expression ?? ""}`;
  }
  return JSON.stringify([
    entry.targetAttribute,
    source,
    entry.apply ?? DEFAULT_APPLY,
    entry.defaultValue ?? null,
  ]);
}

function stripExpressions(source: AttributeMappingSource): unknown {
  return [
    source.type,
    source.name,
    source.parameters.map((p) => [p.key, stripExpressions(p.value)]),
  ];
}

/** Equality of two mapping lists by meaning, ignoring order. */
export function sameMappings(a: unknown, b: unknown): boolean {
  const canon = (list: unknown) =>
    ((list as AttributeMappingEntryArgs[] | undefined) ?? []).map(canonicalEntry).sort().join("\n");
  return canon(a) === canon(b);
}

function toGraphScope(groups: ScopingFilterGroupArgs[]): Json | null {
  if (groups.length === 0) return null;
  return {
    categoryFilterGroups: [],
    groups: groups.map((group) => ({
      name: group.name,
      clauses: group.clauses.map((clause) => ({
        operatorName: clause.operator,
        sourceOperandName: clause.sourceAttribute,
        targetOperand: { values: clause.values ?? [] },
      })),
    })),
    inputFilterGroups: [],
  };
}

function fromGraphScope(scope: Json | null | undefined): ScopingFilterGroupArgs[] {
  const groups = (scope?.groups as Json[] | undefined) ?? [];
  return groups.map((group) => ({
    name: group.name as string,
    clauses: ((group.clauses as Json[] | undefined) ?? []).map((clause) => {
      const values =
        ((clause.targetOperand as Json | undefined)?.values as string[] | undefined) ?? [];
      return {
        sourceAttribute: clause.sourceOperandName as string,
        operator: clause.operatorName as string,
        ...(values.length ? { values } : {}),
      };
    }),
  }));
}

function flowTypesWith(flowTypes: string | undefined, deleteOutOfScope: boolean): string {
  const kinds = (flowTypes ?? "Add, Update, Delete")
    .split(",")
    .map((kind) => kind.trim())
    .filter(Boolean);
  const rest = kinds.filter((kind) => kind !== "Delete");
  return (deleteOutOfScope ? [...rest, "Delete"] : rest).join(", ");
}

/** Applies declarations to a copy of the schema. */
export function applyDeclarations(schema: Json, declarations: Declarations): Json {
  const copy = structuredClone(schema);
  const objectMapping = findObjectMapping(copy, declarations.objectType);
  if (!objectMapping) {
    throw new Error(`the schema has no ${declarations.objectType} object mapping`);
  }
  if (declarations.mappings) {
    const current = (objectMapping.attributeMappings as GraphAttributeMapping[] | undefined) ?? [];
    const declared = new Map(
      declarations.mappings.map((entry) => [entry.targetAttribute, toGraphMapping(entry)]),
    );
    const next = current.map((mapping) => declared.get(mapping.targetAttributeName) ?? mapping);
    for (const [target, mapping] of declared) {
      if (!current.some((existing) => existing.targetAttributeName === target)) next.push(mapping);
    }
    objectMapping.attributeMappings = next;
  }
  if (declarations.scopingFilter) objectMapping.scope = toGraphScope(declarations.scopingFilter);
  if (declarations.deleteOutOfScope !== undefined) {
    objectMapping.flowTypes = flowTypesWith(
      objectMapping.flowTypes as string | undefined,
      declarations.deleteOutOfScope,
    );
  }
  if (declarations.enabled !== undefined) objectMapping.enabled = declarations.enabled;
  return copy;
}

/** The live values of what the declarations own (missing mappings are left out, so diff shows them). */
export function projectDeclarations(
  schema: Json,
  declarations: Declarations,
  ownedTargets: readonly string[],
): Partial<Declarations> {
  const objectMapping = findObjectMapping(schema, declarations.objectType);
  if (!objectMapping) return {};
  const live = (objectMapping.attributeMappings as GraphAttributeMapping[] | undefined) ?? [];
  const result: Partial<Declarations> = {};
  if (declarations.mappings !== undefined || ownedTargets.length) {
    result.mappings = ownedTargets
      .map((target) => live.find((mapping) => mapping.targetAttributeName === target))
      .filter((mapping): mapping is GraphAttributeMapping => !!mapping)
      .map((mapping) =>
        entryOf(
          mapping,
          declarations.mappings?.find(
            (entry) => entry.targetAttribute === mapping.targetAttributeName,
          ),
        ),
      );
  }
  if (declarations.scopingFilter !== undefined)
    result.scopingFilter = fromGraphScope(objectMapping.scope as Json | null);
  if (declarations.deleteOutOfScope !== undefined) {
    result.deleteOutOfScope = String(objectMapping.flowTypes ?? "")
      .split(",")
      .map((k) => k.trim())
      .includes("Delete");
  }
  if (declarations.enabled !== undefined) result.enabled = objectMapping.enabled === true;
  return result;
}

/** Puts back the template's values for what a resource owned (its mappings, filter, flow types). */
export function restoreDefaults(schema: Json, template: Json, owned: Declarations): Json {
  const copy = structuredClone(schema);
  const objectMapping = findObjectMapping(copy, owned.objectType);
  const defaults = findObjectMapping(template, owned.objectType);
  if (!objectMapping || !defaults) return copy;
  const defaultMappings = (defaults.attributeMappings as GraphAttributeMapping[] | undefined) ?? [];
  const owns = new Set((owned.mappings ?? []).map((entry) => entry.targetAttribute));
  const restored: GraphAttributeMapping[] = [];
  for (const mapping of (objectMapping.attributeMappings as GraphAttributeMapping[] | undefined) ??
    []) {
    if (!owns.has(mapping.targetAttributeName)) restored.push(mapping);
    else {
      const original = defaultMappings.find(
        (d) => d.targetAttributeName === mapping.targetAttributeName,
      );
      if (original) restored.push(structuredClone(original));
    }
  }
  objectMapping.attributeMappings = restored;
  if (owned.scopingFilter !== undefined)
    objectMapping.scope = structuredClone(defaults.scope ?? null);
  if (owned.deleteOutOfScope !== undefined) objectMapping.flowTypes = defaults.flowTypes;
  if (owned.enabled !== undefined) objectMapping.enabled = defaults.enabled;
  return copy;
}
