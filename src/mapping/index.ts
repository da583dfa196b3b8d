/**
 * The attribute-mapping expression language of Microsoft Entra provisioning: parse expressions into
 * Graph's `attributeMappingSource` trees, format trees back to text, and evaluate expressions.
 */
export {
  parseExpression,
  normalizeExpression,
  expressionsEquivalent,
  canonicalizeTree,
} from "./parse";
export { formatExpression } from "./format";
export { evaluateExpression, compileExpression } from "./evaluate";
export { listExpressionFunctions } from "./functions";
export { ExpressionParseError, ExpressionEvaluationError } from "./errors";
export { MAX_EXPRESSION_LENGTH } from "./lexer";
export { MAX_NESTING_DEPTH } from "./parser";
export { COMPARISON_OPERATORS } from "./ast";
export type { ComparisonOperator } from "./ast";
export type { SourcePosition, ParseStage, EvaluationErrorCode } from "./errors";
export type { ExpressionFunctionInfo, ExpressionFunctionParameterInfo } from "./functions";
export type { FunctionEngine, KeySource, ParameterType, ReturnType } from "./functions/spec";
export type {
  AttributeMappingParameter,
  AttributeMappingParameterInput,
  AttributeMappingSource,
  AttributeMappingSourceInput,
  AttributeMappingSourceType,
  CompiledExpression,
  EvaluatedValue,
  EvaluateOptions,
  EvaluationResult,
  ExpressionSource,
  FlowKeyword,
  ParseOptions,
} from "./types";
