/**
 * Conversion and encoding functions: ConvertToBase64, ConvertToUTF8Hex, ConvertFromBase64, CStr,
 * CBool, BitAnd, Guid, RandomString, Redact, StringFromSid, DNComponent.
 */
import { randomUUID } from "node:crypto";
import { ExpressionEvaluationError } from "../errors";
import { guidFromRandom, randomString, RANDOM_STRING_MAX_LENGTH } from "../random";
import {
  asBigInteger,
  asInteger,
  asString,
  asText,
  bool,
  FALSE,
  integerValue,
  readBoolean,
  single,
} from "../values";
import { arg, checkIntegerConstant, defineFunction, param, type FunctionSpec } from "./spec";

export const ConvertToBase64 = defineFunction({
  name: "ConvertToBase64",
  params: [param("source", "source")],
  returns: "String",
  engines: ["provisioning"],
  description: "Base64 of the UTF-16LE (Unicode) bytes of source.",
  compile: ([source]) => {
    const s = arg(source);
    return (src, ctx) => {
      const text = asString(s(src, ctx), "ConvertToBase64", "source");
      return text === null ? null : Buffer.from(text, "utf16le").toString("base64");
    };
  },
});

export const ConvertToUTF8Hex = defineFunction({
  name: "ConvertToUTF8Hex",
  params: [param("source", "source")],
  returns: "String",
  engines: ["provisioning"],
  description: "Upper-case hexadecimal of the UTF-8 bytes of source.",
  compile: ([source]) => {
    const s = arg(source);
    return (src, ctx) => {
      const text = asString(s(src, ctx), "ConvertToUTF8Hex", "source");
      return text === null ? null : Buffer.from(text, "utf8").toString("hex").toUpperCase();
    };
  },
});

const ENCODINGS = ["Unicode", "ASCII", "UTF8"];
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const ConvertFromBase64 = defineFunction({
  name: "ConvertFromBase64",
  params: [
    param("source", "source"),
    param("encoding", "encoding", { optional: true, keywords: ENCODINGS }),
  ],
  returns: "String",
  engines: ["cloud-sync"],
  description: "Decodes Base64 text; encoding is Unicode (UTF-16LE, default), ASCII or UTF8.",
  check: (args, ctx) => {
    const e = args[1]?.constant;
    if (e !== undefined && !ENCODINGS.includes(e))
      ctx.fail(1, "Unicode, ASCII or UTF8", JSON.stringify(e));
  },
  compile: ([source, encoding]) => {
    const s = arg(source);
    const fixed = encoding?.keyword ?? encoding?.constant;
    const dynamic = encoding && fixed === undefined ? encoding.evaluate : undefined;
    return (src, ctx) => {
      const text = asString(s(src, ctx), "ConvertFromBase64", "source");
      if (text === null) return null;
      const compact = text.replace(/\s+/g, "");
      if (!BASE64.test(compact)) {
        throw new ExpressionEvaluationError(
          "invalidArgument",
          `${JSON.stringify(text)} is not Base64`,
          "ConvertFromBase64",
        );
      }
      const enc = dynamic
        ? asText(dynamic(src, ctx), "ConvertFromBase64", "encoding") || "Unicode"
        : (fixed ?? "Unicode");
      const bytes = Buffer.from(compact, "base64");
      switch (enc) {
        case "Unicode":
          return bytes.toString("utf16le");
        case "UTF8":
          return bytes.toString("utf8");
        case "ASCII":
          return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : "?")).join("");
        default:
          throw new ExpressionEvaluationError(
            "invalidArgument",
            `encoding must be Unicode, ASCII or UTF8, got ${JSON.stringify(enc)}`,
            "ConvertFromBase64",
          );
      }
    };
  },
});

export const CStr = defineFunction({
  name: "CStr",
  params: [param("source", "value", { type: "Any" })],
  returns: "String",
  engines: ["provisioning"],
  description: "Converts a number, date or Boolean to a string.",
  compile: ([value]) => {
    const v = arg(value);
    return (src, ctx) => asString(v(src, ctx), "CStr", "value");
  },
});

export const CBool = defineFunction({
  name: "CBool",
  params: [param("source", "expression", { type: "Any" })],
  returns: "Boolean",
  engines: ["provisioning"],
  description:
    'Returns "True" when the expression is true ("True" in any case) or a non-zero integer; NULL gives "False".',
  compile: ([expression]) => {
    const e = arg(expression);
    return (src, ctx) => {
      const v = single(e(src, ctx), "CBool", "expression");
      if (v === null) return FALSE;
      const b = readBoolean(v);
      if (b === undefined) {
        throw new ExpressionEvaluationError(
          "invalidArgument",
          `${JSON.stringify(String(v))} is not a Boolean or a number`,
          "CBool",
        );
      }
      return bool(b);
    };
  },
});

export const BitAnd = defineFunction({
  name: "BitAnd",
  params: [
    param("value1", "value1", { type: "Integer" }),
    param("value2", "value2", { type: "Integer" }),
  ],
  returns: "Integer",
  engines: ["provisioning"],
  description: "Bitwise AND of two integers (hex literals such as &HF are allowed).",
  check: (args, ctx) => {
    checkIntegerConstant(args, 0, ctx, "value1");
    checkIntegerConstant(args, 1, ctx, "value2");
  },
  compile: ([value1, value2]) => {
    const a = arg(value1);
    const b = arg(value2);
    return (src, ctx) => {
      const x = a(src, ctx);
      const y = b(src, ctx);
      if (x === null || y === null) return null;
      return integerValue(
        asBigInteger(x, "BitAnd", "value1") & asBigInteger(y, "BitAnd", "value2"),
      );
    };
  },
});

