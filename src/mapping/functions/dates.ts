/**
 * Date functions: CDate, Now, DateAdd, DateDiff, FormatDateTime, DateFromNum, NumFromDate.
 * DateTime values stay DateTimes while they are nested and render as `M/d/yyyy h:mm:ss tt` (UTC)
 * when they reach a string context or the result.
 */
import {
  compileDateFormatter,
  compileDateParser,
  DEFAULT_DATE_TIME_STYLES,
  parseDateTimeStyles,
  tokenizeDateFormat,
} from "../dotnet/dateFormat";
import {
  addInterval,
  DATE_INTERVALS,
  DateTimeError,
  DateTimeValue,
  diffInterval,
  fromFileTime,
  isDateInterval,
  parseDateTimeText,
  toFileTime,
  type DateInterval,
} from "../dotnet/datetime";
import { ExpressionEvaluationError } from "../errors";
import {
  asBigInteger,
  asDate,
  asInteger,
  asString,
  asText,
  dateOp,
  integerValue,
  single,
  type Evaluator,
  type Value,
} from "../values";
import {
  checkIntegerConstant,
  defineFunction,
  param,
  type ArgumentView,
  type CheckContext,
  type CompiledArgument,
  type FunctionSpec,
  arg,
} from "./spec";

const INTERVAL_LIST = DATE_INTERVALS.map((i) => `"${i}"`).join(", ");

function checkInterval(args: readonly (ArgumentView | undefined)[], ctx: CheckContext): void {
  const interval = args[0]?.constant;
  if (interval !== undefined && !isDateInterval(interval)) {
    ctx.fail(
      0,
      `a date interval (${INTERVAL_LIST})`,
      JSON.stringify(interval),
      'For example "d" for days, "m" for months, "n" for minutes',
    );
  }
}

function checkDateConstant(
  args: readonly (ArgumentView | undefined)[],
  slot: number,
  ctx: CheckContext,
  label: string,
): void {
  const text = args[slot]?.constant;
  if (text !== undefined && parseDateTimeText(text) === undefined) {
    ctx.fail(
      slot,
      `a date for ${label} (e.g. 2020-03-16, 2020-03-16T07:00:00-07:00 or 3/16/2020 7:00:00 AM)`,
      JSON.stringify(text),
    );
  }
}

function intervalArgument(a: CompiledArgument | undefined, fn: string) {
  const constant = a?.constant;
  if (constant !== undefined && isDateInterval(constant)) return () => constant;
  const ev = arg(a);
  return (src: Parameters<Evaluator>[0], ctx: Parameters<Evaluator>[1]): DateInterval => {
    const i = asText(ev(src, ctx), fn, "interval");
    if (!isDateInterval(i)) {
      throw new ExpressionEvaluationError(
        "invalidArgument",
        `interval must be one of ${INTERVAL_LIST}, got ${JSON.stringify(i)}`,
        fn,
      );
    }
    return i;
  };
}

/** A date argument; NULL stays NULL. */
function dateOrNull(v: Value, fn: string, label: string): DateTimeValue | null {
  if (v instanceof DateTimeValue) return v;
  const s = single(v, fn, label);
  return s === null ? null : asDate(s, fn, label);
}

export const CDate = defineFunction({
  name: "CDate",
  params: [param("source", "expression", { type: "Any" })],
  returns: "DateTime",
  engines: ["provisioning"],
  description:
    "Parses a date/time string (ISO 8601 with optional offset, or M/d/yyyy h:mm:ss tt) into a UTC DateTime.",
  check: (args, ctx) => checkDateConstant(args, 0, ctx, "CDate"),
  compile: ([expression]) => {
    const e = arg(expression);
    return (src, ctx) => dateOrNull(e(src, ctx), "CDate", "expression");
  },
});

export const Now = defineFunction({
  name: "Now",
  params: [],
  returns: "DateTime",
  engines: ["provisioning"],
  usesContext: true,
  description: "The current UTC date and time (the `now` evaluation option when given).",
  compile: () => (_src, ctx) => new DateTimeValue(ctx.nowMs()),
});

