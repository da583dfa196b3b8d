/**
 * Validator: checks a syntax tree against the function catalogue and binds it.
 *
 * Rejected here (stage "validate"): unknown functions and keywords, wrong argument counts, required
 * parameters left empty, empty repeated arguments, Switch keys without values, SelectUniqueValue
 * anywhere but the outermost call, keywords outside the parameters that take them, and invalid
 * constant arguments (intervals, integers, regular expressions, date formats, ...).
 */
import type { ArgumentNode, CallNode, ComparisonOperator, ValueNode } from "./ast";
import { ExpressionParseError, positionAt } from "./errors";
import {
  allFunctions,
  canonicalKeyword,
  FLOW_KEYWORDS,
  functionByName,
  functionByNameIgnoringCase,
  VALUE_KEYWORDS,
  type FunctionSpec,
} from "./functions";
import { paramForSlot, type ArgumentView, type CheckContext } from "./functions/spec";

/** A validated node: calls are bound to their function and their arguments are in slot order. */
export type BoundNode =
  | { readonly kind: "attribute"; readonly name: string; readonly start: number }
  | { readonly kind: "constant"; readonly value: string; readonly start: number }
  | {
      readonly kind: "keyword";
      readonly name: string;
      readonly flow: boolean;
      readonly start: number;
    }
  | {
      readonly kind: "call";
      readonly spec: FunctionSpec;
      /** One entry per parameter slot; undefined = omitted. */
      readonly args: readonly (BoundNode | undefined)[];
      readonly start: number;
    }
  | {
      readonly kind: "comparison";
      readonly operator: ComparisonOperator;
      readonly left: BoundNode;
      readonly right: BoundNode;
      readonly start: number;
    };

export interface ValidateOptions {
  /** Reject non-canonical letter case in function names and keywords. */
  readonly strict?: boolean;
}

interface Position {
  /** The value is (part of) the expression's result: flow keywords are allowed. */
  readonly result: boolean;
  /** The value is the whole expression. */
  readonly top: boolean;
  /** Keywords the enclosing parameter accepts. */
  readonly keywords: readonly string[];
  /** The enclosing function, for messages. */
  readonly parent: string | undefined;
}

