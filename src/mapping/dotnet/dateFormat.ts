/**
 * .NET date/time format strings for FormatDateTime: custom specifiers (`yyyy-MM-dd`, `zzz`,
 * `fffffff`, `tt`, quoted literals) and the single-letter standard formats (en-US), both for
 * writing (DateTime.ToString) and reading (DateTime.ParseExact with DateTimeStyles).
 */
import { DateTimeError, DateTimeValue, fieldsOf, makeDateTime, pad, scratch } from "./datetime";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** en-US expansions of the single-letter standard format strings. */
const STANDARD_FORMATS: Readonly<Record<string, string>> = {
  d: "M/d/yyyy",
  D: "dddd, MMMM d, yyyy",
  f: "dddd, MMMM d, yyyy h:mm tt",
  F: "dddd, MMMM d, yyyy h:mm:ss tt",
  g: "M/d/yyyy h:mm tt",
  G: "M/d/yyyy h:mm:ss tt",
  m: "MMMM d",
  M: "MMMM d",
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: "h:mm tt",
  T: "h:mm:ss tt",
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  U: "dddd, MMMM d, yyyy h:mm:ss tt",
  y: "MMMM yyyy",
  Y: "MMMM yyyy",
};

type FormatOp = { lit: string } | { spec: string; n: number };

const SPECIFIERS = new Set(["d", "f", "F", "g", "h", "H", "K", "m", "M", "s", "t", "y", "z"]);

/** Splits a .NET date format string into literals and specifiers. */
export function tokenizeDateFormat(format: string): FormatOp[] {
  if (format.length === 1) {
    const standard = STANDARD_FORMATS[format];
    if (standard === undefined)
      throw new DateTimeError(`"${format}" is not a standard date format`);
    format = standard;
  }
  const ops: FormatOp[] = [];
  const pushLit = (s: string) => {
    const last = ops[ops.length - 1];
    if (last && "lit" in last) last.lit += s;
    else ops.push({ lit: s });
  };
  for (let i = 0; i < format.length;) {
    const c = format[i];
    if (c === "'" || c === '"') {
      const close = format.indexOf(c, i + 1);
      if (close < 0) throw new DateTimeError(`unterminated quoted text in "${format}"`);
      pushLit(format.slice(i + 1, close));
      i = close + 1;
    } else if (c === "\\") {
      if (i + 1 >= format.length) throw new DateTimeError(`"${format}" ends with a backslash`);
      pushLit(format[i + 1]);
      i += 2;
    } else if (c === "%" && i + 1 < format.length && SPECIFIERS.has(format[i + 1])) {
      ops.push({ spec: format[i + 1], n: 1 });
      i += 2;
    } else if (SPECIFIERS.has(c)) {
      let j = i + 1;
      while (format[j] === c) j++;
      ops.push({ spec: c, n: j - i });
      i = j;
    } else {
      pushLit(c);
      i++;
    }
  }
  return ops;
}

/** Compiles a .NET date format string into a formatter. */
export function compileDateFormatter(format: string): (dt: DateTimeValue) => string {
  const ops = tokenizeDateFormat(format);
  return (dt) => {
    const f = fieldsOf(dt.ms, scratch);
    const ticks = f.millisecond * 10_000 + dt.sub;
    let out = "";
    for (const op of ops) {
      if ("lit" in op) {
        out += op.lit;
        continue;
      }
      const n = op.n;
      switch (op.spec) {
        case "d":
          out +=
            n === 1
              ? String(f.day)
              : n === 2
                ? pad(f.day, 2)
                : n === 3
                  ? DAYS[f.dayOfWeek].slice(0, 3)
                  : DAYS[f.dayOfWeek];
          break;
        case "M":
          out +=
            n === 1
              ? String(f.month)
              : n === 2
                ? pad(f.month, 2)
                : n === 3
                  ? MONTHS[f.month - 1].slice(0, 3)
                  : MONTHS[f.month - 1];
          break;
        case "y":
          out += n === 1 ? String(f.year % 100) : n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
          break;
        case "h": {
          const h = f.hour % 12 === 0 ? 12 : f.hour % 12;
          out += n === 1 ? String(h) : pad(h, 2);
          break;
        }
        case "H":
          out += n === 1 ? String(f.hour) : pad(f.hour, 2);
          break;
        case "m":
          out += n === 1 ? String(f.minute) : pad(f.minute, 2);
          break;
        case "s":
          out += n === 1 ? String(f.second) : pad(f.second, 2);
          break;
        case "f":
        case "F": {
          if (n > 7) throw new DateTimeError("at most 7 fraction digits");
          let digits = pad(ticks, 7).slice(0, n);
          if (op.spec === "F") {
            digits = digits.replace(/0+$/, "");
            if (digits === "" && out.endsWith(".")) out = out.slice(0, -1);
          }
          out += digits;
          break;
        }
        case "t":
          out += n === 1 ? (f.hour < 12 ? "A" : "P") : f.hour < 12 ? "AM" : "PM";
          break;
        case "z":
          // The service's local time zone is UTC.
          out += n === 1 ? "+0" : n === 2 ? "+00" : "+00:00";
          break;
        case "K":
          out += dt.utc ? "Z" : "";
          break;
        case "g":
          out += "A.D.";
          break;
      }
    }
    return out;
  };
}

