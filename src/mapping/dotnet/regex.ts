/**
 * Translates .NET regular expressions (System.Text.RegularExpressions, the engine Entra's Replace
 * uses) into equivalent JavaScript regular expressions (replacement strings: ./replacement.ts).
 *
 * What differs and how it is bridged:
 * - `\d`, `\w`, `\b` are Unicode-aware in .NET: translated to `\p{Nd}`, `[\p{L}\p{Mn}\p{Nd}\p{Pc}]`
 *   and look-arounds (the `u` flag is always set).
 * - `.` excludes only `\n`; `$` (without `m`) also matches before a final `\n`; `\A \z \Z`.
 * - Unnamed groups are numbered before named groups (`$1`, `\1` are remapped).
 * - Atomic groups `(?>...)` become `(?=(...))\k`, class subtraction `[a-z-[aeiou]]` a look-ahead.
 * - Inline options `(?mnsx-mnsx)` are applied during translation; `(?i)` only at the very start.
 * - Rejected with an error: `\G`, conditionals, balancing groups, Unicode block names (`\p{IsGreek}`),
 *   duplicate group names, numbered group names, and `(?i)` anywhere but the start.
 */

/** A .NET pattern that cannot be translated or is not a valid regular expression. */
export class RegexTranslationError extends Error {
  /** Offset in the .NET pattern (UTF-16 code units). */
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.name = "RegexTranslationError";
    this.offset = offset;
  }
}

interface Options {
  readonly m: boolean;
  readonly s: boolean;
  readonly n: boolean;
  readonly x: boolean;
}

type Node =
  | { t: "seq"; items: Node[] }
  | { t: "alt"; branches: Node[] }
  | { t: "group"; kind: GroupKind; body: Node; name?: string; id?: number }
  | { t: "js"; src: string; quantifiable: boolean }
  | { t: "char"; cp: number }
  | { t: "class"; cls: ClassNode }
  | { t: "backref"; ref: number | string; offset: number }
  | { t: "quant"; body: Node; min: number; max: number; lazy: boolean };

type GroupKind =
  "capture" | "noncapture" | "ahead" | "notahead" | "behind" | "notbehind" | "atomic";

interface ClassNode {
  negated: boolean;
  /** JS class-body fragments (already escaped), e.g. `a-z`, `\p{Nd}`. */
  parts: string[];
  /** `\W` appeared: the class also contains "not a word character". */
  notWord: boolean;
  subtract?: ClassNode;
}

const WORD = "\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}";
const WORD_CLASS = `[${WORD}]`;
const WORD_BOUNDARY = `(?:(?<=${WORD_CLASS})(?!${WORD_CLASS})|(?<!${WORD_CLASS})(?=${WORD_CLASS}))`;
const NOT_WORD_BOUNDARY = `(?:(?<=${WORD_CLASS})(?=${WORD_CLASS})|(?<!${WORD_CLASS})(?!${WORD_CLASS}))`;

const CATEGORIES = new Set(
  "L Lu Ll Lt Lm Lo M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn".split(
    " ",
  ),
);

const SYNTAX = new Set("^$\\.*+?()[]{}|/");

function escapeCodePoint(cp: number, inClass: boolean): string {
  const ch = String.fromCodePoint(cp);
  if (SYNTAX.has(ch) || (inClass && ch === "-")) return "\\" + ch;
  if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029) {
    return `\\u{${cp.toString(16)}}`;
  }
  return ch;
}

class PatternParser {
  private i = 0;
  private ignoreCase = false;
  readonly captures: Array<{ node: Extract<Node, { t: "group" }>; name?: string }> = [];

  constructor(private readonly p: string) {}

  parse(): { root: Node; ignoreCase: boolean } {
    let opts: Options = { m: false, s: false, n: false, x: false };
    // A leading (?i...) option group sets the i flag for the whole pattern.
    const lead = /^\(\?([imnsx]*)(?:-([imnsx]*))?\)/.exec(this.p);
    if (lead) {
      const on = lead[1];
      const off = lead[2] ?? "";
      if (on.includes("i")) this.ignoreCase = true;
      opts = applyOptions(opts, on.replace("i", ""), off.replace("i", ""));
      this.i = lead[0].length;
    }
    const root = this.parseAlternation(opts, true);
    if (this.i < this.p.length) this.fail("Too many )'s", this.i);
    return { root, ignoreCase: this.ignoreCase };
  }

