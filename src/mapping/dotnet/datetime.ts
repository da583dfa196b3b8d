/**
 * .NET DateTime behaviour the expression language relies on: the DateTime value, CDate parsing,
 * en-US "G" rendering (`M/d/yyyy h:mm:ss tt`), DateAdd / DateDiff arithmetic (Visual Basic
 * semantics) and AD FILETIME conversion. Format strings for FormatDateTime are in ./dateFormat.ts.
 *
 * The provisioning service is assumed to run in UTC: offsets are converted to UTC and strings
 * without an offset are taken as UTC.
 */

const MS_PER_DAY = 86_400_000;
/** 0001-01-01T00:00:00Z, .NET DateTime.MinValue. */
const MIN_MS = -62_135_596_800_000;
/** 9999-12-31T23:59:59.999Z. */
const MAX_MS = 253_402_300_799_999;
/** 1601-01-01T00:00:00Z, the FILETIME epoch. */
const FILETIME_EPOCH_MS = -11_644_473_600_000;

/** A .NET DateTime: UTC milliseconds plus the sub-millisecond 100 ns ticks. */
export class DateTimeValue {
  constructor(
    /** Milliseconds since 1970-01-01T00:00:00Z (integer). */
    readonly ms: number,
    /** Extra 100 ns ticks, 0..9999. */
    readonly sub: number = 0,
    /** True when the value is known to be UTC (.NET Kind Utc); false for Kind Unspecified. */
    readonly utc: boolean = true,
  ) {}
}

/** Raised for dates outside .NET's range or invalid arguments; callers wrap it. */
export class DateTimeError extends Error {}

function inRange(ms: number): boolean {
  return ms >= MIN_MS && ms <= MAX_MS;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Calendar fields of a DateTime, in UTC. */
export interface DateFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday. */
  dayOfWeek: number;
}

/** Splits a DateTime into calendar fields (writes into `out` to avoid allocation). */
export function fieldsOf(ms: number, out: DateFields): DateFields {
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  out.day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  out.month = mp < 10 ? mp + 3 : mp - 9;
  out.year = yoe + era * 400 + (out.month <= 2 ? 1 : 0);
  out.hour = Math.floor(rest / 3_600_000);
  rest -= out.hour * 3_600_000;
  out.minute = Math.floor(rest / 60_000);
  rest -= out.minute * 60_000;
  out.second = Math.floor(rest / 1000);
  out.millisecond = rest - out.second * 1000;
  out.dayOfWeek = (((days + 4) % 7) + 7) % 7;
  return out;
}

/** Shared output of fieldsOf for callers that read the fields immediately. */
export const scratch: DateFields = {
  year: 0,
  month: 0,
  day: 0,
  hour: 0,
  minute: 0,
  second: 0,
  millisecond: 0,
  dayOfWeek: 0,
};

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Builds a DateTime from fields; undefined when a field is out of range. */
export function makeDateTime(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  fractionTicks = 0,
  offsetMinutes = 0,
  utc = true,
): DateTimeValue | undefined {
  if (
    year < 1 ||
    year > 9999 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month)
  ) {
    return undefined;
  }
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms =
    daysFromCivil(year, month, day) * MS_PER_DAY +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    Math.floor(fractionTicks / 10_000) -
    offsetMinutes * 60_000;
  if (!inRange(ms)) return undefined;
  return new DateTimeValue(ms, fractionTicks % 10_000, utc);
}

/** Renders a DateTime as .NET en-US "G": `M/d/yyyy h:mm:ss tt` (for example `3/16/2020 7:00:00 AM`). */
export function renderGeneral(dt: DateTimeValue): string {
  const f = fieldsOf(dt.ms, scratch);
  const h12 = f.hour % 12 === 0 ? 12 : f.hour % 12;
  return (
    `${f.month}/${f.day}/${pad(f.year, 4)} ${h12}:${pad(f.minute, 2)}:${pad(f.second, 2)} ` +
    (f.hour < 12 ? "AM" : "PM")
  );
}

/** Zero-pads a non-negative integer. */
export function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : "0".repeat(width - s.length) + s;
}

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const US =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(?:\s*([AP]M))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function parseOffset(text: string | undefined): number {
  if (!text || text === "Z" || text === "z") return 0;
  const sign = text[0] === "-" ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 14 || minutes > 59) return NaN;
  return sign * (hours * 60 + minutes);
}

function fractionToTicks(digits: string | undefined): number {
  return digits ? Number((digits + "0000000").slice(0, 7)) : 0;
}

/**
 * Parses a date/time string the way CDate does: ISO 8601 dates with optional time and offset
 * (`2020-03-16-07:00`, `2009-06-15T01:45:30-07:00`, `2021-08-24`, `2020-12-31 23:59:59-08:00`) and
 * en-US `M/d/yyyy h:mm:ss tt`. Offsets are converted to UTC; no offset means UTC.
 */
