/**
 * String functions: Append, Prepend, Join, Mid, Left, Word, InStr, Split, StripSpaces, Trim,
 * ToLower, ToUpper, PCase, NormalizeDiacritics. (Replace has its own module.)
 *
 * NULL handling: a NULL `source` gives NULL unless the documentation says otherwise (Left and Word
 * give "", Join skips NULL sources, InStr gives 0); a NULL secondary text argument reads as "".
 */
import {
  isValidCulture,
  lowerWithCulture,
  normalizeDiacritics,
  titleCaseWithSeparators,
  toTitleCase,
  upperWithCulture,
  lowerInvariant,
} from "../dotnet/text";
import { ExpressionEvaluationError } from "../errors";
import { asInteger, asString, asText, type Evaluator, type Value } from "../values";
import {
  checkIntegerConstant,
  defineFunction,
  param,
  type ArgumentView,
  type CheckContext,
  type CompiledArgument,
  type FunctionSpec,
} from "./spec";

/** Compiles a single-input string function with NULL propagation. */
function unary(
  name: string,
  op: (s: string) => string,
): (args: readonly (CompiledArgument | undefined)[]) => Evaluator {
  return (args) => {
    const source = (args[0] as CompiledArgument).evaluate;
    return (src, ctx) => {
      const v = source(src, ctx);
      const s = typeof v === "string" ? v : asString(v, name, "source");
      return s === null ? null : op(s);
    };
  };
}

/** An optional integer argument: its constant value, or an evaluator. */
function integerArgument(
  arg: CompiledArgument | undefined,
  fn: string,
  label: string,
  fallback?: number,
) {
  if (arg === undefined) return () => fallback as number;
  if (arg.constant !== undefined) {
    const n = asInteger(arg.constant, fn, label);
    return () => n;
  }
  const ev = arg.evaluate;
  return (src: Parameters<Evaluator>[0], ctx: Parameters<Evaluator>[1]) =>
    asInteger(ev(src, ctx), fn, label);
}

function checkCulture(args: readonly (ArgumentView | undefined)[], ctx: CheckContext): void {
  const culture = args[1]?.constant;
  if (culture !== undefined && culture !== "" && !isValidCulture(culture)) {
    ctx.fail(1, "a culture name such as en-US or tr-TR", JSON.stringify(culture));
  }
}

function cultureArgument(arg: CompiledArgument | undefined, fn: string) {
  if (arg === undefined) return () => undefined;
  if (arg.constant !== undefined) {
    const c = arg.constant || undefined;
    return () => c;
  }
  const ev = arg.evaluate;
  return (src: Parameters<Evaluator>[0], ctx: Parameters<Evaluator>[1]) => {
    const c = asString(ev(src, ctx), fn, "culture");
    if (!c) return undefined;
    if (!isValidCulture(c)) {
      throw new ExpressionEvaluationError(
        "invalidArgument",
        `culture ${JSON.stringify(c)} is not a culture name`,
        fn,
      );
    }
    return c;
  };
}

export const Append = defineFunction({
  name: "Append",
  params: [
    param("source", "source", { keySource: "graph-schema" }),
    param("suffix", "suffix", { keySource: "graph-schema" }),
  ],
  returns: "String",
  engines: ["provisioning"],
  description: "Appends suffix to the end of source.",
  compile: ([source, suffix]) => {
    const s = (source as CompiledArgument).evaluate;
    const constant = (suffix as CompiledArgument).constant;
    const x = (suffix as CompiledArgument).evaluate;
    return (src, ctx) => {
      const v = s(src, ctx);
      const a = typeof v === "string" ? v : asString(v, "Append", "source");
      if (a === null) return null;
      if (constant !== undefined) return a + constant;
      const b = x(src, ctx);
      return a + (typeof b === "string" ? b : asText(b, "Append", "suffix"));
    };
  },
});