/** A function's signature for messages, e.g. `Mid(source, start, length)`. */
export function signature(spec: FunctionSpec): string {
  const params = spec.params.map((p) =>
    p.repeatable ? `${p.name}, ...` : p.required ? p.name : `[${p.name}]`,
  );
  return `${spec.name}(${params.join(", ")})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function editDistance(a: string, b: string): number {
  const d: number[] = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return d[b.length];
}

function suggestFunction(name: string): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const f of allFunctions()) {
    const distance = editDistance(name.toLowerCase(), f.name.toLowerCase());
    if (distance < bestDistance) {
      best = f.name;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 4)) ? best : undefined;
}

class Validator {
  constructor(
    private readonly text: string,
    private readonly strict: boolean,
  ) {}

  fail(offset: number, expected: string, found: string, hint?: string): never {
    throw new ExpressionParseError(
      "validate",
      positionAt(this.text, offset),
      expected,
      found,
      hint,
    );
  }

  bind(node: ValueNode, position: Position): BoundNode {
    switch (node.kind) {
      case "attribute":
        return { kind: "attribute", name: node.name, start: node.start };
      case "constant":
        return { kind: "constant", value: node.value, start: node.start };
      case "keyword":
        return this.bindKeyword(node.name, node.start, position);
      case "comparison": {
        const operand: Position = {
          result: false,
          top: false,
          keywords: [],
          parent: `"${node.operator}"`,
        };
        return {
          kind: "comparison",
          operator: node.operator,
          left: this.bind(node.left, operand),
          right: this.bind(node.right, operand),
          start: node.start,
        };
      }
      case "call":
        return this.bindCall(node, position);
    }
  }

  private bindKeyword(name: string, start: number, position: Position): BoundNode {
    const canonical = canonicalKeyword(name);
    if (canonical === undefined) {
      const fn = functionByNameIgnoringCase(name);
      if (fn) {
        this.fail(
          start,
          `"(" after the function name ${fn.name}`,
          "no argument list",
          `Call it as ${fn.name}(${fn.params.length ? "..." : ""})`,
        );
      }
      if (/^(true|false)$/i.test(name)) {
        this.fail(
          start,
          "a value",
          `keyword ${name}`,
          `Booleans are the strings "True" and "False"; write "${name[0].toUpperCase()}${name.slice(1).toLowerCase()}"`,
        );
      }
      if (/^(null|nothing|empty)$/i.test(name)) {
        this.fail(
          start,
          "a value",
          `keyword ${name}`,
          'There is no NULL literal; test values with IsNull, IsNullOrEmpty or IsPresent, or compare with ""',
        );
      }
      this.fail(
        start,
        `a keyword (${[...VALUE_KEYWORDS, ...FLOW_KEYWORDS].join(", ")})`,
        JSON.stringify(name),
        "Text values must be quoted; attribute names go in [brackets]",
      );
    }
    if (this.strict && canonical !== name) {
      this.fail(
        start,
        `the keyword spelled ${canonical}`,
        JSON.stringify(name),
        "Keywords are case-sensitive in strict mode",
      );
    }
    const flow = (FLOW_KEYWORDS as readonly string[]).includes(canonical);
    if (flow && !position.result) {
      this.fail(
        start,
        "a value",
        `keyword ${canonical}`,
        `${canonical} can only be the result of the expression or of an IIF or Switch branch`,
      );
    }
    if (!flow && !position.keywords.includes(canonical)) {
      const owner = canonical.startsWith("vb")
        ? "InStr's compareType"
        : "ConvertFromBase64's encoding";
      this.fail(start, "a value", `keyword ${canonical}`, `${canonical} is only valid as ${owner}`);
    }
    return { kind: "keyword", name: canonical, flow, start };
  }

  private bindCall(node: CallNode, position: Position): BoundNode {
    let spec = functionByName(node.name);
    if (spec === undefined) {
      const other = functionByNameIgnoringCase(node.name);
      if (other && !this.strict) {
        spec = other;
      } else if (other) {
        this.fail(
          node.start,
          `the function name spelled ${other.name}`,
          JSON.stringify(node.name),
          "Function names are case-sensitive in strict mode",
        );
      } else {
        const suggestion = suggestFunction(node.name);
        this.fail(
          node.start,
          "a known function name",
          JSON.stringify(node.name),
          suggestion
            ? `Did you mean ${suggestion}?`
            : "See listExpressionFunctions() for the supported functions",
        );
      }
    }
    if (spec.topLevelOnly && !position.top) {
      this.fail(
        node.start,
        `${spec.name} as the outermost function`,
        `it inside ${position.parent ?? "another function"}`,
        `${spec.name} must be the top-level call of the mapping`,
      );
    }
    const written = node.args;
    if (written.length < spec.minArgs) {
      this.fail(
        node.close,
        `${spec.minArgs === spec.maxArgs ? "" : "at least "}${plural(spec.minArgs, "argument")} for ${signature(spec)}`,
        String(written.length),
        spec.arityHint,
      );
    }
    if (written.length > spec.maxArgs) {
      this.fail(
        written[spec.maxArgs].start,
        `${spec.minArgs === spec.maxArgs ? "" : "at most "}${plural(spec.maxArgs, "argument")} for ${signature(spec)}`,
        String(written.length),
        spec.arityHint,
      );
    }
    const slots: (ArgumentNode | undefined)[] = spec.arrange ? spec.arrange(written) : [...written];
    const bound: (BoundNode | undefined)[] = [];
    const views: (ArgumentView | undefined)[] = [];
    slots.forEach((arg, slot) => {
      const param = paramForSlot(spec, slot);
      if (!param) throw new Error(`internal: no parameter for slot ${slot} of ${spec.name}`);
      if (arg === undefined || arg.kind === "omitted") {
        if (param.required || param.repeatable) {
          this.fail(
            arg?.start ?? node.close,
            `a value for ${param.name.split(",")[0]} in ${signature(spec)}`,
            "an empty argument",
            param.repeatable ? undefined : `${param.name} is required`,
          );
        }
        bound.push(undefined);
        views.push(undefined);
        return;
      }
      const child = this.bind(arg, {
        result: position.result && (spec.isResultSlot?.(slot) ?? false),
        top: false,
        keywords: param.keywords ?? [],
        parent: spec.name,
      });
      bound.push(child);
      views.push(
        child.kind === "constant"
          ? { constant: child.value }
          : child.kind === "keyword"
            ? { keyword: child.name }
            : {},
      );
    });
    const check: CheckContext = {
      fail: (slot, expected, found, hint) =>
        this.fail(slots[slot]?.start ?? node.start, expected, found, hint),
      failCall: (expected, found, hint) => this.fail(node.start, expected, found, hint),
    };
    spec.check?.(views, check);
    return { kind: "call", spec, args: bound, start: node.start };
  }
}

/** Validates and binds a syntax tree (stage "validate"). */
export function validateSyntax(
  text: string,
  node: ValueNode,
  options: ValidateOptions = {},
): BoundNode {
  return new Validator(text, options.strict ?? false).bind(node, {
    result: true,
    top: true,
    keywords: [],
    parent: undefined,
  });
}
