/**
 * Compiler: a bound expression becomes a tree of closures, built once and evaluated many times.
 * Constant arguments are pre-processed at compile time (regular expressions, date formats, Switch
 * lookup tables), and evaluation allocates little beyond the strings it produces.
 */
import type { ComparisonOperator } from "./ast";
import { parseDateTimeText } from "./dotnet/datetime";
import { ExpressionEvaluationError } from "./errors";
import type { CompiledArgument } from "./functions/spec";
import { seededRandom } from "./random";
import type { CompiledExpression, EvaluateOptions, ExpressionSource } from "./types";
import type { BoundNode } from "./validate";
import {
  asString,
  DateTimeValue,
  FALSE,
  FlowSignal,
  IGNORE_ATTRIBUTE_FLOW,
  IGNORE_OBJECT_FLOW,
  parseInteger,
  readAttribute,
  single,
  toEvaluatedValue,
  TRUE,
  type EvalContext,
  type Evaluator,
  type Value,
} from "./values";

const NO_OPTIONS: EvaluateOptions = Object.freeze({});

/** The context used when no options are given and nothing needs per-evaluation state. */
const STATIC_CONTEXT: EvalContext = {
  options: NO_OPTIONS,
  nowMs: () => Date.now(),
  random: () => Math.random(),
};

class Context implements EvalContext {
  private now: number | undefined;
  private generator: (() => number) | undefined;

  constructor(readonly options: EvaluateOptions) {}

  nowMs(): number {
    if (this.now === undefined)
      this.now = this.options.now ? this.options.now.getTime() : Date.now();
    return this.now;
  }

  random(): number {
    if (this.generator === undefined) {
      const seed = this.options.randomSeed;
      this.generator = seed === undefined ? Math.random : seededRandom(seed);
    }
    return this.generator();
  }
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function asNumber(v: string | number | bigint): number | bigint | undefined {
  if (typeof v !== "string") return v;
  const c = v.charCodeAt(0);
  // Only text that can start an integer is worth parsing.
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 32 || c === 38 || c === 9)
    return parseInteger(v);
  return undefined;
}

/**
 * Compares two values: chronologically when a DateTime is involved, numerically when both are
 * integers (numbers written as strings included), otherwise as ordinal case-sensitive strings.
 * A NULL operand fails, as Entra's condition check does.
 */
export function compareValues(op: ComparisonOperator, left: Value, right: Value): number {
  const a = single(left, op, "the left operand");
  const b = single(right, op, "the right operand");
  if (a === null || b === null) {
    throw new ExpressionEvaluationError(
      "nullComparison",
      `the ${a === null ? "left" : "right"} operand is NULL; Entra fails comparisons with NULL values (use IsPresent, IsNullOrEmpty or Switch with a "" key)`,
      `"${op}"`,
    );
  }
  if (a instanceof DateTimeValue || b instanceof DateTimeValue) {
    const x = a instanceof DateTimeValue ? a : parseDateTimeText(String(a));
    const y = b instanceof DateTimeValue ? b : parseDateTimeText(String(b));
    if (x && y)
      return x.ms !== y.ms
        ? x.ms < y.ms
          ? -1
          : 1
        : x.sub - y.sub === 0
          ? 0
          : x.sub < y.sub
            ? -1
            : 1;
  } else {
    if (typeof a === "string" && typeof b === "string" && a === b) return 0;
    const x = asNumber(a);
    if (x !== undefined) {
      const y = asNumber(b);
      if (y !== undefined) return compareNumbers(x, y);
    }
  }
  const s = asString(a, op, "the left operand") as string;
  const t = asString(b, op, "the right operand") as string;
  return s < t ? -1 : s > t ? 1 : 0;
}

