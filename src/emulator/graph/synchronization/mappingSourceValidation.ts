/**
 * Checks one attributeMappingSource tree of a schema PUT: node structure, attribute names the
 * source object defines, function names the engine knows, and (when the expression module is
 * loaded) that the `expression` text parses. Writes may omit `expression` (decisions/reference/graph-cts.md §5.7).
 */
import { KNOWN_FUNCTION_NAMES } from "./functionCatalogue";
import { isObject, objectsIn, schemaInvalid, type Json } from "./schemaInvalid";

const NODE_TYPES = new Set(["Attribute", "Constant", "Function"]);

export interface SourceCheckContext {
  /** e.g. "object mapping 'Provision ... Users', attribute mapping 'displayName'". */
  where: string;
  /** Attribute names of the source object the mapping reads. */
  sourceAttributes: ReadonlySet<string>;
  /** Why `expression` does not parse, or undefined; absent when no parser is available. */
  expressionProblem?: (expression: string) => string | undefined;
}

export function validateMappingSource(source: unknown, context: SourceCheckContext): void {
  if (source === null || source === undefined) return;
  validateNode(source, context, "source");
  const expression = (source as Json).expression;
  if (typeof expression === "string" && context.expressionProblem) {
    const problem = context.expressionProblem(expression);
    if (problem) {
      throw schemaInvalid(
        `${context.where}: the source expression '${expression}' does not parse: ${problem}`,
        "Fix the expression (POST .../schema/parseExpression shows how the service reads it)",
      );
    }
  }
}

function validateNode(node: unknown, context: SourceCheckContext, path: string): void {
  const fail = (reason: string) =>
    schemaInvalid(
      `${context.where}: ${path} ${reason}`,
      'Give each node {"type": "Attribute"|"Constant"|"Function", "name", "parameters": [{"key", "value"}]}',
    );
  if (!isObject(node)) throw fail("must be an attributeMappingSource object");
  const type = node.type ?? "Attribute";
  if (typeof type !== "string" || !NODE_TYPES.has(type)) {
    throw fail(`has type '${String(type)}'; expected Attribute, Constant or Function`);
  }
  if (typeof node.name !== "string") throw fail("needs a string name");
  if (
    node.expression !== undefined &&
    node.expression !== null &&
    typeof node.expression !== "string"
  ) {
    throw fail("has a non-string expression");
  }
  const parameters = node.parameters ?? [];
  const pairs = objectsIn(parameters);
  if (!pairs) throw fail("parameters must be an array of {key, value}");
  if (type !== "Function" && pairs.length > 0)
    throw fail(`is ${type === "Attribute" ? "an" : "a"} ${type} and cannot have parameters`);
  if (type === "Attribute" && !context.sourceAttributes.has(node.name)) {
    throw schemaInvalid(
      `${context.where}: source attribute '${node.name}' is not defined on the source object`,
      "Add its attributeDefinition to the source directory's object first, or map an attribute it defines",
    );
  }
  if (type === "Function" && !KNOWN_FUNCTION_NAMES.has(node.name)) {
    throw schemaInvalid(
      `${context.where}: '${node.name}' is not a known attribute-mapping function`,
      "GET .../schema/functions lists the functions",
    );
  }
  pairs.forEach((pair: Json, index: number) => {
    if (typeof pair.key !== "string") throw fail(`parameter ${index} needs a string key`);
    validateNode(pair.value, context, `${path} parameter '${pair.key}'`);
  });
}
