/**
 * The public evaluation API.
 */
import { compileBound } from "./compile";
import { formatExpression } from "./format";
import { bindExpression } from "./parse";
import type {
  AttributeMappingSourceInput,
  CompiledExpression,
  EvaluateOptions,
  EvaluationResult,
  ExpressionSource,
} from "./types";

const cache = new Map<string, CompiledExpression>();
const CACHE_LIMIT = 1000;

function compileText(text: string): CompiledExpression {
  let compiled = cache.get(text);
  if (compiled === undefined) {
    compiled = compileBound(bindExpression(text));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, compiled);
  }
  return compiled;
}

/**
 * Compiles an expression (text or Graph tree) once into a function that evaluates it quickly
 * against many source objects. Throws `ExpressionParseError` when the expression is invalid.
 *
 * @example
 * const displayName = compileExpression('Join(" ", [givenName], [surname])');
 * displayName({ givenName: "Ada", surname: "Lovelace" }); // { kind: "value", value: "Ada Lovelace" }
 */
export function compileExpression(
  expression: string | AttributeMappingSourceInput,
): CompiledExpression {
  return compileText(typeof expression === "string" ? expression : formatExpression(expression));
}

/**
 * Evaluates an expression (text or Graph tree) against a source object, the way Entra's
 * provisioning engine would.
 *
 * Returns `{kind: "value", value}` (a string, an integer, a multi-valued array or NULL),
 * `{kind: "ignoreFlow"}` when IgnoreFlowIfNullOrEmpty drops the attribute, or `{kind: "keyword"}`
 * for IgnoreAttributeFlow / IgnoreObjectFlow. Throws `ExpressionEvaluationError` when evaluation
 * fails (a NULL comparison, SelectUniqueValue escrow, `Error()`, invalid arguments) and
 * `ExpressionParseError` when the expression is invalid.
 *
 * @example
 * evaluateExpression('IIF([country]="USA", "US", [country])', { country: "USA" });
 * // { kind: "value", value: "US" }
 * evaluateExpression("DateAdd(\"d\", 7, Now())", {}, { now: new Date("2024-01-01T00:00:00Z") });
 * // { kind: "value", value: "1/8/2024 12:00:00 AM" }
 */
export function evaluateExpression(
  expression: string | AttributeMappingSourceInput,
  source: ExpressionSource,
  options?: EvaluateOptions,
): EvaluationResult {
  return compileExpression(expression)(source, options);
}
