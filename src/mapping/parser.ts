/**
 * Parser: tokens to syntax tree (grammar only; function names and arities are checked by the
 * validator).
 *
 * ```ebnf
 * Expression = Value EOF ;
 * Value      = Operand [ CmpOp Operand ] ;           (* one comparison, no chaining *)
 * Operand    = Call | Attribute | String | Integer | HexInteger | Keyword ;
 * Call       = Identifier "(" [ Arg { "," Arg } ] ")" ;   (* F() and F( ) have zero arguments *)
 * Arg        = [ Value ] ;                            (* empty = omitted argument *)
 * ```
 */
import type { ArgumentNode, CallNode, ComparisonOperator, ValueNode } from "./ast";
import { ExpressionParseError, positionAt } from "./errors";
import { describeToken, tokenize, type LexOptions, type Token } from "./lexer";

/**
 * The deepest nesting of function calls the parser accepts. Real mappings nest a few levels; long
 * IIF chains (Entra's recommended alternative to Switch) can reach a few hundred.
 */
export const MAX_NESTING_DEPTH = 1000;

class Parser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseExpression(): ValueNode {
    if (this.peek().kind === "eof") {
      this.fail(this.peek(), "an expression", "The expression is empty");
    }
    const value = this.parseValue(0, "an expression");
    const next = this.peek();
    if (next.kind !== "eof") {
      this.fail(next, "end of input", this.hintAfterValue(next, true));
    }
    return value;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private fail(token: Token, expected: string, hint?: string): never {
    throw new ExpressionParseError(
      "parse",
      positionAt(this.text, token.start),
      expected,
      describeToken(token, this.text),
      hint,
    );
  }

  private parseValue(depth: number, expected: string): ValueNode {
    const left = this.parseOperand(depth, expected);
    const op = this.peek();
    if (op.kind !== "operator") return left;
    this.pos++;
    const right = this.parseOperand(depth, `a value after "${op.value}"`);
    return {
      kind: "comparison",
      operator: op.value as ComparisonOperator,
      operatorStart: op.start,
      left,
      right,
      start: left.start,
      end: right.end,
    };
  }

  private parseOperand(depth: number, expected: string): ValueNode {
    const token = this.peek();
    switch (token.kind) {
      case "attribute":
        if (token.value === "") this.fail(token, "an attribute name inside [ ]");
        this.pos++;
        return { kind: "attribute", name: token.value, start: token.start, end: token.end };
      case "string":
        this.pos++;
        return {
          kind: "constant",
          value: token.value,
          literal: "string",
          start: token.start,
          end: token.end,
        };
      case "integer":
      case "hex":
        this.pos++;
        return {
          kind: "constant",
          value: token.value,
          literal: token.kind,
          start: token.start,
          end: token.end,
        };
      case "identifier": {
        this.pos++;
        if (this.peek().kind === "(") return this.parseCall(token, depth + 1);
        return { kind: "keyword", name: token.value, start: token.start, end: token.end };
      }
      case "(":
        return this.fail(token, expected, "Parentheses may only follow a function name");
      case "&":
        return this.fail(
          token,
          expected,
          'The "&" operator is not supported; use Join("", a, b) or Append(a, b)',
        );
      default:
        return this.fail(token, expected);
    }
  }

  private parseCall(name: Token, depth: number): CallNode {
    if (depth > MAX_NESTING_DEPTH) {
      throw new ExpressionParseError(
        "parse",
        positionAt(this.text, name.start),
        `at most ${MAX_NESTING_DEPTH} nested function calls`,
        "deeper nesting",
      );
    }
    this.pos++; // "("
    const args: ArgumentNode[] = [];
    if (this.peek().kind === ")") {
      const close = this.peek();
      this.pos++;
      return {
        kind: "call",
        name: name.value,
        nameEnd: name.end,
        args,
        close: close.start,
        start: name.start,
        end: close.end,
      };
    }
    for (;;) {
      const token = this.peek();
      if (token.kind === "," || token.kind === ")") {
        args.push({ kind: "omitted", start: token.start, end: token.start });
      } else {
        args.push(this.parseValue(depth, 'an argument, "," or ")"'));
      }
      const sep = this.peek();
      if (sep.kind === ",") {
        this.pos++;
        continue;
      }
      if (sep.kind === ")") {
        this.pos++;
        return {
          kind: "call",
          name: name.value,
          nameEnd: name.end,
          args,
          close: sep.start,
          start: name.start,
          end: sep.end,
        };
      }
      this.fail(sep, '"," or ")"', this.hintAfterValue(sep, false));
    }
  }

  /** Advice for a token that follows a complete value where it cannot. */
  private hintAfterValue(token: Token, top: boolean): string | undefined {
    const previous = this.tokens[this.pos - 1];
    if (token.kind === "identifier" && /^(and|or|not|xor)$/i.test(token.value)) {
      return `${token.value.toUpperCase()} is not supported; nest IIF calls instead`;
    }
    if (token.kind === "&") {
      return 'The "&" operator is not supported; use Join("", a, b) or Append(a, b)';
    }
    if (token.kind === "operator") {
      return "Only one comparison is allowed per value";
    }
    if (
      previous?.kind === "string" &&
      previous.end === token.start &&
      (token.kind === "identifier" || token.kind === "string")
    ) {
      return 'A double quote inside a string must be escaped as \\"';
    }
    if (token.kind === "eof" || token.kind === ",") return undefined;
    if (token.kind === ")") return top ? 'There is one ")" too many' : undefined;
    return top
      ? "An expression is a single value; combine values with a function such as Join or Append"
      : "Separate arguments with a comma";
  }
}

/** Parses expression text into a syntax tree (lex and parse stages only). */
export function parseSyntax(text: string, options: LexOptions = {}): ValueNode {
  return new Parser(text, tokenize(text, options)).parseExpression();
}
