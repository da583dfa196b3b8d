/**
 * The syntax tree the parser produces. Every node keeps its source offset so that later stages can
 * report positions. Numbers are kept as their literal text (hex already converted to decimal),
 * because Graph stores every number as a string Constant.
 */

/** The comparison operators; one comparison per value, no chaining. */
export type ComparisonOperator = "=" | "<>" | "<" | "<=" | ">" | ">=";

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = [
  "=",
  "<>",
  "<",
  "<=",
  ">",
  ">=",
];

interface NodeBase {
  /** Offset of the node's first character. */
  readonly start: number;
  /** Offset after the node's last character. */
  readonly end: number;
}

/** `[name]` */
export interface AttributeNode extends NodeBase {
  readonly kind: "attribute";
  readonly name: string;
}

/** A string, integer or hex literal, all of them string Constants in Graph's tree. */
export interface ConstantNode extends NodeBase {
  readonly kind: "constant";
  readonly value: string;
  readonly literal: "string" | "integer" | "hex";
}

/** A bare identifier used as a value: `vbTextCompare`, `IgnoreAttributeFlow`, `UTF8`, ... */
export interface KeywordNode extends NodeBase {
  readonly kind: "keyword";
  readonly name: string;
}

/** An empty argument slot: `Replace([x], "a", , , "b", , )`. */
export interface OmittedNode extends NodeBase {
  readonly kind: "omitted";
}

/** `Name(arg, ...)` */
export interface CallNode extends NodeBase {
  readonly kind: "call";
  readonly name: string;
  /** Offset after the function name (where `(` is expected). */
  readonly nameEnd: number;
  readonly args: readonly ArgumentNode[];
  /** Offset of the closing parenthesis. */
  readonly close: number;
}

/** `left op right` */
export interface ComparisonNode extends NodeBase {
  readonly kind: "comparison";
  readonly operator: ComparisonOperator;
  readonly operatorStart: number;
  readonly left: ValueNode;
  readonly right: ValueNode;
}

export type ValueNode = AttributeNode | ConstantNode | KeywordNode | CallNode | ComparisonNode;
export type ArgumentNode = ValueNode | OmittedNode;