export const DateAdd = defineFunction({
  name: "DateAdd",
  params: [
    param("interval", "interval"),
    param("value", "value", { type: "Integer" }),
    param("dateTime", "dateTime", { type: "DateTime" }),
  ],
  returns: "DateTime",
  engines: ["provisioning"],
  description: 'Adds value intervals ("yyyy", "m", "d", "ww", "h", "n", "s") to dateTime.',
  check: (args, ctx) => {
    checkInterval(args, ctx);
    checkIntegerConstant(args, 1, ctx, "value");
    checkDateConstant(args, 2, ctx, "dateTime");
  },
  compile: ([interval, value, dateTime]) => {
    const i = intervalArgument(interval, "DateAdd");
    const n = arg(value);
    const d = arg(dateTime);
    return (src, ctx) => {
      const date = dateOrNull(d(src, ctx), "DateAdd", "dateTime");
      if (date === null) return null;
      const k = asInteger(n(src, ctx), "DateAdd", "value");
      const unit = i(src, ctx);
      return dateOp("DateAdd", () => addInterval(date, unit, k));
    };
  },
});

export const DateDiff = defineFunction({
  name: "DateDiff",
  params: [
    param("interval", "interval"),
    param("date1", "date1", { type: "DateTime" }),
    param("date2", "date2", { type: "DateTime" }),
  ],
  returns: "Integer",
  engines: ["provisioning"],
  description:
    "The number of intervals from date1 to date2 (positive when date2 is later), with Visual Basic semantics.",
  check: (args, ctx) => {
    checkInterval(args, ctx);
    checkDateConstant(args, 1, ctx, "date1");
    checkDateConstant(args, 2, ctx, "date2");
  },
  compile: ([interval, date1, date2]) => {
    const i = intervalArgument(interval, "DateDiff");
    const a = arg(date1);
    const b = arg(date2);
    return (src, ctx) => {
      const d1 = dateOrNull(a(src, ctx), "DateDiff", "date1");
      const d2 = dateOrNull(b(src, ctx), "DateDiff", "date2");
      if (d1 === null || d2 === null) return null;
      return diffInterval(i(src, ctx), d1, d2);
    };
  },
});

const formatters = new Map<string, (dt: DateTimeValue) => string>();
const parsers = new Map<string, ReturnType<typeof compileDateParser>>();

function formatter(format: string): (dt: DateTimeValue) => string {
  let f = formatters.get(format);
  if (!f) {
    f = dateOp("FormatDateTime", () => compileDateFormatter(format));
    if (formatters.size > 256) formatters.clear();
    formatters.set(format, f);
  }
  return f;
}

function parser(format: string, styles: number): ReturnType<typeof compileDateParser> {
  const key = `${styles}|${format}`;
  let p = parsers.get(key);
  if (!p) {
    p = dateOp("FormatDateTime", () => compileDateParser(format, styles));
    if (parsers.size > 256) parsers.clear();
    parsers.set(key, p);
  }
  return p;
}

function stylesOf(text: string | null): number {
  if (text === null || text === "") return DEFAULT_DATE_TIME_STYLES;
  const styles = parseDateTimeStyles(text);
  if (styles === undefined) {
    throw new ExpressionEvaluationError(
      "invalidArgument",
      `dateTimeStyles ${JSON.stringify(text)} is not a DateTimeStyles value`,
      "FormatDateTime",
    );
  }
  return styles;
}

