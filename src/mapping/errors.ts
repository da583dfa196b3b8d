/**
 * The two error classes of the expression language: one for everything that goes wrong before an
 * expression runs (lex, parse, validate), one for evaluation failures.
 */

/** A place in the expression text. `line` and `column` are 1-based, `offset` is 0-based. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** The stage that rejected an expression. */
export type ParseStage = "lex" | "parse" | "validate";

/** Computes the 1-based line and column of a 0-based offset; CR, LF and CRLF end a line. */
export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10 && i + 1 < end) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

/**
 * Thrown by `parseExpression` (and everything that parses) when an expression is rejected.
 *
 * The message reads `Expected <expected> but found <found> at line L, column C`, optionally followed
 * by a hint. Check `error.name === "ExpressionParseError"` across package boundaries.
 */
export class ExpressionParseError extends Error {
  override readonly name = "ExpressionParseError";
  /** Where the problem is. */
  readonly position: SourcePosition;
  /** What was expected there, as shown in the message (for example `")"`). */
  readonly expected: string;
  /** What was found there, as shown in the message (for example `end of input`). */
  readonly found: string;
  /** Which stage rejected the expression. */
  readonly stage: ParseStage;
  /** Advice on how to fix it, when there is any. */
  readonly hint: string | undefined;

  constructor(
    stage: ParseStage,
    position: SourcePosition,
    expected: string,
    found: string,
    hint?: string,
  ) {
    super(
      `Expected ${expected} but found ${found} at line ${position.line}, column ${position.column}` +
        (hint ? `. ${hint}` : ""),
    );
    this.stage = stage;
    this.position = position;
    this.expected = expected;
    this.found = found;
    this.hint = hint;
  }
}

/** Why an evaluation failed. */
export type EvaluationErrorCode =
  /** A comparison had a NULL operand (Entra's "condition check fails"). */
  | "nullComparison"
  /** An IIF condition was NULL or not a Boolean. */
  | "invalidCondition"
  /** An argument had the wrong form (not an integer, not a date, out of range, ...). */
  | "invalidArgument"
  /** A multi-valued value reached a parameter that takes a single value. */
  | "multiValued"
  /** SelectUniqueValue found no unique value: Entra escrows the object. */
  | "escrow"
  /** The expression called `Error(message)`. */
  | "customError"
  /** The function exists but its result cannot be computed outside the service. */
  | "notEvaluable";

/**
 * Thrown when an expression cannot be evaluated for a given source object.
 * Check `error.name === "ExpressionEvaluationError"` across package boundaries.
 */
export class ExpressionEvaluationError extends Error {
  override readonly name = "ExpressionEvaluationError";
  /** Machine-readable reason. */
  readonly code: EvaluationErrorCode;
  /** The function (or comparison operator) that failed, when known. */
  readonly functionName: string | undefined;

  constructor(code: EvaluationErrorCode, message: string, functionName?: string) {
    super(functionName ? `${functionName}: ${message}` : message);
    this.code = code;
    this.functionName = functionName;
  }
}