export const Prepend = defineFunction({
  name: "Prepend",
  params: [
    param("prefix", "prefix", { keySource: "graph-schema" }),
    param("source", "source", { keySource: "graph-schema" }),
  ],
  returns: "String",
  engines: ["graph-schema"],
  description: "Puts prefix in front of source (listed only in Graph's function schema).",
  compile: ([prefix, source]) => {
    const p = (prefix as CompiledArgument).evaluate;
    const s = (source as CompiledArgument).evaluate;
    return (src, ctx) => {
      const a = asString(s(src, ctx), "Prepend", "source");
      if (a === null) return null;
      return asText(p(src, ctx), "Prepend", "prefix") + a;
    };
  },
});

export const Join = defineFunction({
  name: "Join",
  params: [
    param("separator", "separator", { keySource: "graph-schema" }),
    param("source", "source", { keySource: "graph-schema", repeatable: true }),
  ],
  returns: "String",
  engines: ["provisioning"],
  description:
    "Joins the sources with separator. Multi-valued sources contribute every value; NULL and empty sources are skipped.",
  compile: ([separator, ...sources]) => {
    const constant = (separator as CompiledArgument).constant;
    const sep = (separator as CompiledArgument).evaluate;
    const evs = sources.map((a) => (a as CompiledArgument).evaluate);
    const n = evs.length;
    return (src, ctx) => {
      const separatorText = constant ?? asText(sep(src, ctx), "Join", "separator");
      let out = "";
      let any = false;
      for (let i = 0; i < n; i++) {
        const v: Value = evs[i](src, ctx);
        if (typeof v === "string") {
          if (v === "") continue;
          out = any ? out + separatorText + v : v;
          any = true;
        } else if (v === null) {
          continue;
        } else if (Array.isArray(v)) {
          for (const item of v as readonly string[]) {
            if (item === "" || item === null || item === undefined) continue;
            out = any ? out + separatorText + item : item;
            any = true;
          }
        } else {
          const t = asString(v, "Join", "source") as string;
          if (t === "") continue;
          out = any ? out + separatorText + t : t;
          any = true;
        }
      }
      return out;
    };
  },
});

export const Mid = defineFunction({
  name: "Mid",
  params: [
    param("source", "source", { keySource: "graph-schema" }),
    param("start", "start", { keySource: "graph-schema", type: "Integer" }),
    param("length", "length", { keySource: "graph-schema", type: "Integer" }),
  ],
  returns: "String",
  engines: ["provisioning"],
  description: "Returns length characters of source starting at the 1-based position start.",
  check: (args, ctx) => {
    checkIntegerConstant(args, 1, ctx, "start", 1);
    checkIntegerConstant(args, 2, ctx, "length", 0);
  },
  compile: ([source, start, length]) => {
    const s = (source as CompiledArgument).evaluate;
    const st = integerArgument(start, "Mid", "start");
    const len = integerArgument(length, "Mid", "length");
    return (src, ctx) => {
      const v = s(src, ctx);
      const text = typeof v === "string" ? v : asString(v, "Mid", "source");
      if (text === null) return null;
      const a = st(src, ctx);
      const b = len(src, ctx);
      if (a < 1)
        throw new ExpressionEvaluationError(
          "invalidArgument",
          `start must be 1 or more, got ${a}`,
          "Mid",
        );
      if (b < 0)
        throw new ExpressionEvaluationError(
          "invalidArgument",
          `length cannot be negative, got ${b}`,
          "Mid",
        );
      return text.substring(a - 1, a - 1 + b);
    };
  },
});

export const Left = defineFunction({
  name: "Left",
  params: [param("string", "String"), param("numChars", "NumChars", { type: "Integer" })],
  returns: "String",
  engines: ["provisioning"],
  description:
    'Returns the first numChars characters of string: "" for 0, the whole string for a negative number, "" for NULL.',
  check: (args, ctx) => {
    checkIntegerConstant(args, 1, ctx, "numChars");
  },
  compile: ([source, count]) => {
    const s = (source as CompiledArgument).evaluate;
    const n = integerArgument(count, "Left", "numChars");
    return (src, ctx) => {
      const text = asString(s(src, ctx), "Left", "string");
      if (text === null) return "";
      const k = n(src, ctx);
      if (k < 0) return text;
      return text.substring(0, k);
    };
  },
});

