/**
 * Lexer: expression text to tokens.
 *
 * Tokens: `[attribute]`, `"string"` (escapes `\"` and `\\`), integers `-?[0-9]+`, hexadecimal
 * integers `&H[0-9A-F]+`, identifiers (function names and bare keywords), `(`, `)`, `,`, the
 * comparison operators `= <> < <= > >=`, and a lone `&` (Cloud Sync's concatenation operator, which
 * the parser rejects with a hint). Whitespace is space, TAB, CR and LF.
 */
import { ExpressionParseError, positionAt } from "./errors";

/** The documented maximum length of an expression, in UTF-16 code units. */
export const MAX_EXPRESSION_LENGTH = 10_000;

export type TokenKind =
  | "attribute"
  | "string"
  | "integer"
  | "hex"
  | "identifier"
  | "("
  | ")"
  | ","
  | "operator"
  | "&"
  | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** Attribute name, unescaped string, raw integer, decimal value of a hex integer, identifier, operator. */
  readonly value: string;
  /** Offset of the first character. */
  readonly start: number;
  /** Offset after the last character. */
  readonly end: number;
}

export interface LexOptions {
  /** Reject backslash escapes other than `\"` and `\\`. */
  readonly strict?: boolean;
}

const QUOTE_LOOKALIKES = new Set([
  "'",
  "\u2018",
  "\u2019",
  "\u201a",
  "\u201c",
  "\u201d",
  "\u201e",
  "`",
  "\u00b4",
]);

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function lexError(
  text: string,
  offset: number,
  expected: string,
  found: string,
  hint?: string,
): never {
  throw new ExpressionParseError("lex", positionAt(text, offset), expected, found, hint);
}

function describeChar(text: string, offset: number): string {
  const cp = text.codePointAt(offset);
  return cp === undefined ? "end of input" : JSON.stringify(String.fromCodePoint(cp));
}