/** .NET DateTimeStyles flags that affect parsing here. */
export const DateTimeStyles = {
  None: 0,
  AllowLeadingWhite: 1,
  AllowTrailingWhite: 2,
  AllowInnerWhite: 4,
  AllowWhiteSpaces: 7,
  NoCurrentDateDefault: 8,
  AdjustToUniversal: 16,
  AssumeLocal: 32,
  AssumeUniversal: 64,
  RoundtripKind: 128,
} as const;

/** FormatDateTime's documented default: RoundtripKind, AllowLeadingWhite, AllowTrailingWhite. */
export const DEFAULT_DATE_TIME_STYLES =
  DateTimeStyles.RoundtripKind |
  DateTimeStyles.AllowLeadingWhite |
  DateTimeStyles.AllowTrailingWhite;

/** Parses a DateTimeStyles value: names separated by `,` or `|` (any case), or an integer. */
export function parseDateTimeStyles(text: string): number | undefined {
  let flags = 0;
  for (const raw of text.split(/[,|]/)) {
    const name = raw.trim();
    if (/^\d+$/.test(name)) {
      flags |= Number(name);
      continue;
    }
    const key = Object.keys(DateTimeStyles).find((k) => k.toLowerCase() === name.toLowerCase());
    if (key === undefined) return undefined;
    flags |= DateTimeStyles[key as keyof typeof DateTimeStyles];
  }
  return flags;
}

function isWhite(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** End position of the last readDigits / readName call (avoids allocating a result object). */
let cursor = 0;

/** Reads min..max ASCII digits at `i`; -1 when there are fewer than `min`. */
function readDigits(text: string, i: number, end: number, min: number, max: number): number {
  let value = 0;
  let count = 0;
  while (count < max && i < end) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    i++;
    count++;
  }
  cursor = i;
  return count < min ? -1 : value;
}

/** Reads a month or day name (case-insensitive); its index, or -1. */
function readName(text: string, i: number, names: readonly string[], abbreviated: boolean): number {
  for (let k = 0; k < names.length; k++) {
    const candidate = abbreviated ? names[k].slice(0, 3) : names[k];
    if (text.substr(i, candidate.length).toLowerCase() === candidate.toLowerCase()) {
      cursor = i + candidate.length;
      return k;
    }
  }
  return -1;
}

/**
 * Compiles a .NET ParseExact format. The returned function gives undefined when the text does not
 * match. `nowMs` supplies the date for formats without date fields.
 */