export const Word = defineFunction({
  name: "Word",
  params: [
    param("string", "String"),
    param("wordNumber", "WordNumber", { type: "Integer" }),
    param("delimiters", "Delimiters"),
  ],
  returns: "String",
  engines: ["provisioning"],
  description:
    'Returns the 1-based wordNumber-th word of string, words being separated by any of the delimiter characters; "" when there is no such word or no delimiter occurs.',
  check: (args, ctx) => {
    checkIntegerConstant(args, 1, ctx, "wordNumber");
  },
  compile: ([source, number, delimiters]) => {
    const s = (source as CompiledArgument).evaluate;
    const n = integerArgument(number, "Word", "wordNumber");
    const d = (delimiters as CompiledArgument).evaluate;
    return (src, ctx) => {
      const text = asString(s(src, ctx), "Word", "string");
      const k = n(src, ctx);
      const delims = asText(d(src, ctx), "Word", "delimiters");
      if (text === null || k < 1 || delims === "") return "";
      const set = new Set(Array.from(delims));
      const words: string[] = [];
      let current = "";
      let sawDelimiter = false;
      for (const ch of text) {
        if (set.has(ch)) {
          sawDelimiter = true;
          if (current !== "") words.push(current);
          current = "";
        } else {
          current += ch;
        }
      }
      if (current !== "") words.push(current);
      if (!sawDelimiter) return "";
      return words[k - 1] ?? "";
    };
  },
});

const COMPARE_KEYWORDS = ["vbBinaryCompare", "vbTextCompare"];

export const InStr = defineFunction({
  name: "InStr",
  params: [
    param("value1", "value1"),
    param("value2", "value2"),
    param("start", "start", { optional: true, type: "Integer" }),
    param("compareType", "compareType", { optional: true, keywords: COMPARE_KEYWORDS }),
  ],
  returns: "Integer",
  engines: ["provisioning"],
  description:
    "Returns the 1-based position of value2 in value1 at or after start (default 1), or 0. compareType is vbBinaryCompare (case-sensitive, default) or vbTextCompare.",
  check: (args, ctx) => {
    checkIntegerConstant(args, 2, ctx, "start", 1);
    const t = args[3]?.constant;
    if (t !== undefined && !COMPARE_KEYWORDS.includes(t)) {
      ctx.fail(3, "vbBinaryCompare or vbTextCompare", JSON.stringify(t));
    }
  },
  compile: ([value1, value2, start, compareType]) => {
    const a = (value1 as CompiledArgument).evaluate;
    const b = (value2 as CompiledArgument).evaluate;
    const st = integerArgument(start, "InStr", "start", 1);
    const mode = compareType?.keyword ?? compareType?.constant;
    const dynamicMode =
      compareType !== undefined && mode === undefined ? compareType.evaluate : undefined;
    return (src, ctx) => {
      const s1 = asText(a(src, ctx), "InStr", "value1");
      const s2 = asText(b(src, ctx), "InStr", "value2");
      const from = st(src, ctx);
      if (from < 1)
        throw new ExpressionEvaluationError(
          "invalidArgument",
          `start must be 1 or more, got ${from}`,
          "InStr",
        );
      let m = mode;
      if (dynamicMode) {
        m = asText(dynamicMode(src, ctx), "InStr", "compareType") || "vbBinaryCompare";
        if (!COMPARE_KEYWORDS.includes(m)) {
          throw new ExpressionEvaluationError(
            "invalidArgument",
            `compareType must be vbBinaryCompare or vbTextCompare, got ${JSON.stringify(m)}`,
            "InStr",
          );
        }
      }
      if (from > s1.length) return 0;
      if (s2 === "") return from;
      if (m === "vbTextCompare")
        return lowerInvariant(s1).indexOf(lowerInvariant(s2), from - 1) + 1;
      return s1.indexOf(s2, from - 1) + 1;
    };
  },
});

