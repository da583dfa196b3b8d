/**
 * The function catalogue: every function of the language, looked up by name, plus the bare
 * keywords. Other modules read it through `listExpressionFunctions()`.
 */
import type { FlowKeyword } from "../types";
import { CONTROL_FUNCTIONS } from "./control";
import { CONVERSION_FUNCTIONS } from "./conversion";
import { DATE_FUNCTIONS } from "./dates";
import { MULTIVALUE_FUNCTIONS } from "./multivalue";
import { Replace } from "./replace";
import type { FunctionEngine, FunctionSpec, KeySource, ParameterType, ReturnType } from "./spec";
import { STRING_FUNCTIONS } from "./strings";

export type { FunctionSpec } from "./spec";

const ALL: readonly FunctionSpec[] = [
  ...STRING_FUNCTIONS,
  Replace,
  ...CONVERSION_FUNCTIONS,
  ...CONTROL_FUNCTIONS,
  ...MULTIVALUE_FUNCTIONS,
  ...DATE_FUNCTIONS,
].sort((a, b) => a.name.localeCompare(b.name, "en"));

const BY_NAME = new Map(ALL.map((f) => [f.name, f]));
const BY_LOWER_NAME = new Map(ALL.map((f) => [f.name.toLowerCase(), f]));

/** The function with exactly this name. */
export function functionByName(name: string): FunctionSpec | undefined {
  return BY_NAME.get(name);
}

/** The function with this name in any letter case. */
export function functionByNameIgnoringCase(name: string): FunctionSpec | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

/** Every function spec, sorted by name. */
export function allFunctions(): readonly FunctionSpec[] {
  return ALL;
}

/** Keywords that end the flow when they become the result. */
export const FLOW_KEYWORDS: readonly FlowKeyword[] = ["IgnoreAttributeFlow", "IgnoreObjectFlow"];

/** Keywords that are values of a specific parameter (InStr's compareType, ConvertFromBase64's encoding). */
export const VALUE_KEYWORDS: readonly string[] = [
  "vbBinaryCompare",
  "vbTextCompare",
  "Unicode",
  "ASCII",
  "UTF8",
];

const KEYWORDS_BY_LOWER = new Map(
  [...FLOW_KEYWORDS, ...VALUE_KEYWORDS].map((k) => [k.toLowerCase(), k]),
);

/** The canonical spelling of a keyword written in any case, or undefined. */
export function canonicalKeyword(name: string): string | undefined {
  return KEYWORDS_BY_LOWER.get(name.toLowerCase());
}

/** A parameter in the function catalogue. */
export interface ExpressionFunctionParameterInfo {
  /** The Graph parameter key used in `attributeMappingSource` trees. */
  readonly key: string;
  /** The parameter name in Microsoft's function reference. */
  readonly documentedName: string;
  readonly required: boolean;
  /** The parameter repeats (Join's sources, Switch's keys and values, ...). */
  readonly repeatable: boolean;
  readonly type: ParameterType;
  /** Whether the key is published by Graph, seen in a real tree, or inferred. */
  readonly keySource: KeySource;
  /** Bare keywords this parameter accepts. */
  readonly keywords: readonly string[];
}

/** A function in the catalogue. */
export interface ExpressionFunctionInfo {
  readonly name: string;
  /** Parameters in slot order; a repeatable parameter is last. */
  readonly parameters: readonly ExpressionFunctionParameterInfo[];
  readonly minArguments: number;
  /** `null` when the last parameter repeats without limit. */
  readonly maxArguments: number | null;
  readonly returns: ReturnType;
  /** Which engines document the function. */
  readonly engines: readonly FunctionEngine[];
  /** Must be the outermost call (SelectUniqueValue). */
  readonly topLevelOnly: boolean;
  readonly description: string;
}

/**
 * The function catalogue: names, Graph parameter keys, arity, return types.
 *
 * @example
 * const join = listExpressionFunctions().find((f) => f.name === "Join");
 * join?.parameters.map((p) => p.key); // ["separator", "source"]
 */
export function listExpressionFunctions(): ExpressionFunctionInfo[] {
  return ALL.map((f) => ({
    name: f.name,
    parameters: f.params.map((p) => ({
      key: p.key,
      documentedName: p.name,
      required: p.required,
      repeatable: p.repeatable,
      type: p.type,
      keySource: p.keySource,
      keywords: p.keywords ?? [],
    })),
    minArguments: f.minArgs,
    maxArguments: Number.isFinite(f.maxArgs) ? f.maxArgs : null,
    returns: f.returns,
    engines: f.engines,
    topLevelOnly: f.topLevelOnly ?? false,
    description: f.description,
  }));
}
