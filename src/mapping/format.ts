/**
 * Tree to text: the canonical spelling of an expression, which is also the `expression` member of
 * every node `parseExpression` returns.
 *
 * Canonical form (consistent with every tree Graph has been seen to return):
 * - a call is `Name(` + its argument slots joined by `", "` + `)`; functions with a fixed number
 *   of parameters are padded with empty slots up to that number (`Replace([x], "-", , , "_", , )`);
 * - attributes are `[name]`; Constant nodes are quoted with `\"` and `\\` escaped, except that an
 *   integer Constant used as an argument or comparison operand is written bare (`Mid([x], 1, 8)`,
 *   while the Constant node's own expression is `"1"`);
 * - bare keywords are Constant nodes whose `expression` is the keyword itself;
 * - comparisons are `left op right` with single spaces.
 */
import { COMPARISON_OPERATORS, type ComparisonOperator } from "./ast";
import {
  canonicalKeyword,
  functionByName,
  functionByNameIgnoringCase,
  type FunctionSpec,
} from "./functions";
import type { AttributeMappingParameterInput, AttributeMappingSourceInput } from "./types";

/** Quotes a string constant: `\` → `\\`, `"` → `\"`. */
export function quoteString(value: string): string {
  return '"' + value.replace(/[\\"]/g, (c) => "\\" + c) + '"';
}

/** Whether a constant is written as a bare integer in argument position. */
export function isIntegerConstant(value: string): boolean {
  return /^-?[0-9]+$/.test(value);
}

/** Whether a Constant node is a bare keyword (its expression is the keyword itself). */
export function isKeywordConstant(node: AttributeMappingSourceInput): boolean {
  return (
    (node.type ?? "Attribute") === "Constant" &&
    node.expression === node.name &&
    canonicalKeyword(node.name) === node.name
  );
}

/** The text of a call from its slot texts (empty string = omitted). */
export function callText(name: string, slots: readonly string[]): string {
  return `${name}(${slots.join(", ")})`;
}

/** The text of a node when it is an argument or a comparison operand. */
export function argumentText(node: AttributeMappingSourceInput): string {
  if (
    (node.type ?? "Attribute") === "Constant" &&
    !isKeywordConstant(node) &&
    isIntegerConstant(node.name)
  ) {
    return node.name;
  }
  return formatNode(node, "expression");
}

function invalid(path: string, message: string): never {
  throw new TypeError(`formatExpression: ${path}: ${message}`);
}

function findByKey(spec: FunctionSpec, key: string): number | undefined {
  let index = spec.params.findIndex((p) => p.key === key);
  if (index < 0) index = spec.params.findIndex((p) => p.key.toLowerCase() === key.toLowerCase());
  return index < 0 ? undefined : index;
}

/**
 * Places a Function node's parameters into the function's slots by key. Repeated keys (Join's
 * `source`, Switch's `switchValue`) fill the slots after the fixed ones in order.
 */
export function slotsFromParameters<T extends { key: string }>(
  spec: FunctionSpec,
  parameters: readonly T[],
  path: string,
): (T | undefined)[] {
  const fixed = spec.params.filter((p) => !p.repeatable).length;
  const slots: (T | undefined)[] = new Array(fixed).fill(undefined);
  const repeated: T[] = [];
  for (const parameter of parameters) {
    const index = findByKey(spec, parameter.key);
    if (index === undefined) {
      invalid(
        path,
        `${spec.name} has no parameter with key ${JSON.stringify(parameter.key)} (keys: ${spec.params.map((p) => p.key).join(", ")})`,
      );
    }
    if (spec.params[index].repeatable) {
      repeated.push(parameter);
    } else if (slots[index] !== undefined) {
      invalid(path, `${spec.name} has the parameter ${JSON.stringify(parameter.key)} twice`);
    } else {
      slots[index] = parameter;
    }
  }
  // Empty optional slots before the repeated ones stay (Switch's empty defaultValue).
  return repeated.length === 0 ? slots : [...slots, ...repeated];
}

function parametersOf(
  node: AttributeMappingSourceInput,
  path: string,
): readonly AttributeMappingParameterInput[] {
  const parameters = node.parameters ?? [];
  if (!Array.isArray(parameters)) invalid(path, "parameters must be an array");
  parameters.forEach((p, i) => {
    if (!p || typeof p.key !== "string" || !p.value || typeof p.value !== "object") {
      invalid(`${path}.parameters[${i}]`, "each parameter needs a string key and a value node");
    }
  });
  return parameters;
}

function formatNode(node: AttributeMappingSourceInput, path: string): string {
  if (!node || typeof node !== "object") invalid(path, "a node must be an object");
  if (typeof node.name !== "string") invalid(path, "name must be a string");
  const type = node.type ?? "Attribute";
  switch (type) {
    case "Attribute":
      if (node.name === "") invalid(path, "an attribute name cannot be empty");
      if (node.name.includes("]"))
        invalid(path, `the attribute name ${JSON.stringify(node.name)} contains "]"`);
      return `[${node.name}]`;
    case "Constant":
      return isKeywordConstant(node) ? node.name : quoteString(node.name);
    case "Function": {
      const parameters = parametersOf(node, path);
      if ((COMPARISON_OPERATORS as readonly string[]).includes(node.name)) {
        const left = parameters.find((p) => p.key === "left");
        const right = parameters.find((p) => p.key === "right");
        if (!left || !right || parameters.length !== 2) {
          invalid(
            path,
            `the comparison "${node.name}" needs exactly the parameters left and right`,
          );
        }
        return `${argumentText(left.value)} ${node.name as ComparisonOperator} ${argumentText(right.value)}`;
      }
      const spec = functionByName(node.name) ?? functionByNameIgnoringCase(node.name);
      if (!spec) {
        // Unknown function: keep the parameters in their order; parsing the text will reject it.
        return callText(
          node.name,
          parameters.map((p) => argumentText(p.value)),
        );
      }
      const slots = slotsFromParameters(spec, parameters, path);
      return callText(
        spec.name,
        slots.map((p) => (p === undefined ? "" : argumentText(p.value))),
      );
    }
    default:
      return invalid(path, `unknown node type ${JSON.stringify(type)}`);
  }
}

/**
 * Formats an `attributeMappingSource` tree as expression text in canonical form. Works on trees
 * read from Graph (with or without `expression` members); it does not validate them — parse the
 * result for that. Throws a TypeError for trees that have no text form (an attribute name with
 * `]`, a parameter key the function does not have, an unknown node type).
 *
 * @example
 * formatExpression({
 *   name: "Mid",
 *   type: "Function",
 *   parameters: [
 *     { key: "source", value: { name: "userPrincipalName", type: "Attribute" } },
 *     { key: "start", value: { name: "1", type: "Constant" } },
 *     { key: "length", value: { name: "8", type: "Constant" } },
 *   ],
 * }); // 'Mid([userPrincipalName], 1, 8)'
 */
export function formatExpression(tree: AttributeMappingSourceInput): string {
  return formatNode(tree, "tree");
}
