/**
 * Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName,
 * template). Which arguments are present selects the mode (Entra's function reference):
 *
 * | present                                        | result                                             |
 * |------------------------------------------------|----------------------------------------------------|
 * | oldValue, replacementValue                     | every oldValue in source replaced (ordinal)        |
 * | oldValue, template                             | every oldValue in template replaced by source      |
 * | regexPattern, replacementValue                 | .NET Regex.Replace (`$1`, `${name}` substitutions) |
 * | regexPattern, regexGroupName, replacementValue | in each match, the group's text replaced           |
 * | regexPattern, regexGroupName, replacementAttributeName | source if it has a value; otherwise the group matched in the replacement attribute |
 *
 * Any other combination is rejected at validation time.
 */
import { compileDotNetRegex, RegexTranslationError, type CompiledRegex } from "../dotnet/regex";
import { translateReplacement, type Replacement } from "../dotnet/replacement";
import { ExpressionEvaluationError } from "../errors";
import { asString, asText, type Evaluator } from "../values";
import { defineFunction, param, type CompiledArgument } from "./spec";

const NAME = "Replace";
const SOURCE = 0;
const OLD_VALUE = 1;
const PATTERN = 2;
const GROUP = 3;
const REPLACEMENT = 4;
const REPLACEMENT_ATTRIBUTE = 5;
const TEMPLATE = 6;

const FORMS =
  "Supported forms: (source, oldValue, , , replacementValue, , ), (source, oldValue, , , , , template), " +
  "(source, , regexPattern, , replacementValue, , ), (source, , regexPattern, regexGroupName, replacementValue, , ), " +
  "(source, , regexPattern, regexGroupName, , replacementAttributeName, )";

function regexOrThrow(pattern: string): CompiledRegex {
  try {
    return compileDotNetRegex(pattern);
  } catch (e) {
    if (e instanceof RegexTranslationError) {
      throw new ExpressionEvaluationError(
        "invalidArgument",
        `regexPattern ${JSON.stringify(pattern)}: ${e.message}`,
        NAME,
      );
    }
    throw e;
  }
}

/** The compiled regex of a pattern argument (compiled once when the pattern is a constant). */
function regexArgument(arg: CompiledArgument) {
  if (arg.constant !== undefined) {
    const compiled = regexOrThrow(arg.constant);
    return () => compiled;
  }
  const ev = arg.evaluate;
  return (src: Parameters<Evaluator>[0], ctx: Parameters<Evaluator>[1]) =>
    regexOrThrow(asText(ev(src, ctx), NAME, "regexPattern"));
}

/** Locates the group `name` (a name or a number) of a compiled regex in a match. */
function groupLocator(
  regex: CompiledRegex,
  name: string,
): (m: RegExpExecArray) => [number, number] | undefined {
  const t = regex.translated;
  if (t.groupNames.has(name)) return (m) => m.indices?.groups?.[name];
  const n = /^\d+$/.test(name) ? Number(name) : NaN;
  const js = t.groupIndex.get(n);
  if (js === undefined) {
    throw new ExpressionEvaluationError(
      "invalidArgument",
      `regexGroupName ${JSON.stringify(name)} is not a group of the pattern`,
      NAME,
    );
  }
  return (m) => m.indices?.[js];
}

/** Ordinal replace-all; `$` in the replacement is literal. */
function replaceLiteral(s: string, find: string, replacement: string): string {
  return replacement.indexOf("$") < 0
    ? s.replaceAll(find, replacement)
    : s.replaceAll(find, () => replacement);
}

function replaceAll(s: string, re: RegExp, replacement: Replacement): string {
  return typeof replacement === "string" ? s.replace(re, replacement) : s.replace(re, replacement);
}

function advance(text: string, index: number): number {
  const c = text.charCodeAt(index);
  return c >= 0xd800 && c <= 0xdbff && index + 1 < text.length ? index + 2 : index + 1;
}