/** Splits expression text into tokens; the last token is always `eof`. */
export function tokenize(text: string, options: LexOptions = {}): Token[] {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    lexError(
      text,
      MAX_EXPRESSION_LENGTH,
      `at most ${MAX_EXPRESSION_LENGTH} characters`,
      `${text.length} characters`,
      "Entra rejects attribute-mapping expressions longer than 10,000 characters",
    );
  }
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === 91 /* [ */) {
      const close = text.indexOf("]", i + 1);
      if (close < 0) {
        const p = positionAt(text, start);
        lexError(
          text,
          n,
          '"]"',
          "end of input",
          `The attribute reference opened at line ${p.line}, column ${p.column} is not closed`,
        );
      }
      tokens.push({ kind: "attribute", value: text.slice(i + 1, close), start, end: close + 1 });
      i = close + 1;
    } else if (c === 34 /* " */) {
      i++;
      let value = "";
      let segment = i;
      for (;;) {
        if (i >= n) {
          const p = positionAt(text, start);
          lexError(
            text,
            n,
            'a closing quote (")',
            "end of input",
            `The string opened at line ${p.line}, column ${p.column} is not closed` +
              (text.charCodeAt(n - 1) === 34 && text.charCodeAt(n - 2) === 92
                ? "; its last quote is escaped by the backslash before it (write \\\\ for a backslash)"
                : ""),
          );
        }
        const d = text.charCodeAt(i);
        if (d === 34) break;
        if (d === 92 /* \ */) {
          const e = text.charCodeAt(i + 1);
          if (e === 34 || e === 92) {
            value += text.slice(segment, i) + text[i + 1];
            i += 2;
            segment = i;
            continue;
          }
          if (options.strict) {
            lexError(
              text,
              i,
              'an escape sequence (\\" or \\\\)',
              i + 1 < n ? JSON.stringify(text.slice(i, i + 2)) : '"\\" at end of input',
              'Only \\" and \\\\ are escapes in expression strings; write \\\\ for a literal backslash',
            );
          }
          // Lenient mode keeps an unknown escape as the two characters (Workday's "\+" example).
          i += i + 1 < n ? 2 : 1;
          continue;
        }
        i++;
      }
      value += text.slice(segment, i);
      i++;
      tokens.push({ kind: "string", value, start, end: i });
    } else if (isDigit(c) || (c === 45 /* - */ && isDigit(text.charCodeAt(i + 1)))) {
      i++;
      while (i < n && isDigit(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) === 46 /* . */ && isDigit(text.charCodeAt(i + 1))) {
        lexError(
          text,
          i,
          "an integer",
          JSON.stringify(text.slice(start, i + 2) + "…"),
          "The expression language has no decimal numbers; quote the value as a string",
        );
      }
      tokens.push({ kind: "integer", value: text.slice(start, i), start, end: i });
    } else if (c === 45) {
      lexError(text, i + 1, 'a digit after "-"', describeChar(text, i + 1));
    } else if (c === 38 /* & */) {
      const h = text.charCodeAt(i + 1);
      if (h === 72 || h === 104 /* H h */) {
        i += 2;
        const digits = i;
        while (i < n && isHexDigit(text.charCodeAt(i))) i++;
        if (i === digits) lexError(text, i, 'hexadecimal digits after "&H"', describeChar(text, i));
        if (i < n && isIdentPart(text.charCodeAt(i))) {
          lexError(text, i, "a hexadecimal digit", describeChar(text, i));
        }
        const value = BigInt("0x" + text.slice(digits, i)).toString();
        tokens.push({ kind: "hex", value, start, end: i });
      } else {
        tokens.push({ kind: "&", value: "&", start, end: i + 1 });
        i++;
      }
    } else if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      tokens.push({ kind: "identifier", value: text.slice(start, i), start, end: i });
    } else if (c === 40 || c === 41 || c === 44) {
      const kind = c === 40 ? "(" : c === 41 ? ")" : ",";
      tokens.push({ kind, value: kind, start, end: i + 1 });
      i++;
    } else if (c === 61 /* = */) {
      tokens.push({ kind: "operator", value: "=", start, end: i + 1 });
      i++;
    } else if (c === 60 /* < */) {
      const d = text.charCodeAt(i + 1);
      const op = d === 62 ? "<>" : d === 61 ? "<=" : "<";
      tokens.push({ kind: "operator", value: op, start, end: i + op.length });
      i += op.length;
    } else if (c === 62 /* > */) {
      const op = text.charCodeAt(i + 1) === 61 ? ">=" : ">";
      tokens.push({ kind: "operator", value: op, start, end: i + op.length });
      i += op.length;
    } else {
      const ch = String.fromCodePoint(text.codePointAt(i) as number);
      if (QUOTE_LOOKALIKES.has(ch)) {
        lexError(
          text,
          i,
          "a double-quoted string",
          JSON.stringify(ch),
          'Strings are written with straight double quotes ("...")',
        );
      }
      if (c === 160) {
        lexError(
          text,
          i,
          "an expression token",
          "a non-breaking space",
          "Replace it with an ordinary space",
        );
      }
      if (c === 33 && text.charCodeAt(i + 1) === 61) {
        lexError(text, i, "an expression token", '"!="', 'Write "<>" for "not equal"');
      }
      lexError(text, i, "an expression token", JSON.stringify(ch));
    }
  }
  tokens.push({ kind: "eof", value: "", start: n, end: n });
  return tokens;
}

/** How a token is shown in the `found` part of an error message. */
export function describeToken(token: Token, text: string): string {
  switch (token.kind) {
    case "eof":
      return "end of input";
    case "attribute":
      return `attribute ${shorten(text.slice(token.start, token.end))}`;
    case "string":
      return `string ${shorten(text.slice(token.start, token.end))}`;
    case "integer":
    case "hex":
      return `number ${text.slice(token.start, token.end)}`;
    default:
      return JSON.stringify(token.value);
  }
}

function shorten(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + "…" : s;
}