function comparison(op: ComparisonOperator, left: Evaluator, right: Evaluator): Evaluator {
  switch (op) {
    case "=":
      return (src, ctx) =>
        compareValues(op, left(src, ctx), right(src, ctx)) === 0 ? TRUE : FALSE;
    case "<>":
      return (src, ctx) =>
        compareValues(op, left(src, ctx), right(src, ctx)) !== 0 ? TRUE : FALSE;
    case "<":
      return (src, ctx) => (compareValues(op, left(src, ctx), right(src, ctx)) < 0 ? TRUE : FALSE);
    case "<=":
      return (src, ctx) => (compareValues(op, left(src, ctx), right(src, ctx)) <= 0 ? TRUE : FALSE);
    case ">":
      return (src, ctx) => (compareValues(op, left(src, ctx), right(src, ctx)) > 0 ? TRUE : FALSE);
    case ">=":
      return (src, ctx) => (compareValues(op, left(src, ctx), right(src, ctx)) >= 0 ? TRUE : FALSE);
  }
}

function attribute(name: string): Evaluator {
  return (src) => {
    const v = src[name];
    return typeof v === "string" ? v : readAttribute(src, name);
  };
}

function compileNode(node: BoundNode): CompiledArgument {
  switch (node.kind) {
    case "attribute":
      return { evaluate: attribute(node.name) };
    case "constant": {
      const value = node.value;
      return { evaluate: () => value, constant: value };
    }
    case "keyword": {
      if (node.flow) {
        const signal =
          node.name === "IgnoreObjectFlow" ? IGNORE_OBJECT_FLOW : IGNORE_ATTRIBUTE_FLOW;
        return {
          evaluate: () => {
            throw signal;
          },
          keyword: node.name,
        };
      }
      const name = node.name;
      return { evaluate: () => name, keyword: name };
    }
    case "comparison":
      return {
        evaluate: comparison(
          node.operator,
          compileNode(node.left).evaluate,
          compileNode(node.right).evaluate,
        ),
      };
    case "call":
      return {
        evaluate: node.spec.compile(
          node.args.map((a) => (a === undefined ? undefined : compileNode(a))),
        ),
      };
  }
}

function usesContext(node: BoundNode): boolean {
  switch (node.kind) {
    case "call":
      return (
        (node.spec.usesContext ?? false) || node.args.some((a) => a !== undefined && usesContext(a))
      );
    case "comparison":
      return usesContext(node.left) || usesContext(node.right);
    default:
      return false;
  }
}

/**
 * A context for programs without per-evaluation state (no Now, Guid, RandomString or
 * SelectUniqueValue): it only reads the options, so one instance serves every evaluation that
 * passes the same options object.
 */
class StatelessContext implements EvalContext {
  constructor(readonly options: EvaluateOptions) {}

  nowMs(): number {
    return this.options.now ? this.options.now.getTime() : Date.now();
  }

  random(): number {
    return Math.random();
  }
}

let lastOptions: EvaluateOptions | undefined;
let lastStatelessContext: EvalContext = STATIC_CONTEXT;

function statelessContext(options: EvaluateOptions): EvalContext {
  if (options !== lastOptions) {
    lastOptions = options;
    lastStatelessContext = new StatelessContext(options);
  }
  return lastStatelessContext;
}

/** Compiles a bound expression into a reusable evaluation function. */
export function compileBound(node: BoundNode): CompiledExpression {
  const program = compileNode(node).evaluate;
  const needsContext = usesContext(node);
  return (source: ExpressionSource, options?: EvaluateOptions) => {
    if (source === null || typeof source !== "object") {
      throw new TypeError("evaluateExpression: source must be an object of attribute values");
    }
    let ctx = STATIC_CONTEXT;
    if (options !== undefined) {
      const now = options.now;
      if (now !== undefined && !(now instanceof Date && !Number.isNaN(now.getTime()))) {
        throw new TypeError("evaluateExpression: options.now must be a valid Date");
      }
      ctx = needsContext ? new Context(options) : statelessContext(options);
    } else if (needsContext) {
      ctx = new Context(NO_OPTIONS);
    }
    try {
      return { kind: "value", value: toEvaluatedValue(program(source, ctx)) };
    } catch (e) {
      if (e instanceof FlowSignal) return e.result;
      throw e;
    }
  };
}