  private fail(message: string, at: number): never {
    throw new RegexTranslationError(message, at);
  }

  private parseAlternation(opts: Options, top: boolean): Node {
    const branches: Node[] = [];
    let current: Options = opts;
    for (;;) {
      const { node, options } = this.parseSequence(current);
      branches.push(node);
      current = options;
      if (this.p[this.i] === "|") {
        this.i++;
        continue;
      }
      break;
    }
    if (!top && this.p[this.i] !== ")") this.fail("Not enough )'s", this.i);
    return branches.length === 1 ? branches[0] : { t: "alt", branches };
  }

  private skipExtended(opts: Options): void {
    if (!opts.x) return;
    for (;;) {
      const c = this.p[this.i];
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v") {
        this.i++;
      } else if (c === "#") {
        while (this.i < this.p.length && this.p[this.i] !== "\n") this.i++;
      } else {
        return;
      }
    }
  }

  private parseSequence(opts: Options): { node: Node; options: Options } {
    const items: Node[] = [];
    for (;;) {
      this.skipExtended(opts);
      const c = this.p[this.i];
      if (c === undefined || c === "|" || c === ")") break;
      const start = this.i;
      // Inline option change without a body: (?imnsx-imnsx)
      const inline = this.p.startsWith("(?", this.i)
        ? /^\(\?([imnsx]*)(?:-([imnsx]*))?\)/.exec(this.p.slice(this.i))
        : null;
      if (inline && (inline[1] || inline[2] !== undefined)) {
        if ((inline[1] + (inline[2] ?? "")).includes("i")) {
          this.fail("The inline option (?i) is supported only at the start of the pattern", start);
        }
        opts = applyOptions(opts, inline[1], inline[2] ?? "");
        this.i += inline[0].length;
        continue;
      }
      if (this.p.startsWith("(?#", this.i)) {
        const close = this.p.indexOf(")", this.i);
        if (close < 0) this.fail("Unterminated (?#...) comment", start);
        this.i = close + 1;
        continue;
      }
      let atom = this.parseAtom(opts);
      this.skipExtended(opts);
      atom = this.parseQuantifiers(atom, start, opts);
      items.push(atom);
    }
    return { node: items.length === 1 ? items[0] : { t: "seq", items }, options: opts };
  }

  private parseQuantifiers(atom: Node, start: number, opts: Options): Node {
    let quantified = false;
    for (;;) {
      const c = this.p[this.i];
      let min: number;
      let max: number;
      if (c === "*") {
        min = 0;
        max = Infinity;
        this.i++;
      } else if (c === "+") {
        min = 1;
        max = Infinity;
        this.i++;
      } else if (c === "?") {
        min = 0;
        max = 1;
        this.i++;
      } else if (c === "{") {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.p.slice(this.i));
        if (!m) return atom;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
        if (max < min) this.fail("Illegal {x,y} with x > y", this.i);
        this.i += m[0].length;
      } else {
        return atom;
      }
      if (quantified) this.fail(`Nested quantifier '${c}'`, this.i - 1);
      if (atom.t === "js" && !atom.quantifiable) {
        this.fail(`Quantifier '${c}' following nothing`, start);
      }
      let lazy = false;
      if (this.p[this.i] === "?") {
        lazy = true;
        this.i++;
      }
      atom = { t: "quant", body: atom, min, max, lazy };
      quantified = true;
      this.skipExtended(opts);
    }
  }

  private parseAtom(opts: Options): Node {
    const start = this.i;
    const c = this.p[this.i];
    switch (c) {
      case "(":
        return this.parseGroup(opts);
      case "[": {
        const cls = this.parseClass();
        return { t: "class", cls };
      }
      case ".":
        this.i++;
        return { t: "js", src: opts.s ? "[\\s\\S]" : "[^\\n]", quantifiable: true };
      case "^":
        this.i++;
        return { t: "js", src: opts.m ? "(?<=^|\\n)" : "(?<![\\s\\S])", quantifiable: false };
      case "$":
        this.i++;
        return {
          t: "js",
          src: opts.m ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))",
          quantifiable: false,
        };
      case "\\":
        return this.parseEscape();
      case "*":
      case "+":
      case "?":
        return this.fail(`Quantifier '${c}' following nothing`, start);
      default: {
        const cp = this.p.codePointAt(this.i) as number;
        this.i += cp > 0xffff ? 2 : 1;
        return { t: "char", cp };
      }
    }
  }

  private parseGroup(opts: Options): Node {
    const start = this.i;
    this.i++; // (
    let kind: GroupKind = opts.n ? "noncapture" : "capture";
    let name: string | undefined;
    let inner = opts;
    if (this.p[this.i] === "?") {
      const rest = this.p.slice(this.i + 1);
      const named = /^(?:<([^>]*)>|'([^']*)')/.exec(rest);
      if (rest.startsWith(":")) {
        kind = "noncapture";
        this.i += 2;
      } else if (rest.startsWith("=")) {
        kind = "ahead";
        this.i += 2;
      } else if (rest.startsWith("!")) {
        kind = "notahead";
        this.i += 2;
      } else if (rest.startsWith("<=")) {
        kind = "behind";
        this.i += 3;
      } else if (rest.startsWith("<!")) {
        kind = "notbehind";
        this.i += 3;
      } else if (rest.startsWith(">")) {
        kind = "atomic";
        this.i += 2;
      } else if (named) {
        name = named[1] ?? named[2];
        if (name.includes("-")) this.fail("Balancing groups (?<a-b>...) are not supported", start);
        if (/^\d+$/.test(name))
          this.fail("Numbered group names (?<1>...) are not supported", start);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
          this.fail(`Invalid group name '${name}'`, start);
        if (this.captures.some((c) => c.name === name)) {
          this.fail(
            `The group name '${name}' is used twice; duplicate names are not supported`,
            start,
          );
        }
        kind = "capture";
        this.i += 1 + named[0].length;
      } else if (rest.startsWith("(")) {
        this.fail("Conditional groups (?(...)...) are not supported", start);
      } else {
        const scoped = /^([imnsx]*)(?:-([imnsx]*))?:/.exec(rest);
        if (!scoped) this.fail("Unrecognized grouping construct", start);
        if ((scoped[1] + (scoped[2] ?? "")).includes("i")) {
          this.fail("The inline option (?i) is supported only at the start of the pattern", start);
        }
        inner = applyOptions(opts, scoped[1], scoped[2] ?? "");
        kind = "noncapture";
        this.i += 1 + scoped[0].length;
      }
    }
    const node: Extract<Node, { t: "group" }> = { t: "group", kind, body: { t: "seq", items: [] } };
    if (kind === "capture") {
      node.name = name;
      this.captures.push({ node, name });
    }
    node.body = this.parseAlternation(inner, false);
    this.i++; // )
    return node;
  }

  private parseEscape(): Node {
    const start = this.i;
    this.i++; // backslash
    const c = this.p[this.i];
    if (c === undefined) this.fail("Illegal \\ at end of pattern", start);
    this.i++;
    switch (c) {
      case "d":
        return { t: "js", src: "\\p{Nd}", quantifiable: true };
      case "D":
        return { t: "js", src: "\\P{Nd}", quantifiable: true };
      case "w":
        return { t: "js", src: WORD_CLASS, quantifiable: true };
      case "W":
        return { t: "js", src: `[^${WORD}]`, quantifiable: true };
      case "s":
        return { t: "js", src: "\\s", quantifiable: true };
      case "S":
        return { t: "js", src: "\\S", quantifiable: true };
      case "p":
      case "P":
        return { t: "js", src: this.parseCategory(c, start), quantifiable: true };
      case "b":
        return { t: "js", src: WORD_BOUNDARY, quantifiable: false };
      case "B":
        return { t: "js", src: NOT_WORD_BOUNDARY, quantifiable: false };
      case "A":
        return { t: "js", src: "(?<![\\s\\S])", quantifiable: false };
      case "z":
        return { t: "js", src: "(?![\\s\\S])", quantifiable: false };
      case "Z":
        return { t: "js", src: "(?=\\n?(?![\\s\\S]))", quantifiable: false };
      case "G":
        return this.fail("\\G (contiguous match) is not supported", start);
      case "k": {
        const m = /^(?:<([^>]*)>|'([^']*)')/.exec(this.p.slice(this.i));
        if (!m) this.fail("Malformed \\k<...> named back reference", start);
        this.i += m[0].length;
        const ref = m[1] ?? m[2];
        return { t: "backref", ref: /^\d+$/.test(ref) ? Number(ref) : ref, offset: start };
      }
      default:
        break;
    }
    if (c >= "1" && c <= "9") {
      let digits = c;
      while (/[0-9]/.test(this.p[this.i] ?? "")) digits += this.p[this.i++];
      return { t: "backref", ref: Number(digits), offset: start };
    }
    this.i = start;
    return { t: "char", cp: this.parseCharEscape(false) };
  }

  private parseCategory(c: string, start: number): string {
    const m = /^\{([^}]*)\}/.exec(this.p.slice(this.i));
    if (!m) this.fail(`Malformed \\${c}{X} character escape`, start);
    this.i += m[0].length;
    const name = m[1];
    if (!CATEGORIES.has(name)) {
      this.fail(
        /^Is/.test(name)
          ? `Unicode block names such as \\${c}{${name}} are not supported`
          : `Unknown property '${name}'`,
        start,
      );
    }
    return `\\${c}{${name}}`;
  }

  /** A single-character escape at `this.i` (which points at the backslash). Returns the code point. */
  private parseCharEscape(inClass: boolean): number {
    const start = this.i;
    this.i++;
    const c = this.p[this.i++];
    switch (c) {
      case "t":
        return 9;
      case "n":
        return 10;
      case "r":
        return 13;
      case "f":
        return 12;
      case "v":
        return 11;
      case "a":
        return 7;
      case "e":
        return 27;
      case "b":
        if (inClass) return 8;
        break;
      case "0": {
        let digits = "";
        while (digits.length < 2 && /[0-7]/.test(this.p[this.i] ?? "")) digits += this.p[this.i++];
        return parseInt(digits || "0", 8);
      }
      case "x": {
        const m = /^[0-9A-Fa-f]{2}/.exec(this.p.slice(this.i));
        if (!m) this.fail("Insufficient hexadecimal digits", start);
        this.i += 2;
        return parseInt(m[0], 16);
      }
      case "u": {
        const m = /^[0-9A-Fa-f]{4}/.exec(this.p.slice(this.i));
        if (!m) this.fail("Insufficient hexadecimal digits", start);
        this.i += 4;
        return parseInt(m[0], 16);
      }
      case "c": {
        const l = this.p[this.i++];
        if (!l || !/[A-Za-z@[\\\]^_]/.test(l)) this.fail("Missing control character", start);
        return l.toUpperCase().charCodeAt(0) ^ 0x40;
      }
      default:
        break;
    }
    if (c === undefined) this.fail("Illegal \\ at end of pattern", start);
    if (/[A-Za-z0-9_]/.test(c)) this.fail(`Unrecognized escape sequence \\${c}`, start);
    this.i = start + 1;
    const cp = this.p.codePointAt(this.i) as number;
    this.i += cp > 0xffff ? 2 : 1;
    return cp;
  }

  private parseClass(): ClassNode {
    const start = this.i;
    this.i++; // [
    const cls: ClassNode = { negated: false, parts: [], notWord: false };
    if (this.p[this.i] === "^") {
      cls.negated = true;
      this.i++;
    }
    let first = true;
    for (;;) {
      const c = this.p[this.i];
      if (c === undefined) this.fail("Unterminated [] set", start);
      if (c === "]" && !first) {
        this.i++;
        return cls;
      }
      first = false;
      if (c === "-" && this.p[this.i + 1] === "[") {
        this.i++;
        cls.subtract = this.parseClass();
        if (this.p[this.i] !== "]")
          this.fail("A subtraction must be the last element in a character class", this.i);
        this.i++;
        return cls;
      }
      const low = this.parseClassAtom(cls);
      if (low === undefined) continue;
      if (
        this.p[this.i] === "-" &&
        this.p[this.i + 1] !== "]" &&
        this.p[this.i + 1] !== undefined
      ) {
        if (this.p[this.i + 1] === "[") {
          cls.parts.push(escapeCodePoint(low, true));
          continue;
        }
        const rangeStart = this.i;
        this.i++;
        const high = this.parseClassAtom(cls);
        if (high === undefined) {
          this.fail("A class escape cannot be the end of a range", rangeStart);
        }
        if (high < low) this.fail("[x-y] range in reverse order", rangeStart);
        cls.parts.push(`${escapeCodePoint(low, true)}-${escapeCodePoint(high, true)}`);
      } else {
        cls.parts.push(escapeCodePoint(low, true));
      }
    }
  }

  /** A class member: returns its code point, or undefined after adding a class escape to `cls`. */
  private parseClassAtom(cls: ClassNode): number | undefined {
    const c = this.p[this.i];
    if (c !== "\\") {
      const cp = this.p.codePointAt(this.i) as number;
      this.i += cp > 0xffff ? 2 : 1;
      return cp;
    }
    const e = this.p[this.i + 1];
    const start = this.i;
    switch (e) {
      case "d":
        this.i += 2;
        cls.parts.push("\\p{Nd}");
        return undefined;
      case "D":
        this.i += 2;
        cls.parts.push("\\P{Nd}");
        return undefined;
      case "w":
        this.i += 2;
        cls.parts.push(WORD);
        return undefined;
      case "W":
        this.i += 2;
        cls.notWord = true;
        return undefined;
      case "s":
        this.i += 2;
        cls.parts.push("\\s");
        return undefined;
      case "S":
        this.i += 2;
        cls.parts.push("\\S");
        return undefined;
      case "p":
      case "P":
        this.i += 2;
        cls.parts.push(this.parseCategory(e, start));
        return undefined;
      default:
        return this.parseCharEscape(true);
    }
  }
}