export const Guid = defineFunction({
  name: "Guid",
  params: [],
  returns: "String",
  engines: ["provisioning"],
  usesContext: true,
  description: "A new random GUID, lower case with hyphens (deterministic with a random seed).",
  compile: () => (_src, ctx) =>
    ctx.options.randomSeed === undefined ? randomUUID() : guidFromRandom(() => ctx.random()),
});

export const RandomString = defineFunction({
  name: "RandomString",
  params: [
    param("length", "Length", { type: "Integer" }),
    param("minimumNumbers", "MinimumNumbers", { type: "Integer" }),
    param("minimumSpecialCharacters", "MinimumSpecialCharacters", { type: "Integer" }),
    param("minimumCapital", "MinimumCapital", { type: "Integer" }),
    param("minimumLowerCase", "MinimumLowerCase", { type: "Integer" }),
    param("charactersToAvoid", "CharactersToAvoid", { optional: true }),
  ],
  returns: "String",
  engines: ["provisioning"],
  usesContext: true,
  description:
    "A random string of Length characters (at most 256) from the Windows password-complexity set, with the given minimum counts of digits, special characters, capitals and lower-case letters.",
  check: (args, ctx) => {
    const length = checkIntegerConstant(args, 0, ctx, "Length", 1, RANDOM_STRING_MAX_LENGTH);
    let sum = 0;
    let allConstant = true;
    for (let i = 1; i <= 4; i++) {
      const n = checkIntegerConstant(
        args,
        i,
        ctx,
        ["", "MinimumNumbers", "MinimumSpecialCharacters", "MinimumCapital", "MinimumLowerCase"][i],
        0,
      );
      if (n === undefined) allConstant = false;
      else sum += n;
    }
    if (length !== undefined && allConstant && sum > length) {
      ctx.failCall(`minimum counts that add up to at most Length (${length})`, `a total of ${sum}`);
    }
  },
  compile: ([length, numbers, specials, capitals, lowers, avoid]) => {
    const evs = [length, numbers, specials, capitals, lowers].map(arg);
    const av = avoid?.evaluate;
    return (src, ctx) => {
      const [n, d, s, u, l] = evs.map((e, i) =>
        asInteger(
          e(src, ctx),
          "RandomString",
          [
            "Length",
            "MinimumNumbers",
            "MinimumSpecialCharacters",
            "MinimumCapital",
            "MinimumLowerCase",
          ][i],
        ),
      );
      const avoidText = av ? asText(av(src, ctx), "RandomString", "CharactersToAvoid") : "";
      return randomString(n, d, s, u, l, avoidText, () => ctx.random());
    };
  },
});

export const Redact = defineFunction({
  name: "Redact",
  params: [param("source", "value", { type: "Any" })],
  returns: "Any",
  engines: ["provisioning"],
  description: "Returns the value unchanged; provisioning logs show [Redact] instead of it.",
  compile: ([value]) => arg(value),
});

export const StringFromSid = defineFunction({
  name: "StringFromSid",
  params: [param("source", "sid")],
  returns: "String",
  engines: ["cloud-sync"],
  description: "Converts a binary security identifier (Base64 here) to its S-1-... string form.",
  compile: ([sid]) => {
    const s = arg(sid);
    return (src, ctx) => {
      const text = asString(s(src, ctx), "StringFromSid", "sid");
      if (text === null) return null;
      if (/^S-1-/i.test(text)) return text;
      const b = BASE64.test(text) ? Buffer.from(text, "base64") : undefined;
      if (!b || b.length < 8 || b[0] !== 1 || b.length !== 8 + 4 * b[1]) {
        throw new ExpressionEvaluationError(
          "invalidArgument",
          `${JSON.stringify(text)} is not a Base64 binary SID`,
          "StringFromSid",
        );
      }
      let authority = 0;
      for (let i = 2; i < 8; i++) authority = authority * 256 + b[i];
      let out = `S-1-${authority}`;
      for (let i = 0; i < b[1]; i++) out += "-" + b.readUInt32LE(8 + 4 * i);
      return out;
    };
  },
});

export const DNComponent = defineFunction({
  name: "DNComponent",
  params: [param("dn", "dn"), param("componentNumber", "ComponentNumber", { type: "Integer" })],
  returns: "String",
  engines: ["cloud-sync"],
  description:
    "The value of the 1-based n-th component of a distinguished name (cn=Joe,ou=... → Joe for 1).",
  check: (args, ctx) => {
    checkIntegerConstant(args, 1, ctx, "ComponentNumber", 1);
  },
  compile: ([dn, n]) => {
    const d = arg(dn);
    const k = arg(n);
    return (src, ctx) => {
      const text = asString(d(src, ctx), "DNComponent", "dn");
      if (text === null) return null;
      const index = asInteger(k(src, ctx), "DNComponent", "ComponentNumber");
      const components = text.split(/(?<!\\),/);
      const component = components[index - 1];
      if (index < 1 || component === undefined) return null;
      const eq = component.indexOf("=");
      return eq < 0 ? component.trim() : component.slice(eq + 1).trim();
    };
  },
});

export const CONVERSION_FUNCTIONS: readonly FunctionSpec[] = [
  ConvertToBase64,
  ConvertToUTF8Hex,
  ConvertFromBase64,
  CStr,
  CBool,
  BitAnd,
  Guid,
  RandomString,
  Redact,
  StringFromSid,
  DNComponent,
];
