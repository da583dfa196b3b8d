/**
 * NULL tests and control flow: IsNull, IsNullOrEmpty, IsPresent, IsString, IsNothing, Not, IIF,
 * Switch, Coalesce, IgnoreFlowIfNullOrEmpty, SelectUniqueValue, Error.
 *
 * IIF and Switch are lazy: only the condition, the keys up to the match and the chosen value are
 * evaluated (Entra idioms such as `Switch([x], NumFromDate(...[x]...), "", "...")` depend on it).
 */
import { ExpressionEvaluationError } from "../errors";
import {
  asString,
  asText,
  DateTimeValue,
  FALSE,
  IGNORE_FLOW,
  isNullOrEmpty,
  readBoolean,
  single,
  TRUE,
  type Evaluator,
  type Value,
} from "../values";
import { arg, defineFunction, param, type FunctionSpec } from "./spec";

function test(name: string, description: string, predicate: (v: Value) => boolean): FunctionSpec {
  return defineFunction({
    name,
    params: [
      param("source", "expression", {
        type: "Any",
        keySource: name === "IsNothing" ? "graph-schema" : "inferred",
      }),
    ],
    returns: "Boolean",
    engines: name === "IsNothing" ? ["graph-schema"] : ["provisioning"],
    description,
    compile: ([expression]) => {
      const e = arg(expression);
      return (src, ctx) => (predicate(e(src, ctx)) ? TRUE : FALSE);
    },
  });
}

const isNull = (v: Value) => v === null || (Array.isArray(v) && v.length === 0);

export const IsNull = test(
  "IsNull",
  'Returns "True" when the value is NULL (the attribute is not present).',
  isNull,
);
export const IsNothing = test(
  "IsNothing",
  "Same as IsNull (listed only in Graph's function schema).",
  isNull,
);
export const IsNullOrEmpty = test(
  "IsNullOrEmpty",
  'Returns "True" when the value is NULL or "".',
  isNullOrEmpty,
);
export const IsPresent = test(
  "IsPresent",
  'Returns "True" when the value is neither NULL nor "".',
  (v) => !isNullOrEmpty(v),
);
export const IsString = test(
  "IsString",
  'Returns "True" when the value is a single value that can be read as a string (not NULL, not multi-valued).',
  (v) => v !== null && (!Array.isArray(v) || v.length === 1),
);

export const Not = defineFunction({
  name: "Not",
  params: [param("source", "source", { type: "Boolean", keySource: "graph-schema" })],
  returns: "Boolean",
  engines: ["provisioning"],
  description:
    'Returns "False" when source is true ("True" in any case, or a non-zero integer) and "True" otherwise.',
  compile: ([source]) => {
    const s = arg(source);
    return (src, ctx) => {
      const v = single(s(src, ctx), "Not", "source");
      return v !== null && readBoolean(v) === true ? FALSE : TRUE;
    };
  },
});

/** Reads an IIF condition: "True"/"False" (any case) or an integer; NULL and other text fail. */
function condition(v: Value): boolean {
  if (v === TRUE) return true;
  if (v === FALSE) return false;
  const s = single(v, "IIF", "condition");
  if (s === null) {
    throw new ExpressionEvaluationError(
      "invalidCondition",
      "the condition is NULL; Entra fails the condition check for NULL values (test with IsPresent or Switch instead)",
      "IIF",
    );
  }
  const b = readBoolean(s);
  if (b === undefined) {
    const shown = s instanceof DateTimeValue ? "a date" : JSON.stringify(String(s));
    throw new ExpressionEvaluationError(
      "invalidCondition",
      `the condition must be "True" or "False", got ${shown}`,
      "IIF",
    );
  }
  return b;
}

export const IIF = defineFunction({
  name: "IIF",
  params: [
    param("condition", "condition", { type: "Boolean" }),
    param("valueIfTrue", "valueIfTrue", { type: "Any" }),
    param("valueIfFalse", "valueIfFalse", { type: "Any" }),
  ],
  returns: "Any",
  engines: ["provisioning"],
  description:
    "Returns valueIfTrue when the condition holds, otherwise valueIfFalse (only that branch is evaluated).",
  isResultSlot: (slot) => slot > 0,
  compile: ([c, t, f]) => {
    const cond = arg(c);
    const whenTrue = arg(t);
    const whenFalse = arg(f);
    return (src, ctx) => (condition(cond(src, ctx)) ? whenTrue(src, ctx) : whenFalse(src, ctx));
  },
});

