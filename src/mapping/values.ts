/**
 * Runtime values of the evaluator and the conversions between them.
 *
 * A value is NULL (`null`), a string, an integer (`number`, or `bigint` beyond 2^53), a DateTime,
 * or a multi-valued string list. Booleans are the strings "True" / "False", as in Entra.
 * Flow control (IgnoreFlowIfNullOrEmpty, IgnoreAttributeFlow, IgnoreObjectFlow) is not a value: it
 * is thrown as a {@link FlowSignal}, because it always ends the whole mapping.
 */
import {
  DateTimeError,
  DateTimeValue,
  looksLikeDateText,
  parseDateTimeText,
  renderGeneral,
} from "./dotnet/datetime";
import { ExpressionEvaluationError } from "./errors";
import type { EvaluatedValue, EvaluateOptions, EvaluationResult, ExpressionSource } from "./types";

export { DateTimeValue };

export type Value = null | string | number | bigint | DateTimeValue | readonly string[];

/** Per-evaluation state: the options, the instant `Now()` returns, the random generator. */
export interface EvalContext {
  readonly options: EvaluateOptions;
  /** `Now()` in epoch milliseconds, fixed for the whole evaluation. */
  nowMs(): number;
  /** A random number in [0, 1). */
  random(): number;
}

/** A compiled node. */
export type Evaluator = (source: ExpressionSource, ctx: EvalContext) => Value;

/** Thrown to end a mapping with a flow-control result. */
export class FlowSignal {
  constructor(readonly result: EvaluationResult) {}
}

export const IGNORE_FLOW = new FlowSignal({ kind: "ignoreFlow" });
export const IGNORE_ATTRIBUTE_FLOW = new FlowSignal({
  kind: "keyword",
  name: "IgnoreAttributeFlow",
});
export const IGNORE_OBJECT_FLOW = new FlowSignal({ kind: "keyword", name: "IgnoreObjectFlow" });

export const TRUE = "True";
export const FALSE = "False";

export function bool(b: boolean): string {
  return b ? TRUE : FALSE;
}

function fail(fn: string, message: string): never {
  throw new ExpressionEvaluationError("invalidArgument", message, fn);
}

/**
 * Reads a possibly multi-valued value where a single value is needed: no values is NULL, one value
 * is that value, more than one is an error.
 */
export function single(v: Value, fn: string, param: string): Exclude<Value, readonly string[]> {
  if (!Array.isArray(v)) return v as Exclude<Value, readonly string[]>;
  if (v.length === 0) return null;
  if (v.length === 1) return v[0] as string;
  throw new ExpressionEvaluationError(
    "multiValued",
    `${param} has ${v.length} values but takes a single value; use Join, Item or SingleAppRoleAssignment first`,
    fn,
  );
}

/** A value as a string; NULL stays NULL. DateTimes render as `M/d/yyyy h:mm:ss tt`. */
export function asString(v: Value, fn: string, param: string): string | null {
  if (typeof v === "string") return v;
  if (v === null) return null;
  const s = single(v, fn, param);
  if (s === null || typeof s === "string") return s;
  if (s instanceof DateTimeValue) return renderGeneral(s);
  return String(s);
}

/** A value as a string, NULL read as "". */
export function asText(v: Value, fn: string, param: string): string {
  return typeof v === "string" ? v : (asString(v, fn, param) ?? "");
}

const INTEGER = /^\s*[+-]?\d+\s*$/;
const HEX = /^\s*&[Hh][0-9A-Fa-f]+\s*$/;

/** Parses integer text (decimal, or VB `&H` hex); undefined when it is not an integer. */
export function parseInteger(s: string): number | bigint | undefined {
  if (INTEGER.test(s)) {
    const n = Number(s);
    if (Number.isSafeInteger(n)) return n;
    return BigInt(s.trim());
  }
  if (HEX.test(s)) {
    const b = BigInt("0x" + s.trim().slice(2));
    return b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
  }
  return undefined;
}