export function parseDateTimeText(text: string): DateTimeValue | undefined {
  const s = text.trim();
  let m = ISO.exec(s);
  if (m) {
    const offset = parseOffset(m[8]);
    if (Number.isNaN(offset)) return undefined;
    return makeDateTime(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      m[4] === undefined ? 0 : Number(m[4]),
      m[5] === undefined ? 0 : Number(m[5]),
      m[6] === undefined ? 0 : Number(m[6]),
      fractionToTicks(m[7]),
      offset,
    );
  }
  m = US.exec(s);
  if (m) {
    let hour = m[4] === undefined ? 0 : Number(m[4]);
    if (m[8] !== undefined) {
      if (hour < 1 || hour > 12) return undefined;
      const pm = m[8].toUpperCase() === "PM";
      hour = (hour % 12) + (pm ? 12 : 0);
    }
    const offset = parseOffset(m[9]);
    if (Number.isNaN(offset)) return undefined;
    return makeDateTime(
      Number(m[3]),
      Number(m[1]),
      Number(m[2]),
      hour,
      m[5] === undefined ? 0 : Number(m[5]),
      m[6] === undefined ? 0 : Number(m[6]),
      fractionToTicks(m[7]),
      offset,
    );
  }
  return undefined;
}

/** Whether text has the shape of a date CDate reads (its fields may still be out of range). */
export function looksLikeDateText(text: string): boolean {
  const s = text.trim();
  return ISO.test(s) || US.test(s);
}

/** The DateAdd / DateDiff intervals documented for provisioning. */
export const DATE_INTERVALS = ["yyyy", "m", "d", "ww", "h", "n", "s"] as const;
export type DateInterval = (typeof DATE_INTERVALS)[number];

export function isDateInterval(s: string): s is DateInterval {
  return (DATE_INTERVALS as readonly string[]).includes(s);
}

/** DateAdd: adds `n` intervals; months and years clamp the day like .NET AddMonths. */
export function addInterval(dt: DateTimeValue, interval: DateInterval, n: number): DateTimeValue {
  let ms: number;
  switch (interval) {
    case "yyyy":
    case "m": {
      const f = fieldsOf(dt.ms, scratch);
      const months = f.year * 12 + (f.month - 1) + (interval === "yyyy" ? 12 * n : n);
      const year = Math.floor(months / 12);
      const month = months - year * 12 + 1;
      if (year < 1 || year > 9999)
        throw new DateTimeError("the result is outside the range of dates");
      const day = Math.min(f.day, daysInMonth(year, month));
      const timeOfDay = dt.ms - Math.floor(dt.ms / MS_PER_DAY) * MS_PER_DAY;
      ms = daysFromCivil(year, month, day) * MS_PER_DAY + timeOfDay;
      break;
    }
    case "ww":
      ms = dt.ms + n * 7 * MS_PER_DAY;
      break;
    case "d":
      ms = dt.ms + n * MS_PER_DAY;
      break;
    case "h":
      ms = dt.ms + n * 3_600_000;
      break;
    case "n":
      ms = dt.ms + n * 60_000;
      break;
    case "s":
      ms = dt.ms + n * 1000;
      break;
  }
  if (!inRange(ms)) throw new DateTimeError("the result is outside the range of dates");
  return new DateTimeValue(ms, dt.sub, dt.utc);
}

/**
 * DateDiff with Visual Basic semantics: elapsed time truncated toward zero for d/h/n/s, calendar
 * differences for m/yyyy, and Sunday-to-Sunday whole weeks for ww. Positive when date2 > date1.
 */
export function diffInterval(interval: DateInterval, d1: DateTimeValue, d2: DateTimeValue): number {
  const elapsed = d2.ms - d1.ms + (d2.sub - d1.sub) / 10_000;
  switch (interval) {
    case "d":
      return Math.trunc(elapsed / MS_PER_DAY);
    case "h":
      return Math.trunc(elapsed / 3_600_000);
    case "n":
      return Math.trunc(elapsed / 60_000);
    case "s":
      return Math.trunc(elapsed / 1000);
    case "ww": {
      const dow1 = fieldsOf(d1.ms, scratch).dayOfWeek;
      const dow2 = fieldsOf(d2.ms, scratch).dayOfWeek;
      const shifted = elapsed - (dow2 - dow1) * MS_PER_DAY;
      return Math.trunc(Math.trunc(shifted / MS_PER_DAY) / 7);
    }
    case "m": {
      const f1 = fieldsOf(d1.ms, scratch);
      const a = f1.year * 12 + f1.month;
      const f2 = fieldsOf(d2.ms, scratch);
      return f2.year * 12 + f2.month - a;
    }
    case "yyyy": {
      const y1 = fieldsOf(d1.ms, scratch).year;
      return fieldsOf(d2.ms, scratch).year - y1;
    }
  }
}

/** AD FILETIME (100 ns ticks since 1601-01-01 UTC) of a DateTime. */
export function toFileTime(dt: DateTimeValue): bigint {
  if (dt.ms < FILETIME_EPOCH_MS)
    throw new DateTimeError("dates before 1601-01-01 have no FILETIME");
  return BigInt(dt.ms - FILETIME_EPOCH_MS) * 10_000n + BigInt(dt.sub);
}

/** The DateTime of an AD FILETIME. */
export function fromFileTime(ticks: bigint): DateTimeValue {
  if (ticks < 0n) throw new DateTimeError("a FILETIME cannot be negative");
  const ms = Number(ticks / 10_000n) + FILETIME_EPOCH_MS;
  if (!inRange(ms)) throw new DateTimeError("the FILETIME is outside the range of dates");
  return new DateTimeValue(ms, Number(ticks % 10_000n), true);
}
