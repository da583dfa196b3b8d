/**
 * How a function of the expression language is described: its parameters with Graph keys, its
 * arity, the checks it runs on constant arguments at validation time, and how it compiles to a
 * closure.
 */
import type { Evaluator } from "../values";

/** What a parameter expects (Graph's schema types plus the ones Graph does not publish). */
export type ParameterType = "String" | "Integer" | "Boolean" | "DateTime" | "MultiValued" | "Any";

/** Where a Graph parameter key comes from. */
export type KeySource =
  /** Published by Graph's `GET .../schema/functions`. */
  | "graph-schema"
  /** Seen in a real Graph tree. */
  | "graph-tree"
  /** Not published: the documented parameter name (single-input functions use `source`). */
  | "inferred";

/** Which engines document a function. */
export type FunctionEngine =
  /** Entra app provisioning, including cross-tenant synchronization. */
  | "provisioning"
  /** Listed only in Graph's function schema. */
  | "graph-schema"
  /** Entra Cloud Sync. */
  | "cloud-sync"
  /** Internal to cross-tenant synchronization. */
  | "cross-tenant-sync";

export type ReturnType = "String" | "Integer" | "Boolean" | "DateTime" | "MultiValued" | "Any";

export interface ParameterSpec {
  /** Graph parameter key. */
  readonly key: string;
  /** Documented parameter name. */
  readonly name: string;
  readonly required: boolean;
  /** The parameter repeats (always the last one). */
  readonly repeatable: boolean;
  readonly type: ParameterType;
  readonly keySource: KeySource;
  /** Bare keywords accepted in this parameter. */
  readonly keywords?: readonly string[];
}

/** A compiled argument, with its constant value when the argument is a literal. */
export interface CompiledArgument {
  readonly evaluate: Evaluator;
  /** Set when the argument is a string or number Constant. */
  readonly constant?: string;
  /** Set (canonical spelling) when the argument is a bare keyword. */
  readonly keyword?: string;
}

/** The evaluator of a compiled argument (arity was validated at parse time, so it is there). */
export function arg(a: CompiledArgument | undefined): Evaluator {
  return (a as CompiledArgument).evaluate;
}

/** What a validation check sees of an argument. */
export interface ArgumentView {
  readonly constant?: string;
  readonly keyword?: string;
}

/** Lets a check reject an argument with a positioned validation error. */
export interface CheckContext {
  /** Rejects the argument in `slot` (or the call, when the slot is empty). */
  fail(slot: number, expected: string, found: string, hint?: string): never;
  /** Rejects the whole call. */
  failCall(expected: string, found: string, hint?: string): never;
}

export interface FunctionSpec {
  readonly name: string;
  readonly params: readonly ParameterSpec[];
  readonly minArgs: number;
  /** `Infinity` for functions with a repeatable parameter. */
  readonly maxArgs: number;
  /** Advice added to argument-count errors. */
  readonly arityHint?: string;
  readonly returns: ReturnType;
  readonly engines: readonly FunctionEngine[];
  readonly description: string;
  /** Needs per-evaluation state (Now, random numbers, the uniqueness oracle). */
  readonly usesContext?: boolean;
  /** May only be the outermost call (SelectUniqueValue). */
  readonly topLevelOnly?: boolean;
  /** Maps the written arguments to parameter slots (FormatDateTime's 3-argument form). */
  readonly arrange?: <T>(written: readonly T[]) => (T | undefined)[];
  /** Whether the value of `slot` becomes the function's result (IIF branches, Switch values). */
  readonly isResultSlot?: (slot: number) => boolean;
  /** Checks arguments at validation time (constants, combinations). */
  readonly check?: (args: readonly (ArgumentView | undefined)[], ctx: CheckContext) => void;
  /** Compiles the call; `args` has one entry per slot (undefined = omitted). */
  readonly compile: (args: readonly (CompiledArgument | undefined)[]) => Evaluator;
}

/** Options for {@link param}. */
export interface ParamOptions {
  readonly optional?: boolean;
  readonly repeatable?: boolean;
  readonly type?: ParameterType;
  readonly keySource?: KeySource;
  readonly keywords?: readonly string[];
}

/** Declares a parameter. */
export function param(key: string, name: string, options: ParamOptions = {}): ParameterSpec {
  return {
    key,
    name,
    required: !options.optional,
    repeatable: options.repeatable ?? false,
    type: options.type ?? "String",
    keySource: options.keySource ?? "inferred",
    keywords: options.keywords,
  };
}

/** The parameter that describes `slot`. */
export function paramForSlot(spec: FunctionSpec, slot: number): ParameterSpec | undefined {
  if (slot < spec.params.length) return spec.params[slot];
  const last = spec.params[spec.params.length - 1];
  return last?.repeatable ? last : undefined;
}

/** Defines a function; `minArgs`/`maxArgs` default to what the parameters imply. */
export function defineFunction(
  spec: Omit<FunctionSpec, "minArgs" | "maxArgs"> & { minArgs?: number; maxArgs?: number },
): FunctionSpec {
  const last = spec.params[spec.params.length - 1];
  let requiredCount = 0;
  spec.params.forEach((p, i) => {
    if (p.required) requiredCount = i + 1;
  });
  return {
    ...spec,
    minArgs: spec.minArgs ?? requiredCount,
    maxArgs: spec.maxArgs ?? (last?.repeatable ? Infinity : spec.params.length),
  };
}

/** Validation helper: the constant in `slot` must be an integer within bounds. */
export function checkIntegerConstant(
  args: readonly (ArgumentView | undefined)[],
  slot: number,
  ctx: CheckContext,
  label: string,
  min?: number,
  max?: number,
): number | undefined {
  const arg = args[slot];
  if (arg?.keyword !== undefined)
    ctx.fail(slot, `an integer for ${label}`, `keyword ${arg.keyword}`);
  const text = arg?.constant;
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  if (!/^[+-]?\d+$/.test(trimmed) && !/^&[Hh][0-9A-Fa-f]+$/.test(trimmed)) {
    ctx.fail(slot, `an integer for ${label}`, JSON.stringify(text));
  }
  const n = /^&/.test(trimmed) ? Number(BigInt("0x" + trimmed.slice(2))) : Number(trimmed);
  if (min !== undefined && n < min) ctx.fail(slot, `${label} of at least ${min}`, String(n));
  if (max !== undefined && n > max) ctx.fail(slot, `${label} of at most ${max}`, String(n));
  return n;
}