export const FormatDateTime = defineFunction({
  name: "FormatDateTime",
  params: [
    param("source", "source", { keySource: "graph-schema" }),
    param("dateTimeStyles", "dateTimeStyles", { optional: true }),
    param("inputFormat", "inputFormat", { keySource: "graph-schema" }),
    param("outputFormat", "outputFormat", { keySource: "graph-schema" }),
  ],
  minArgs: 3,
  returns: "String",
  engines: ["provisioning"],
  description:
    "Parses source with the .NET format inputFormat and writes it with outputFormat. The 3-argument form (source, inputFormat, outputFormat) is accepted; a DateTime source (Now, DateAdd) is used as is.",
  arrange: <T>(written: readonly T[]) =>
    written.length === 3 ? [written[0], undefined, written[1], written[2]] : [...written],
  check: (args, ctx) => {
    const styles = args[1]?.constant;
    if (styles !== undefined && styles !== "" && parseDateTimeStyles(styles) === undefined) {
      ctx.fail(
        1,
        "DateTimeStyles names separated by commas (e.g. AssumeUniversal, AllowWhiteSpaces)",
        JSON.stringify(styles),
      );
    }
    for (const slot of [2, 3]) {
      const f = args[slot]?.constant;
      if (f === undefined) continue;
      try {
        tokenizeDateFormat(f);
      } catch (e) {
        if (!(e instanceof DateTimeError)) throw e;
        ctx.fail(
          slot,
          `a .NET date format for ${slot === 2 ? "inputFormat" : "outputFormat"}`,
          JSON.stringify(f),
          e.message,
        );
      }
    }
  },
  compile: ([source, dateTimeStyles, inputFormat, outputFormat]) => {
    const s = arg(source);
    const st = dateTimeStyles?.evaluate;
    const stylesConstant =
      dateTimeStyles === undefined
        ? DEFAULT_DATE_TIME_STYLES
        : dateTimeStyles.constant !== undefined
          ? stylesOf(dateTimeStyles.constant)
          : undefined;
    const inConst = inputFormat?.constant;
    const outConst = outputFormat?.constant;
    const inEv = arg(inputFormat);
    const outEv = arg(outputFormat);
    const fixedParser =
      inConst !== undefined && stylesConstant !== undefined
        ? parser(inConst, stylesConstant)
        : undefined;
    const fixedFormatter = outConst !== undefined ? formatter(outConst) : undefined;
    return (src, ctx) => {
      const v = single(s(src, ctx), "FormatDateTime", "source");
      if (v === null) return null;
      let date: DateTimeValue;
      if (v instanceof DateTimeValue) {
        date = v;
      } else {
        const text = asString(v, "FormatDateTime", "source") as string;
        const parse =
          fixedParser ??
          parser(
            inConst ?? asText(inEv(src, ctx), "FormatDateTime", "inputFormat"),
            stylesConstant ??
              stylesOf(st ? asString(st(src, ctx), "FormatDateTime", "dateTimeStyles") : null),
          );
        const parsed = parse(text, () => ctx.nowMs());
        if (parsed === undefined) {
          const f = inConst ?? asText(inEv(src, ctx), "FormatDateTime", "inputFormat");
          throw new ExpressionEvaluationError(
            "invalidArgument",
            `${JSON.stringify(text)} does not match the input format ${JSON.stringify(f)}`,
            "FormatDateTime",
          );
        }
        date = parsed;
      }
      const write =
        fixedFormatter ?? formatter(asText(outEv(src, ctx), "FormatDateTime", "outputFormat"));
      return dateOp("FormatDateTime", () => write(date));
    };
  },
});

export const DateFromNum = defineFunction({
  name: "DateFromNum",
  params: [param("source", "value", { type: "Integer" })],
  returns: "DateTime",
  engines: ["provisioning"],
  description:
    "The DateTime of an AD FILETIME (100 ns intervals since 1601-01-01 UTC), e.g. accountExpires.",
  check: (args, ctx) => {
    checkIntegerConstant(args, 0, ctx, "value", 0);
  },
  compile: ([value]) => {
    const v = arg(value);
    return (src, ctx) => {
      const x = v(src, ctx);
      if (x === null) return null;
      const ticks = asBigInteger(x, "DateFromNum", "value");
      return dateOp("DateFromNum", () => fromFileTime(ticks));
    };
  },
});

export const NumFromDate = defineFunction({
  name: "NumFromDate",
  params: [param("source", "value", { type: "DateTime" })],
  returns: "Integer",
  engines: ["provisioning"],
  description:
    "The AD FILETIME of a date (an ISO 8601 string or a DateTime), e.g. for accountExpires.",
  check: (args, ctx) => checkDateConstant(args, 0, ctx, "NumFromDate"),
  compile: ([value]) => {
    const v = arg(value);
    return (src, ctx) => {
      const date = dateOrNull(v(src, ctx), "NumFromDate", "value");
      if (date === null) return null;
      return integerValue(dateOp("NumFromDate", () => toFileTime(date)));
    };
  },
});

export const DATE_FUNCTIONS: readonly FunctionSpec[] = [
  CDate,
  Now,
  DateAdd,
  DateDiff,
  FormatDateTime,
  DateFromNum,
  NumFromDate,
];