export const Switch = defineFunction({
  name: "Switch",
  params: [
    param("source", "source", { keySource: "graph-schema" }),
    param("defaultValue", "defaultValue", {
      keySource: "graph-schema",
      optional: true,
      type: "Any",
    }),
    param("switchValue", "key1, value1, ...", {
      keySource: "graph-schema",
      repeatable: true,
      optional: true,
      type: "Any",
    }),
  ],
  minArgs: 4,
  arityHint:
    "Switch takes (source, defaultValue, key1, value1, key2, value2, ...): keys and values come in pairs",
  returns: "Any",
  engines: ["provisioning"],
  description:
    'Returns the value paired with the first key equal to source (case-sensitive; NULL matches ""), otherwise defaultValue (NULL when omitted).',
  isResultSlot: (slot) => slot === 1 || (slot >= 2 && slot % 2 === 1),
  check: (args, ctx) => {
    if ((args.length - 2) % 2 !== 0) {
      const key = args[args.length - 1];
      ctx.failCall(
        `a value after the key ${key?.constant !== undefined ? JSON.stringify(key.constant) : "in the last pair"}`,
        '")"',
        "Switch takes (source, defaultValue, key1, value1, key2, value2, ...): keys and values come in pairs",
      );
    }
  },
  compile: ([source, defaultValue, ...pairs]) => {
    const s = arg(source);
    const fallback = defaultValue?.evaluate;
    const keys: Evaluator[] = [];
    const values: Evaluator[] = [];
    for (let i = 0; i < pairs.length; i += 2) {
      keys.push(arg(pairs[i]));
      values.push(arg(pairs[i + 1]));
    }
    const readSource = (src: Parameters<Evaluator>[0], ctx: Parameters<Evaluator>[1]) => {
      const v = s(src, ctx);
      return typeof v === "string" ? v : (asString(v, "Switch", "source") ?? "");
    };
    if (pairs.every((_, i) => i % 2 === 1 || pairs[i]?.constant !== undefined)) {
      // All keys are constants: a lookup table gives the first match directly.
      const table = new Map<string, Evaluator>();
      keys.forEach((_, k) => {
        const key = pairs[2 * k]?.constant as string;
        if (!table.has(key)) table.set(key, values[k]);
      });
      return (src, ctx) => {
        const chosen = table.get(readSource(src, ctx));
        if (chosen !== undefined) return chosen(src, ctx);
        return fallback ? fallback(src, ctx) : null;
      };
    }
    return (src, ctx) => {
      const v = readSource(src, ctx);
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k](src, ctx);
        if ((typeof key === "string" ? key : asText(key, "Switch", "key")) === v)
          return values[k](src, ctx);
      }
      return fallback ? fallback(src, ctx) : null;
    };
  },
});

export const Coalesce = defineFunction({
  name: "Coalesce",
  params: [
    param("source", "source1, source2, ..., defaultValue", { repeatable: true, type: "Any" }),
  ],
  returns: "Any",
  engines: ["provisioning"],
  description: 'Returns the first argument that is not NULL ("" counts as a value), or NULL.',
  isResultSlot: () => false,
  compile: (sources) => {
    const evs = sources.map(arg);
    return (src, ctx) => {
      for (let i = 0; i < evs.length; i++) {
        const v = evs[i](src, ctx);
        if (!isNull(v)) return v;
      }
      return null;
    };
  },
});

export const IgnoreFlowIfNullOrEmpty = defineFunction({
  name: "IgnoreFlowIfNullOrEmpty",
  params: [param("source", "expression", { type: "Any" })],
  returns: "Any",
  engines: ["provisioning"],
  description:
    'Leaves the target attribute out of the flow when the value is NULL or ""; otherwise returns it.',
  compile: ([expression]) => {
    const e = arg(expression);
    return (src, ctx) => {
      const v = e(src, ctx);
      if (isNullOrEmpty(v)) throw IGNORE_FLOW;
      return v;
    };
  },
});

export const SelectUniqueValue = defineFunction({
  name: "SelectUniqueValue",
  params: [
    param("uniqueValueRule", "uniqueValueRule1, uniqueValueRule2, ...", { repeatable: true }),
  ],
  minArgs: 2,
  returns: "String",
  engines: ["provisioning"],
  usesContext: true,
  topLevelOnly: true,
  description:
    "Evaluates the rules in order and returns the first value the target directory does not have yet; when every value exists the object is escrowed.",
  compile: (rules) => {
    const evs = rules.map(arg);
    return (src, ctx) => {
      const { isUnique, targetAttributeName } = ctx.options;
      const tried: string[] = [];
      for (let i = 0; i < evs.length; i++) {
        const v = asString(evs[i](src, ctx), "SelectUniqueValue", `rule ${i + 1}`);
        if (v === null || v === "") continue;
        if (!isUnique || isUnique(v, targetAttributeName)) return v;
        tried.push(v);
      }
      throw new ExpressionEvaluationError(
        "escrow",
        `no unique value: ${tried.length ? tried.map((t) => JSON.stringify(t)).join(", ") + " already exist" : "every rule gave NULL or an empty string"}; Entra escrows the object`,
        "SelectUniqueValue",
      );
    };
  },
});

export const ErrorFunction = defineFunction({
  name: "Error",
  params: [param("source", "message")],
  returns: "Any",
  engines: ["cloud-sync"],
  description: "Fails the object with a custom error message.",
  compile: ([message]) => {
    const m = arg(message);
    return (src, ctx) => {
      throw new ExpressionEvaluationError(
        "customError",
        asText(m(src, ctx), "Error", "message"),
        "Error",
      );
    };
  },
});

export const CONTROL_FUNCTIONS: readonly FunctionSpec[] = [
  IsNull,
  IsNullOrEmpty,
  IsPresent,
  IsString,
  IsNothing,
  Not,
  IIF,
  Switch,
  Coalesce,
  IgnoreFlowIfNullOrEmpty,
  SelectUniqueValue,
  ErrorFunction,
];