export const Replace = defineFunction({
  name: NAME,
  params: [
    param("source", "source", { keySource: "graph-schema" }),
    param("Find", "oldValue", { keySource: "graph-schema", optional: true }),
    param("RegularExpression", "regexPattern", { keySource: "graph-schema", optional: true }),
    param("RegularExpressionGroupName", "regexGroupName", {
      keySource: "graph-schema",
      optional: true,
    }),
    param("Replacement", "replacementValue", { keySource: "graph-schema", optional: true }),
    param("ReplacementPropertyName", "replacementAttributeName", {
      keySource: "graph-schema",
      optional: true,
    }),
    param("Template", "template", { keySource: "graph-schema", optional: true }),
  ],
  returns: "String",
  engines: ["provisioning"],
  description:
    "Replaces text in source, by plain text (oldValue) or by .NET regular expression (regexPattern); see the mode table in the module documentation.",
  check: (args, ctx) => {
    const has = (i: number) => args[i] !== undefined;
    if (has(OLD_VALUE) && has(PATTERN)) {
      ctx.fail(PATTERN, "either oldValue or regexPattern", "both", FORMS);
    }
    if (!has(OLD_VALUE) && !has(PATTERN)) {
      ctx.failCall("an oldValue or a regexPattern argument", "neither", FORMS);
    }
    if (has(OLD_VALUE)) {
      if (has(GROUP))
        ctx.fail(GROUP, "no regexGroupName without regexPattern", "a regexGroupName", FORMS);
      if (has(REPLACEMENT_ATTRIBUTE)) {
        ctx.fail(
          REPLACEMENT_ATTRIBUTE,
          "no replacementAttributeName with oldValue",
          "a replacementAttributeName",
          FORMS,
        );
      }
      if (has(REPLACEMENT) && has(TEMPLATE))
        ctx.fail(TEMPLATE, "either replacementValue or template", "both", FORMS);
      if (!has(REPLACEMENT) && !has(TEMPLATE)) {
        ctx.failCall("a replacementValue or a template after oldValue", "neither", FORMS);
      }
      if (args[OLD_VALUE]?.constant === "") ctx.fail(OLD_VALUE, "a non-empty oldValue", '""');
      return;
    }
    const pattern = args[PATTERN]?.constant;
    let regex: CompiledRegex | undefined;
    if (pattern !== undefined) {
      try {
        regex = compileDotNetRegex(pattern);
      } catch (e) {
        if (!(e instanceof RegexTranslationError)) throw e;
        ctx.fail(
          PATTERN,
          "a valid .NET regular expression",
          JSON.stringify(pattern),
          `${e.message} (at pattern offset ${e.offset})`,
        );
      }
    }
    if (has(TEMPLATE)) ctx.fail(TEMPLATE, "no template with regexPattern", "a template", FORMS);
    if (has(GROUP)) {
      if (has(REPLACEMENT) && has(REPLACEMENT_ATTRIBUTE)) {
        ctx.fail(
          REPLACEMENT_ATTRIBUTE,
          "either replacementValue or replacementAttributeName",
          "both",
          FORMS,
        );
      }
      if (!has(REPLACEMENT) && !has(REPLACEMENT_ATTRIBUTE)) {
        ctx.failCall(
          "a replacementValue or a replacementAttributeName after regexGroupName",
          "neither",
          FORMS,
        );
      }
      const group = args[GROUP]?.constant;
      if (regex && group !== undefined) {
        const t = regex.translated;
        const known =
          t.groupNames.has(group) || (/^\d+$/.test(group) && t.groupIndex.has(Number(group)));
        if (!known) {
          ctx.fail(
            GROUP,
            `a group of the pattern (${[...t.groupNames].join(", ") || "it has no named groups"})`,
            JSON.stringify(group),
          );
        }
      }
    } else {
      if (has(REPLACEMENT_ATTRIBUTE)) {
        ctx.fail(
          REPLACEMENT_ATTRIBUTE,
          "a regexGroupName before replacementAttributeName",
          "none",
          FORMS,
        );
      }
      if (!has(REPLACEMENT)) ctx.failCall("a replacementValue after regexPattern", "none", FORMS);
    }
  },
  compile: (args) => {
    const source = (args[SOURCE] as CompiledArgument).evaluate;
    const text = (arg: CompiledArgument | undefined, label: string) => {
      const a = arg as CompiledArgument;
      if (a.constant !== undefined) {
        const c = a.constant;
        return () => c;
      }
      const ev = a.evaluate;
      return (src: Parameters<Evaluator>[0], ctx: Parameters<Evaluator>[1]) =>
        asText(ev(src, ctx), NAME, label);
    };

    if (args[OLD_VALUE]) {
      const find = text(args[OLD_VALUE], "oldValue");
      const checkFind = (f: string) => {
        if (f === "")
          throw new ExpressionEvaluationError("invalidArgument", "oldValue cannot be empty", NAME);
        return f;
      };
      if (args[REPLACEMENT]) {
        const replacement = text(args[REPLACEMENT], "replacementValue");
        return (src, ctx) => {
          const v = source(src, ctx);
          const s = typeof v === "string" ? v : asString(v, NAME, "source");
          if (s === null) return null;
          const f = checkFind(find(src, ctx));
          return s.indexOf(f) < 0 ? s : replaceLiteral(s, f, replacement(src, ctx));
        };
      }
      const template = text(args[TEMPLATE], "template");
      return (src, ctx) => {
        const s = asString(source(src, ctx), NAME, "source");
        if (s === null) return null;
        return replaceLiteral(template(src, ctx), checkFind(find(src, ctx)), s);
      };
    }

    const regexOf = regexArgument(args[PATTERN] as CompiledArgument);
    const groupArg = args[GROUP];
    if (!groupArg) {
      const replacementArg = args[REPLACEMENT] as CompiledArgument;
      const patternConstant = args[PATTERN]?.constant;
      if (replacementArg.constant !== undefined && patternConstant !== undefined) {
        const regex = regexOrThrow(patternConstant);
        const replacement = translateReplacement(replacementArg.constant, regex.translated);
        const re = regex.global;
        if (typeof replacement === "string") {
          return (src, ctx) => {
            const v = source(src, ctx);
            const s = typeof v === "string" ? v : asString(v, NAME, "source");
            return s === null ? null : s.replace(re, replacement);
          };
        }
        return (src, ctx) => {
          const s = asString(source(src, ctx), NAME, "source");
          return s === null ? null : replaceAll(s, re, replacement);
        };
      }
      const replacement = text(replacementArg, "replacementValue");
      return (src, ctx) => {
        const s = asString(source(src, ctx), NAME, "source");
        if (s === null) return null;
        const regex = regexOf(src, ctx);
        return replaceAll(
          s,
          regex.global,
          translateReplacement(replacement(src, ctx), regex.translated),
        );
      };
    }

    const groupName = text(groupArg, "regexGroupName");
    if (args[REPLACEMENT]) {
      const replacement = text(args[REPLACEMENT], "replacementValue");
      return (src, ctx) => {
        const s = asString(source(src, ctx), NAME, "source");
        if (s === null) return null;
        const regex = regexOf(src, ctx);
        const locate = groupLocator(regex, groupName(src, ctx));
        const r = replacement(src, ctx);
        const re = regex.withIndices;
        re.lastIndex = 0;
        let out = "";
        let last = 0;
        let m: RegExpExecArray | null;
        while ((m = re.exec(s)) !== null) {
          const span = locate(m);
          if (span && span[0] >= last) {
            out += s.slice(last, span[0]) + r;
            last = span[1];
          }
          if (m[0].length === 0) re.lastIndex = advance(s, re.lastIndex);
        }
        return out + s.slice(last);
      };
    }

    const attribute = (args[REPLACEMENT_ATTRIBUTE] as CompiledArgument).evaluate;
    return (src, ctx) => {
      const s = asString(source(src, ctx), NAME, "source");
      if (s !== null && s !== "") return s;
      const other = asString(attribute(src, ctx), NAME, "replacementAttributeName");
      if (other === null) return null;
      const regex = regexOf(src, ctx);
      const locate = groupLocator(regex, groupName(src, ctx));
      const re = regex.withIndices;
      re.lastIndex = 0;
      const m = re.exec(other);
      if (m === null) return null;
      const span = locate(m);
      return span ? other.slice(span[0], span[1]) : null;
    };
  },
});
