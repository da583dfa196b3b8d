/**
 * Public types of the attribute-mapping expression language.
 *
 * `AttributeMappingSource` mirrors Microsoft Graph's `attributeMappingSource` resource, the tree form
 * of an expression that Graph stores in a synchronization schema.
 */

/** The three node types Graph uses in an `attributeMappingSource` tree. */
export type AttributeMappingSourceType = "Attribute" | "Constant" | "Function";

/** One `{key, value}` entry of a Function node (Graph's `stringKeyAttributeMappingSourceValuePair`). */
export interface AttributeMappingParameter {
  /** The Graph parameter key, for example `source`, `Find` or `switchValue`. */
  key: string;
  /** The argument. */
  value: AttributeMappingSource;
}

/**
 * Graph's `attributeMappingSource`: the tree form of an attribute-mapping expression, as
 * `parseExpression` returns it (every member present, `expression` in canonical form).
 */
export interface AttributeMappingSource {
  /** The text form of this node. For Constant nodes it is always the quoted form (`"\"1\""`). */
  expression: string;
  /** Attribute name, unescaped constant value, or function name. */
  name: string;
  type: AttributeMappingSourceType;
  /** Function arguments in parameter order; omitted arguments are absent. Empty for other types. */
  parameters: AttributeMappingParameter[];
}

/** A parameter of an {@link AttributeMappingSourceInput}. */
export interface AttributeMappingParameterInput {
  key: string;
  value: AttributeMappingSourceInput;
}

/**
 * An `attributeMappingSource` as Graph may hand it over: schema PUT inputs and some responses
 * leave out `expression` and `parameters`, and `type` defaults to `"Attribute"`. Accepted by
 * `formatExpression`, `evaluateExpression`, `compileExpression` and `canonicalizeTree`.
 */
export interface AttributeMappingSourceInput {
  expression?: string | null;
  name: string;
  type?: AttributeMappingSourceType;
  parameters?: AttributeMappingParameterInput[] | null;
}

/** Options for `parseExpression`. */
export interface ParseOptions {
  /**
   * Strict mode rejects what the lenient default accepts for compatibility with published examples:
   * unknown backslash escapes in strings (`"\+"`, rejected at the lex stage) and function names or
   * keywords in non-canonical letter case (`switch(`, rejected at the validate stage).
   * Default `false`.
   */
  strict?: boolean;
}

/**
 * The source object an expression reads: attribute name to value. A missing key, `undefined` or
 * `null` is NULL (attribute not present); `""` is an empty string; an array is a multi-valued
 * attribute (an empty array is NULL).
 */
export type ExpressionSource = Readonly<
  Record<string, string | readonly string[] | undefined | null>
>;

/** Options for evaluating an expression. */
export interface EvaluateOptions {
  /** The instant `Now()` returns. Default: the current time, read once per evaluation. */
  now?: Date;
  /** Seed for `Guid()` and `RandomString()`; with a seed, evaluation is deterministic. */
  randomSeed?: number;
  /**
   * Uniqueness oracle for `SelectUniqueValue`: return `true` when `value` is not yet used in the
   * target directory. Without an oracle every value counts as unique (the first rule wins).
   */
  isUnique?: (value: string, targetAttribute?: string) => boolean;
  /** The mapping's target attribute, passed to `isUnique`. */
  targetAttributeName?: string;
  /** The tenant's default domain, returned by `DefaultDomain()`. */
  defaultDomain?: string;
}

/** The value of an evaluated expression. */
export type EvaluatedValue =
  /** A string. Booleans are the strings `"True"` / `"False"`; dates render as `M/d/yyyy h:mm:ss tt`. */
  | string
  /**
   * An integer (InStr, DateDiff, BitAnd, Count, NumFromDate). Integers beyond
   * `Number.MAX_SAFE_INTEGER` (AD FILETIME values) are returned as decimal strings instead, so no
   * precision is lost and results stay JSON-serialisable.
   */
  | number
  /** A multi-valued result (Split, RemoveDuplicates, a multi-valued attribute). */
  | readonly string[]
  /** NULL: the target attribute would not be provisioned. */
  | null;

/** The keywords that stop an attribute or object from flowing. */
export type FlowKeyword = "IgnoreAttributeFlow" | "IgnoreObjectFlow";

/** The outcome of evaluating an expression. Failures are thrown as `ExpressionEvaluationError`. */
export type EvaluationResult =
  | { readonly kind: "value"; readonly value: EvaluatedValue }
  /** `IgnoreFlowIfNullOrEmpty` found NULL or `""`: the attribute is left out of the flow. */
  | { readonly kind: "ignoreFlow" }
  /** A bare flow keyword (`IgnoreAttributeFlow` / `IgnoreObjectFlow`) was the result. */
  | { readonly kind: "keyword"; readonly name: FlowKeyword };

/** A compiled expression, ready to be evaluated many times. */
export type CompiledExpression = (
  source: ExpressionSource,
  options?: EvaluateOptions,
) => EvaluationResult;
