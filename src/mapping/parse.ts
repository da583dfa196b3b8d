/**
 * The public parsing API: text to Graph tree, canonical text, and equivalence of two expressions.
 */
import { formatExpression } from "./format";
import { parseSyntax } from "./parser";
import { toTree } from "./tree";
import type { AttributeMappingSource, AttributeMappingSourceInput, ParseOptions } from "./types";
import { validateSyntax, type BoundNode } from "./validate";

/** Lexes, parses and validates expression text. */
export function bindExpression(text: string, options: ParseOptions = {}): BoundNode {
  if (typeof text !== "string")
    throw new TypeError("parseExpression: the expression must be a string");
  return validateSyntax(text, parseSyntax(text, options), options);
}

/**
 * Parses an attribute-mapping expression into Graph's `attributeMappingSource` tree, with Graph's
 * parameter keys and the canonical text of every node in `expression`.
 *
 * Throws `ExpressionParseError` (stage `lex`, `parse` or `validate`) with the position of the
 * problem, e.g. `Expected ")" but found end of input at line 1, column 36`.
 *
 * @example
 * parseExpression('Join(" ", [givenName], [surname])');
 * // {
 * //   expression: 'Join(" ", [givenName], [surname])', name: "Join", type: "Function",
 * //   parameters: [
 * //     { key: "separator", value: { expression: '" "', name: " ", parameters: [], type: "Constant" } },
 * //     { key: "source", value: { expression: "[givenName]", name: "givenName", parameters: [], type: "Attribute" } },
 * //     { key: "source", value: { expression: "[surname]", name: "surname", parameters: [], type: "Attribute" } },
 * //   ],
 * // }
 */
export function parseExpression(text: string, options: ParseOptions = {}): AttributeMappingSource {
  return toTree(bindExpression(text, options));
}

/**
 * The canonical text of an expression: `formatExpression(parseExpression(text))`. Two spellings of
 * the same expression normalize to the same text.
 *
 * @example
 * normalizeExpression('Replace([preferredLanguage],"-",,,"_",,)');
 * // 'Replace([preferredLanguage], "-", , , "_", , )'
 */
export function normalizeExpression(text: string, options: ParseOptions = {}): string {
  return parseExpression(text, options).expression;
}

function sameTree(a: AttributeMappingSource, b: AttributeMappingSource): boolean {
  if (
    a.name !== b.name ||
    (a.type ?? "Attribute") !== (b.type ?? "Attribute") ||
    a.expression !== b.expression
  ) {
    return false;
  }
  const p = a.parameters ?? [];
  const q = b.parameters ?? [];
  if (p.length !== q.length) return false;
  for (let i = 0; i < p.length; i++) {
    if (p[i].key !== q[i].key || !sameTree(p[i].value, q[i].value)) return false;
  }
  return true;
}

/**
 * Whether two expressions mean the same: both parse and give the same tree (spacing, optional
 * quoting of numbers, empty trailing slots and hex literals do not matter). False when either
 * expression does not parse.
 *
 * @example
 * expressionsEquivalent('Mid([upn],1,8)', 'Mid([upn], "1", "8")'); // true
 * expressionsEquivalent('Mid([upn],1,8)', 'Mid([upn], 1, 9)'); // false
 */
export function expressionsEquivalent(a: string, b: string): boolean {
  let x: AttributeMappingSource;
  let y: AttributeMappingSource;
  try {
    x = parseExpression(a);
    y = parseExpression(b);
  } catch {
    return false;
  }
  return sameTree(x, y);
}

/**
 * Re-parses a tree read from Graph into canonical form (fills in `expression` and `parameters`),
 * so that trees can be compared by meaning.
 *
 * @example
 * canonicalizeTree({ name: "mail", type: "Attribute" });
 * // { expression: "[mail]", name: "mail", parameters: [], type: "Attribute" }
 */
export function canonicalizeTree(tree: AttributeMappingSourceInput): AttributeMappingSource {
  return parseExpression(formatExpression(tree));
}
