/**
 * The synchronization endpoints' view of the project's expression module (src/mapping): parse
 * and evaluate with failures turned into Graph's `publicError` shape, so handlers never see the
 * module's error classes.
 */
import {
  evaluateExpression,
  parseExpression,
  type AttributeMappingSource,
  type EvaluateOptions,
  type EvaluationResult,
} from "../../../mapping";
import { KNOWN_FUNCTION_NAMES } from "./functionCatalogue";

/** Graph's `publicError` as parseExpression answers it. */
export interface PublicError {
  code: string;
  message: string;
  target: string | null;
  details: Array<{ code: string; message: string; target: string | null }>;
  innerError: null;
}

export type TestInput = Record<string, string | string[] | null>;

export type ParseOutcome =
  { ok: true; tree: AttributeMappingSource } | { ok: false; error: PublicError };

export type EvaluationOutcome = { ok: true; values: string[] } | { ok: false; error: PublicError };

/** Error codes we answer with (decisions/0019). */
export const EXPRESSION_PARSE_FAILURE = "ExpressionParseFailure";
export const EXPRESSION_EVALUATION_FAILURE = "ExpressionEvaluationFailure";

function publicError(code: string, message: string, target: string | null): PublicError {
  return { code, message, target, details: [], innerError: null };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The first function of `tree` the provisioning engine does not run (e.g. Cloud Sync's Error). */
function foreignFunction(tree: AttributeMappingSource): string | undefined {
  if (tree.type === "Function" && !KNOWN_FUNCTION_NAMES.has(tree.name)) return tree.name;
  for (const parameter of tree.parameters ?? []) {
    const found = foreignFunction(parameter.value);
    if (found) return found;
  }
  return undefined;
}

export function parseForTest(expression: string): ParseOutcome {
  const failure = (message: string): ParseOutcome => ({
    ok: false,
    error: publicError(EXPRESSION_PARSE_FAILURE, message, expression),
  });
  let tree: AttributeMappingSource;
  try {
    tree = parseExpression(expression);
  } catch (error) {
    return failure(messageOf(error));
  }
  const foreign = foreignFunction(tree);
  if (foreign) {
    return failure(
      `'${foreign}' is not a function of the provisioning engine (it is documented for Entra Cloud Sync only). GET .../schema/functions lists the functions.`,
    );
  }
  return { ok: true, tree };
}

/** Why `expression` does not parse, or undefined when it does (schema PUT validation). */
export function expressionProblem(expression: string): string | undefined {
  const outcome = parseForTest(expression);
  return outcome.ok ? undefined : outcome.error.message;
}

/** Graph reports evaluation results as a collection of strings. */
function resultValues(result: EvaluationResult): string[] {
  if (result.kind === "ignoreFlow") return [];
  if (result.kind === "keyword") return [result.name];
  const value = result.value;
  if (value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  return [String(value)];
}

export function evaluateForTest(
  tree: AttributeMappingSource,
  input: TestInput,
  options: EvaluateOptions,
): EvaluationOutcome {
  try {
    return { ok: true, values: resultValues(evaluateExpression(tree, input, options)) };
  } catch (error) {
    return { ok: false, error: publicError(EXPRESSION_EVALUATION_FAILURE, messageOf(error), null) };
  }
}