export function compileDateParser(
  format: string,
  styles: number = DEFAULT_DATE_TIME_STYLES,
): (text: string, nowMs: () => number) => DateTimeValue | undefined {
  const ops = tokenizeDateFormat(format);
  const hasDate = ops.some(
    (op) => "spec" in op && (op.spec === "d" || op.spec === "M" || op.spec === "y"),
  );
  const innerWhite = (styles & DateTimeStyles.AllowInnerWhite) !== 0;
  const leadingWhite = (styles & DateTimeStyles.AllowLeadingWhite) !== 0;
  const trailingWhite = (styles & DateTimeStyles.AllowTrailingWhite) !== 0;
  const assumeUtc =
    (styles &
      (DateTimeStyles.AssumeUniversal |
        DateTimeStyles.AssumeLocal |
        DateTimeStyles.AdjustToUniversal)) !==
    0;
  const noCurrentDate = (styles & DateTimeStyles.NoCurrentDateDefault) !== 0;
  const count = ops.length;
  return (text, nowMs) => {
    let i = 0;
    let end = text.length;
    if (leadingWhite) while (i < end && isWhite(text.charCodeAt(i))) i++;
    if (trailingWhite) while (end > i && isWhite(text.charCodeAt(end - 1))) end--;
    let year = -1;
    let month = -1;
    let day = -1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let ticks = 0;
    let pm = -1;
    let offset = NaN;
    let v: number;
    for (let o = 0; o < count; o++) {
      const op = ops[o];
      if (innerWhite) while (i < end && isWhite(text.charCodeAt(i))) i++;
      if ("lit" in op) {
        const lit = op.lit;
        for (let k = 0; k < lit.length; k++) {
          const c = lit.charCodeAt(k);
          if (innerWhite && isWhite(c)) continue;
          if (i >= end || text.charCodeAt(i) !== c) return undefined;
          i++;
        }
        continue;
      }
      const n = op.n;
      switch (op.spec) {
        case "d":
          if (n <= 2) {
            v = readDigits(text, i, end, n, 2);
            if (v < 0) return undefined;
            day = v;
          } else if (readName(text, i, DAYS, n === 3) < 0) {
            return undefined;
          }
          i = cursor;
          break;
        case "M":
          if (n <= 2) v = readDigits(text, i, end, n, 2);
          else v = readName(text, i, MONTHS, n === 3) + 1;
          if (v <= 0) return undefined;
          month = v;
          i = cursor;
          break;
        case "y":
          if (n <= 2) {
            v = readDigits(text, i, end, n, 2);
            if (v < 0) return undefined;
            year = v <= 49 ? 2000 + v : 1900 + v;
          } else {
            v = readDigits(text, i, end, n, Math.max(n, 4));
            if (v < 0) return undefined;
            year = v;
          }
          i = cursor;
          break;
        case "h":
        case "H":
        case "m":
        case "s":
          v = readDigits(text, i, end, n === 1 ? 1 : 2, 2);
          if (v < 0) return undefined;
          if (op.spec === "m") minute = v;
          else if (op.spec === "s") second = v;
          else hour = v;
          i = cursor;
          break;
        case "f":
        case "F": {
          v = readDigits(text, i, end, op.spec === "f" ? n : 0, n);
          if (v < 0) return undefined;
          const digits = cursor - i;
          ticks = digits === 0 ? 0 : v * 10 ** (7 - digits);
          i = cursor;
          break;
        }
        case "t": {
          const c = text.charCodeAt(i) | 0x20;
          if (c !== 97 && c !== 112) return undefined; // a, p
          pm = c === 112 ? 1 : 0;
          i++;
          if (n > 1) {
            if ((text.charCodeAt(i) | 0x20) !== 109) return undefined; // m
            i++;
          }
          break;
        }
        case "z":
        case "K": {
          const c = text.charAt(i);
          if (op.spec === "K" && (c === "Z" || c === "z")) {
            offset = 0;
            i++;
            break;
          }
          if (c !== "+" && c !== "-") {
            if (op.spec === "K") break;
            return undefined;
          }
          const hours = readDigits(text, i + 1, end, n === 1 && op.spec === "z" ? 1 : 2, 2);
          if (hours < 0) return undefined;
          i = cursor;
          let minutes = 0;
          if (op.spec === "K" || n >= 3) {
            if (text.charCodeAt(i) !== 58) return undefined; // :
            minutes = readDigits(text, i + 1, end, 2, 2);
            if (minutes < 0) return undefined;
            i = cursor;
          }
          offset = (c === "-" ? -1 : 1) * (hours * 60 + minutes);
          break;
        }
        case "g":
          if (text.substr(i, 4).toUpperCase() === "A.D.") i += 4;
          else if (text.substr(i, 2).toUpperCase() === "AD") i += 2;
          else return undefined;
          break;
      }
    }
    if (i !== end) return undefined;
    if (pm >= 0) {
      if (hour < 1 || hour > 12) return undefined;
      hour = (hour % 12) + (pm === 1 ? 12 : 0);
    }
    if (!hasDate && !noCurrentDate) {
      const today = fieldsOf(nowMs(), scratch);
      year = today.year;
      month = today.month;
      day = today.day;
    }
    const hasOffset = !Number.isNaN(offset);
    return makeDateTime(
      year < 0 ? 1 : year,
      month < 0 ? 1 : month,
      day < 0 ? 1 : day,
      hour,
      minute,
      second,
      ticks,
      hasOffset ? offset : 0,
      hasOffset || assumeUtc,
    );
  };
}