function applyOptions(opts: Options, on: string, off: string): Options {
  const next = { ...opts };
  for (const o of on) if (o in next) (next as Record<string, boolean>)[o] = true;
  for (const o of off) if (o in next) (next as Record<string, boolean>)[o] = false;
  return next;
}

function emitClass(cls: ClassNode): string {
  const body = cls.parts.join("");
  let base: string;
  if (!cls.notWord) {
    base = cls.negated ? `[^${body}]` : body === "" ? "[]" : `[${body}]`;
  } else if (!cls.negated) {
    base = body === "" ? `[^${WORD}]` : `(?:[${body}]|[^${WORD}])`;
  } else {
    // not (body or not-word) = word and not body
    base = body === "" ? WORD_CLASS : `(?:(?![${body}])${WORD_CLASS})`;
  }
  if (!cls.subtract) return base;
  return `(?:(?!${emitClass(cls.subtract)})${base})`;
}

/** The result of translating a .NET pattern. */
export interface TranslatedRegex {
  /** JavaScript pattern source (use with `flags`). */
  readonly source: string;
  /** `u`, plus `i` when the pattern started with `(?i)`. */
  readonly flags: string;
  /** .NET group number (0 = whole match) to JavaScript group index. */
  readonly groupIndex: ReadonlyMap<number, number>;
  /** Named groups (.NET and JavaScript names are the same). */
  readonly groupNames: ReadonlySet<string>;
  /** .NET group name to .NET group number. */
  readonly groupNumberOfName: ReadonlyMap<string, number>;
  /** The highest .NET group number. */
  readonly maxGroupNumber: number;
}

