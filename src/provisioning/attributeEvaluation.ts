/**
 * Attribute mappings compiled once per cycle and evaluated per source object with the project's
 * expression evaluator. The CTS matching mapping `AltSecIdFromNetId([netId])` is computed here,
 * as the service computes it: its value is the user's netId, or nothing when the user has none.
 */
import {
  compileExpression,
  type AttributeMappingSourceInput,
  type CompiledExpression,
  type EvaluateOptions,
  type ExpressionSource,
} from "../mapping";
import type { AttributeMappingDocument, ObjectMappingDocument } from "./objectMappings";
import { filterAttributes } from "./scopeFilter";

export type MappedValue = string | readonly string[] | number | null;

/** What one mapping contributes for one object. */
export type MappingOutcome =
  | { kind: "value"; value: MappedValue }
  /** IgnoreFlowIfNullOrEmpty / IgnoreAttributeFlow: the attribute is left alone. */
  | { kind: "skipAttribute" }
  /** IgnoreObjectFlow: the whole object is skipped. */
  | { kind: "ignoreObject" };

export interface CompiledMapping {
  target: string;
  flowType: string;
  /** matchingPriority > 0: the attribute objects are matched on. */
  matching: boolean;
  evaluate(source: ExpressionSource, options: EvaluateOptions): MappingOutcome;
}

const ALT_SEC_ID_FUNCTION = "AltSecIdFromNetId";

function isAltSecIdFromNetId(source: AttributeMappingSourceInput | null): boolean {
  return source?.type === "Function" && source.name === ALT_SEC_ID_FUNCTION;
}

/** The attribute the function reads (`netId` in the template). */
function altSecIdInput(source: AttributeMappingSourceInput): string {
  const parameter = source.parameters?.[0]?.value;
  return parameter?.type === "Attribute" || parameter?.type === undefined
    ? (parameter?.name ?? "netId")
    : "netId";
}

const isEmpty = (value: MappedValue) =>
  value === null || value === "" || (Array.isArray(value) && value.length === 0);

function compileOne(mapping: AttributeMappingDocument): CompiledMapping {
  const base = {
    target: mapping.targetAttributeName,
    flowType: mapping.flowType,
    matching: mapping.matchingPriority > 0,
  };
  const withDefault = (value: MappedValue): MappingOutcome => ({
    kind: "value",
    value: isEmpty(value) && mapping.defaultValue !== null ? mapping.defaultValue : value,
  });
  const source = mapping.source;
  if (source === null) return { ...base, evaluate: () => withDefault(null) };
  if (isAltSecIdFromNetId(source)) {
    const input = altSecIdInput(source);
    return {
      ...base,
      evaluate: (record) => {
        const netId = record[input];
        return { kind: "value", value: typeof netId === "string" && netId !== "" ? netId : null };
      },
    };
  }
  const compiled: CompiledExpression = compileExpression(source);
  // The options are the same for a whole plan: bind the target attribute once, not per object.
  let planOptions: EvaluateOptions | undefined;
  let bound: EvaluateOptions = {};
  return {
    ...base,
    evaluate: (record, options) => {
      if (options !== planOptions) {
        planOptions = options;
        bound = { ...options, targetAttributeName: base.target };
      }
      const result = compiled(record, bound);
      if (result.kind === "ignoreFlow") return { kind: "skipAttribute" };
      if (result.kind === "keyword") {
        return result.name === "IgnoreObjectFlow"
          ? { kind: "ignoreObject" }
          : { kind: "skipAttribute" };
      }
      return withDefault(result.value);
    },
  };
}

/** Compiles every attribute mapping; throws ExpressionParseError for an unparsable one. */
export function compileMappings(objectMapping: ObjectMappingDocument): CompiledMapping[] {
  return objectMapping.attributeMappings.map(compileOne);
}

function attributeNames(node: AttributeMappingSourceInput | null | undefined, into: Set<string>) {
  if (!node) return;
  if ((node.type ?? "Attribute") === "Attribute") into.add(node.name);
  for (const parameter of node.parameters ?? []) attributeNames(parameter.value, into);
}

/** Every source attribute the mappings and filters of `objectMapping` read. */
export function referencedSourceAttributes(objectMapping: ObjectMappingDocument): string[] {
  const names = new Set<string>();
  for (const mapping of objectMapping.attributeMappings) attributeNames(mapping.source, names);
  for (const name of filterAttributes(objectMapping.scopeGroups)) names.add(name);
  for (const name of filterAttributes(objectMapping.inputFilterGroups)) names.add(name);
  return [...names];
}
