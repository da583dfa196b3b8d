/**
 * .NET text behaviour: invariant (simple, length-preserving) case mapping, culture casing,
 * TextInfo.ToTitleCase, and NormalizeDiacritics' character table.
 */

/** .NET ToLowerInvariant: simple case mapping (JavaScript's default mapping is the full one). */
export function lowerInvariant(s: string): string {
  const r = s.toLowerCase();
  if (r.length === s.length && s.indexOf("\u03a3") < 0) return r;
  let out = "";
  for (const ch of s) {
    if (ch === "\u03a3") out += "\u03c3";
    else if (ch === "\u0130") out += "i";
    else {
      const m = ch.toLowerCase();
      out += m.length === ch.length ? m : ch;
    }
  }
  return out;
}

/** .NET ToUpperInvariant: simple case mapping (`ß` stays `ß`). */
export function upperInvariant(s: string): string {
  const r = s.toUpperCase();
  if (r.length === s.length) return r;
  let out = "";
  for (const ch of s) {
    const m = ch.toUpperCase();
    out += m.length === ch.length ? m : ch;
  }
  return out;
}

/** Whether `culture` is a usable culture name (RFC 4646 / BCP 47). */
export function isValidCulture(culture: string): boolean {
  try {
    return Intl.getCanonicalLocales(culture).length === 1;
  } catch {
    return false;
  }
}

/** ToLower with a culture; `undefined` or `""` means InvariantCulture. */
export function lowerWithCulture(s: string, culture: string | undefined): string {
  return culture ? s.toLocaleLowerCase(culture) : lowerInvariant(s);
}

/** ToUpper with a culture; `undefined` or `""` means InvariantCulture. */
export function upperWithCulture(s: string, culture: string | undefined): string {
  return culture ? s.toLocaleUpperCase(culture) : upperInvariant(s);
}

const LETTER = /\p{L}/u;
const LOWERCASE_LETTER = /\p{Ll}/u;
/** Categories .NET's ToTitleCase treats as word separators. */
const WORD_SEPARATOR =
  /[\p{Zs}\p{Zl}\p{Zp}\p{Cc}\p{Cf}\p{Pc}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{Sm}\p{Sc}\p{Sk}\p{So}]/u;

/**
 * .NET `TextInfo.ToTitleCase` (invariant): the first letter of each word goes to upper case, the
 * rest of the word to lower case unless the word has no lower-case letter (an acronym). An
 * apostrophe inside a word does not start a new word (`john's` → `John's`).
 */
export function toTitleCase(s: string): string {
  const chars = Array.from(s);
  let out = "";
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i];
    if (!LETTER.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    out += upperInvariant(ch);
    i++;
    let word = "";
    let hasLower = LOWERCASE_LETTER.test(ch);
    while (i < chars.length) {
      const c = chars[i];
      if (LETTER.test(c)) {
        if (LOWERCASE_LETTER.test(c)) hasLower = true;
        word += c;
        i++;
      } else if (c === "'") {
        word += c;
        i++;
        out += hasLower ? lowerInvariant(word) : word;
        word = "";
        hasLower = true;
      } else if (!WORD_SEPARATOR.test(c)) {
        word += c;
        i++;
      } else {
        break;
      }
    }
    out += hasLower ? lowerInvariant(word) : word;
  }
  return out;
}

/** PCase with explicit separators: only the given characters separate words. */
export function titleCaseWithSeparators(s: string, separators: string): string {
  const seps = new Set(Array.from(separators));
  let out = "";
  let atStart = true;
  for (const ch of lowerInvariant(s)) {
    if (seps.has(ch)) {
      out += ch;
      atStart = true;
    } else {
      out += atStart ? upperInvariant(ch) : ch;
      atStart = false;
    }
  }
  return out;
}

/** Letters NormalizeDiacritics maps to more than their base letter, or that have no decomposition. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  "\u00e6": "ae",
  "\u00c6": "AE",
  "\u00f8": "oe",
  "\u00d8": "OE",
  "\u0153": "oe",
  "\u0152": "OE",
  "\u00df": "ss",
  "\u1e9e": "SS",
  "\u0142": "l",
  "\u0141": "L",
  "\u0131": "i",
};

const COMBINING_MARK = /^\p{M}$/u;
const MARKS = /\p{M}/gu;

function isLatinBase(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || ch in SPECIAL_LETTERS;
}

/** Per-character result of NormalizeDiacritics for non-ASCII characters (filled lazily). */
const normalized = new Map<string, { text: string; latin: boolean }>();

function normalizeCharacter(ch: string): { text: string; latin: boolean } {
  let entry = normalized.get(ch);
  if (entry === undefined) {
    const special = SPECIAL_LETTERS[ch];
    if (special !== undefined) {
      entry = { text: special, latin: true };
    } else {
      const base = ch.normalize("NFD").replace(MARKS, "");
      entry =
        base.length > 0 && isLatinBase(base[0])
          ? { text: SPECIAL_LETTERS[base] ?? base, latin: true }
          : { text: ch, latin: false };
    }
    if (normalized.size < 4096) normalized.set(ch, entry);
  }
  return entry;
}

/**
 * NormalizeDiacritics: removes accents from Latin letters following Entra's table (a Latin letter
 * loses its combining marks; æ→ae, ø→oe, œ→oe, ß→ss, ł→l, ı→i). Other characters, including
 * non-Latin scripts, are left unchanged.
 */
export function normalizeDiacritics(s: string): string {
  let out = "";
  let segment = 0;
  let afterLatin = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      afterLatin = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      continue;
    }
    const width = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
    const ch = width === 1 ? s[i] : s.slice(i, i + 2);
    let replacement: string;
    if ((c >= 0x300 && c <= 0x36f) || COMBINING_MARK.test(ch)) {
      // A combining mark is dropped after a Latin letter and kept otherwise.
      if (!afterLatin) {
        i += width - 1;
        continue;
      }
      replacement = "";
    } else {
      const entry = normalizeCharacter(ch);
      afterLatin = entry.latin;
      if (entry.text === ch) {
        i += width - 1;
        continue;
      }
      replacement = entry.text;
    }
    out += s.slice(segment, i) + replacement;
    segment = i + width;
    i += width - 1;
  }
  return segment === 0 ? s : out + s.slice(segment);
}