export const Split = defineFunction({
  name: "Split",
  params: [
    param("source", "source", { keySource: "graph-schema" }),
    param("delimiter", "delimiter", { keySource: "graph-schema", optional: true }),
  ],
  returns: "MultiValued",
  engines: ["provisioning"],
  description:
    "Splits source into a multi-valued result at every occurrence of delimiter (like .NET String.Split: values are not trimmed). Without a delimiter it splits at white space.",
  compile: ([source, delimiter]) => {
    const s = (source as CompiledArgument).evaluate;
    const d = delimiter?.evaluate;
    return (src, ctx) => {
      const text = asString(s(src, ctx), "Split", "source");
      if (text === null) return null;
      const sep = d ? asString(d(src, ctx), "Split", "delimiter") : null;
      if (sep === null) return text.split(/\s/u);
      if (sep === "") return [text];
      return text.split(sep);
    };
  },
});

export const StripSpaces = defineFunction({
  name: "StripSpaces",
  params: [param("source", "source", { keySource: "graph-schema" })],
  returns: "String",
  engines: ["provisioning"],
  description: "Removes every space character (U+0020) from source.",
  compile: unary("StripSpaces", (s) => (s.indexOf(" ") < 0 ? s : s.split(" ").join(""))),
});

export const Trim = defineFunction({
  name: "Trim",
  params: [param("source", "value", { keySource: "graph-tree" })],
  returns: "String",
  engines: ["cloud-sync"],
  description: "Removes leading and trailing white space.",
  compile: unary("Trim", (s) => s.trim()),
});

export const ToLower = defineFunction({
  name: "ToLower",
  params: [param("source", "source"), param("culture", "culture", { optional: true })],
  returns: "String",
  engines: ["provisioning"],
  description:
    "Converts source to lower case, with the rules of culture (default InvariantCulture).",
  check: checkCulture,
  compile: ([source, culture]) => {
    const s = (source as CompiledArgument).evaluate;
    const c = cultureArgument(culture, "ToLower");
    return (src, ctx) => {
      const v = s(src, ctx);
      const text = typeof v === "string" ? v : asString(v, "ToLower", "source");
      return text === null ? null : lowerWithCulture(text, c(src, ctx));
    };
  },
});

export const ToUpper = defineFunction({
  name: "ToUpper",
  params: [param("source", "source"), param("culture", "culture", { optional: true })],
  returns: "String",
  engines: ["provisioning"],
  description:
    "Converts source to upper case, with the rules of culture (default InvariantCulture).",
  check: checkCulture,
  compile: ([source, culture]) => {
    const s = (source as CompiledArgument).evaluate;
    const c = cultureArgument(culture, "ToUpper");
    return (src, ctx) => {
      const v = s(src, ctx);
      const text = typeof v === "string" ? v : asString(v, "ToUpper", "source");
      return text === null ? null : upperWithCulture(text, c(src, ctx));
    };
  },
});

export const PCase = defineFunction({
  name: "PCase",
  params: [
    param("source", "source"),
    param("wordSeparators", "wordSeparators", { optional: true }),
  ],
  returns: "String",
  engines: ["provisioning"],
  description:
    "Upper-cases the first character of every word and lower-cases the rest. Without wordSeparators, words follow .NET TextInfo.ToTitleCase.",
  compile: ([source, separators]) => {
    const s = (source as CompiledArgument).evaluate;
    const sep = separators?.evaluate;
    return (src, ctx) => {
      const text = asString(s(src, ctx), "PCase", "source");
      if (text === null) return null;
      const seps = sep ? asString(sep(src, ctx), "PCase", "wordSeparators") : null;
      return seps === null
        ? toTitleCase(lowerInvariant(text))
        : titleCaseWithSeparators(text, seps);
    };
  },
});

export const NormalizeDiacritics = defineFunction({
  name: "NormalizeDiacritics",
  params: [param("source", "source")],
  returns: "String",
  engines: ["provisioning"],
  description: "Replaces accented Latin letters with unaccented ones (é→e, ß→ss, æ→ae, ø→oe, ł→l).",
  compile: unary("NormalizeDiacritics", normalizeDiacritics),
});

export const STRING_FUNCTIONS: readonly FunctionSpec[] = [
  Append,
  Prepend,
  Join,
  Mid,
  Left,
  Word,
  InStr,
  Split,
  StripSpaces,
  Trim,
  ToLower,
  ToUpper,
  PCase,
  NormalizeDiacritics,
];