/** A value as an integer (numbers written as strings are accepted); NULL and non-integers fail. */
export function asInteger(v: Value, fn: string, param: string): number {
  if (typeof v === "number") return v;
  const b = asBigInteger(v, fn, param);
  if (b < BigInt(Number.MIN_SAFE_INTEGER) || b > BigInt(Number.MAX_SAFE_INTEGER)) {
    fail(fn, `${param} is out of range`);
  }
  return Number(b);
}

/** A value as a 64-bit-capable integer. */
export function asBigInteger(v: Value, fn: string, param: string): bigint {
  const s = single(v, fn, param);
  if (typeof s === "number") return BigInt(s);
  if (typeof s === "bigint") return s;
  if (s === null) fail(fn, `${param} is NULL; an integer is required`);
  if (typeof s === "string") {
    const n = parseInteger(s);
    if (n !== undefined) return BigInt(n);
    fail(fn, `${param} must be an integer, got ${JSON.stringify(s)}`);
  }
  return fail(fn, `${param} must be an integer, got a date`);
}

/** A value as a DateTime; strings are parsed like CDate. NULL and unparsable text fail. */
export function asDate(v: Value, fn: string, param: string): DateTimeValue {
  const s = single(v, fn, param);
  if (s instanceof DateTimeValue) return s;
  if (s === null) fail(fn, `${param} is NULL; a date is required`);
  const text = String(s);
  const dt = parseDateTimeText(text);
  if (dt === undefined) {
    fail(
      fn,
      looksLikeDateText(text)
        ? `${param} is not a valid date: ${JSON.stringify(text)} (a field is out of range, or the date is outside 0001-01-01 to 9999-12-31 UTC)`
        : `${param} is not a date: ${JSON.stringify(text)} (expected e.g. 2020-03-16, 2020-03-16T07:00:00-07:00 or 3/16/2020 7:00:00 AM)`,
    );
  }
  return dt;
}

/** Runs date arithmetic, turning range errors into evaluation errors. */
export function dateOp<T>(fn: string, op: () => T): T {
  try {
    return op();
  } catch (e) {
    if (e instanceof DateTimeError) fail(fn, e.message);
    throw e;
  }
}

/**
 * Reads a Boolean: "True"/"False" in any case, or an integer (non-zero is true). Undefined when
 * the value is neither.
 */
export function readBoolean(v: Exclude<Value, readonly string[]>): boolean | undefined {
  if (v === TRUE) return true;
  if (v === FALSE) return false;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "bigint") return v !== 0n;
  if (typeof v !== "string") return undefined;
  const t = v.trim().toLowerCase();
  if (t === "true") return true;
  if (t === "false") return false;
  const n = parseInteger(t);
  return n === undefined ? undefined : n !== 0 && n !== 0n;
}

/** Whether a value is NULL or "" (or has no values). */
export function isNullOrEmpty(v: Value): boolean {
  return v === null || v === "" || (Array.isArray(v) && v.length === 0);
}

/** Every string in a value, flattened (NULL gives none). */
export function valuesOf(v: Value, fn: string, param: string): readonly string[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v as readonly string[];
  return [asString(v, fn, param) as string];
}

/** Reads an attribute from the source object: missing, `undefined`, `null` and `[]` are NULL. */
export function readAttribute(source: ExpressionSource, name: string): Value {
  const v = source[name];
  if (typeof v === "string") return v;
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v;
  // An inherited member such as "constructor" is not an attribute.
  if (!Object.prototype.hasOwnProperty.call(source, name)) return null;
  throw new ExpressionEvaluationError(
    "invalidArgument",
    `attribute [${name}] must be a string, an array of strings, null or undefined; got ${typeof v}`,
  );
}

/** Converts a runtime value to the public result value. */
export function toEvaluatedValue(v: Value): EvaluatedValue {
  if (typeof v === "string" || v === null) return v;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(v)
      : v.toString();
  }
  if (v instanceof DateTimeValue) return renderGeneral(v);
  return (v as readonly string[]).slice();
}

/** A normalised integer result: `number` when safe, else `bigint`. */
export function integerValue(b: bigint): number | bigint {
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(b)
    : b;
}