/** Translates a .NET pattern; throws RegexTranslationError when it is invalid or unsupported. */
export function translateDotNetRegex(pattern: string): TranslatedRegex {
  const parser = new PatternParser(pattern);
  const { root, ignoreCase } = parser.parse();

  // .NET numbering: unnamed groups first (left to right), then named groups.
  let number = 0;
  const numberOfName = new Map<string, number>();
  for (const c of parser.captures) if (c.name === undefined) c.node.id = ++number;
  for (const c of parser.captures) {
    if (c.name !== undefined) {
      c.node.id = ++number;
      numberOfName.set(c.name, number);
    }
  }
  const maxGroupNumber = number;

  // JavaScript numbers every capturing group by its opening parenthesis, including the hidden
  // group each atomic group needs.
  const groupIndex = new Map<number, number>([[0, 0]]);
  const atomicIndex = new Map<Node, number>();
  let jsGroups = 0;
  const assign = (node: Node): void => {
    switch (node.t) {
      case "seq":
        node.items.forEach(assign);
        return;
      case "alt":
        node.branches.forEach(assign);
        return;
      case "quant":
        assign(node.body);
        return;
      case "group":
        if (node.kind === "capture") groupIndex.set(node.id as number, ++jsGroups);
        else if (node.kind === "atomic") atomicIndex.set(node, ++jsGroups);
        assign(node.body);
        return;
      default:
        return;
    }
  };
  assign(root);

  const emit = (node: Node): string => {
    switch (node.t) {
      case "seq":
        return node.items.map(emit).join("");
      case "alt":
        return node.branches.map(emit).join("|");
      case "char":
        return escapeCodePoint(node.cp, false);
      case "js":
        return node.src;
      case "class":
        return emitClass(node.cls);
      case "backref": {
        if (typeof node.ref === "string") {
          if (!numberOfName.has(node.ref)) {
            throw new RegexTranslationError(
              `Reference to undefined group name '${node.ref}'`,
              node.offset,
            );
          }
          return `\\k<${node.ref}>`;
        }
        const js = groupIndex.get(node.ref);
        if (js === undefined || node.ref === 0) {
          throw new RegexTranslationError(
            `Reference to undefined group number ${node.ref}`,
            node.offset,
          );
        }
        return `(?:\\${js})`;
      }
      case "quant": {
        let body = emit(node.body);
        const needsGroup =
          node.body.t === "seq" ||
          node.body.t === "alt" ||
          (node.body.t === "group" &&
            node.body.kind !== "capture" &&
            node.body.kind !== "noncapture") ||
          (node.body.t === "js" &&
            body.length > 1 &&
            !/^(?:\\[pP]\{\w+\}|\\[sS]|\[[^\]]*\])$/.test(body)) ||
          (node.body.t === "class" && !body.startsWith("["));
        if (needsGroup) body = `(?:${body})`;
        const q =
          node.min === 0 && node.max === Infinity
            ? "*"
            : node.min === 1 && node.max === Infinity
              ? "+"
              : node.min === 0 && node.max === 1
                ? "?"
                : node.max === Infinity
                  ? `{${node.min},}`
                  : node.min === node.max
                    ? `{${node.min}}`
                    : `{${node.min},${node.max}}`;
        return body + q + (node.lazy ? "?" : "");
      }
      case "group": {
        const body = emit(node.body);
        switch (node.kind) {
          case "capture":
            return node.name ? `(?<${node.name}>${body})` : `(${body})`;
          case "noncapture":
            return `(?:${body})`;
          case "ahead":
            return `(?=${body})`;
          case "notahead":
            return `(?!${body})`;
          case "behind":
            return `(?<=${body})`;
          case "notbehind":
            return `(?<!${body})`;
          case "atomic":
            return `(?:(?=(${body}))\\${atomicIndex.get(node) as number})`;
        }
      }
    }
    return "";
  };

  const source = emit(root);
  const flags = ignoreCase ? "ui" : "u";
  try {
    new RegExp(source, flags);
  } catch (e) {
    throw new RegexTranslationError(`Invalid pattern: ${(e as Error).message}`, 0);
  }
  return {
    source,
    flags,
    groupIndex,
    groupNames: new Set(numberOfName.keys()),
    groupNumberOfName: numberOfName,
    maxGroupNumber,
  };
}

/** A .NET pattern compiled for use in JavaScript. */
export interface CompiledRegex {
  readonly translated: TranslatedRegex;
  /** Global regex for replace-all. */
  readonly global: RegExp;
  /** Global regex with match indices (`d` flag), for group-span replacement. */
  readonly withIndices: RegExp;
  /** Non-global regex for a first match. */
  readonly first: RegExp;
}

const cache = new Map<string, CompiledRegex>();
const CACHE_LIMIT = 512;

/** Compiles (and caches) a .NET pattern; throws RegexTranslationError. */
export function compileDotNetRegex(pattern: string): CompiledRegex {
  let compiled = cache.get(pattern);
  if (compiled) return compiled;
  const translated = translateDotNetRegex(pattern);
  compiled = {
    translated,
    global: new RegExp(translated.source, translated.flags + "g"),
    withIndices: new RegExp(translated.source, translated.flags + "gd"),
    first: new RegExp(translated.source, translated.flags),
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, compiled);
  return compiled;
}
