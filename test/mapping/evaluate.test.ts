/**
 * Evaluation semantics beyond the reference vectors: NULL handling, multi-valued values, integers,
 * dates, strings, Replace modes, flow control, SelectUniqueValue, randomness and the compile API.
 */
import {
  compileExpression,
  evaluateExpression,
  ExpressionEvaluationError,
  parseExpression,
  type EvaluateOptions,
  type EvaluatedValue,
  type ExpressionSource,
} from "../../src/mapping";

function value(
  expression: string,
  source: ExpressionSource = {},
  options?: EvaluateOptions,
): EvaluatedValue {
  const result = evaluateExpression(expression, source, options);
  if (result.kind !== "value") throw new Error(`expected a value, got ${JSON.stringify(result)}`);
  return result.value;
}

function failure(
  expression: string,
  source: ExpressionSource = {},
  options?: EvaluateOptions,
): ExpressionEvaluationError {
  try {
    evaluateExpression(expression, source, options);
  } catch (e) {
    if (e instanceof ExpressionEvaluationError) return e;
    throw e;
  }
  throw new Error(`expected ${expression} to fail`);
}

const NOW = new Date("2025-07-30T00:00:00Z");

describe("NULL handling", () => {
  test.each([
    ['Append([missing], "x")', null],
    ["Left([missing], 2)", ""],
    ['Word([missing], 1, " ")', ""],
    ['Join(",", [missing], "a", [missing2], "b")', "a,b"],
    ['Join(",", [missing])', ""],
    ['InStr([missing], "a")', 0],
    ['Switch([missing], "default", "", "empty")', "empty"],
    ['Coalesce([missing], "", "x")', ""],
    ["ToLower([missing])", null],
    ["Mid([missing], 1, 2)", null],
    ['Replace([missing], "a", , , "b", , )', null],
    ["CDate([missing])", null],
    ['DateAdd("d", 1, [missing])', null],
    ["NumFromDate([missing])", null],
    ["CBool([missing])", "False"],
    ["Not([missing])", "True"],
    ["Count([missing])", 0],
    ["IsNull([missing])", "True"],
    ["IsString([missing])", "False"],
    ['IsNullOrEmpty("")', "True"],
    ["IsPresent([missing])", "False"],
    ["[missing]", null],
  ])("%s → %j", (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

  test("null, undefined and [] are all NULL", () => {
    expect(value("IsNull([a])", { a: null })).toBe("True");
    expect(value("IsNull([a])", { a: undefined })).toBe("True");
    expect(value("IsNull([a])", { a: [] })).toBe("True");
    expect(value("IsNull([a])", { a: "" })).toBe("False");
  });

  test("a comparison with a NULL operand fails, in IIF and elsewhere", () => {
    const e = failure('IIF([country]="", "Other", [country])');
    expect(e.code).toBe("nullComparison");
    expect(e.functionName).toBe('"="');
    expect(failure("CBool([a] = [b])", { a: "x" }).code).toBe("nullComparison");
    // Empty strings compare normally.
    expect(value('IIF([country]="", "Other", [country])', { country: "" })).toBe("Other");
  });

  test("an IIF condition must be a Boolean", () => {
    expect(failure('IIF([flag], "a", "b")').code).toBe("invalidCondition");
    expect(failure('IIF([flag], "a", "b")', { flag: "yes" }).message).toBe(
      'IIF: the condition must be "True" or "False", got "yes"',
    );
    expect(value('IIF([flag], "a", "b")', { flag: "true" })).toBe("a");
    expect(value('IIF([flag], "a", "b")', { flag: "0" })).toBe("b");
  });

  test("inherited object members are not attributes", () => {
    expect(value("[constructor]")).toBeNull();
    expect(value("[toString]", {})).toBeNull();
  });

  test("attribute values of the wrong type are reported", () => {
    expect(failure("[a]", { a: 5 as unknown as string }).code).toBe("invalidArgument");
  });
});

describe("IIF and Switch are lazy", () => {
  test("only the chosen branch is evaluated", () => {
    expect(value('IIF("True", "ok", Error("not evaluated"))')).toBe("ok");
    expect(
      value(
        'Switch([x], Error("default not evaluated"), "a", "A", "b", Error("b not evaluated"))',
        { x: "a" },
      ),
    ).toBe("A");
    expect(failure('Switch([x], Error("default"), "a", "A")', { x: "z" }).code).toBe("customError");
  });

  test("keys that are not constants are compared in order", () => {
    expect(value('Switch([x], "d", [k1], "one", [k2], "two")', { x: "b", k1: "a", k2: "b" })).toBe(
      "two",
    );
    expect(value('Switch([x], "d", [k1], "one", "b", "two")', { x: "b" })).toBe("two");
  });

  test("Switch compares case-sensitively and the first matching key wins", () => {
    expect(
      value('Switch([s], "none", "a", "lower", "A", "upper", "a", "second")', { s: "A" }),
    ).toBe("upper");
    expect(
      value('Switch([s], "none", "a", "lower", "A", "upper", "a", "second")', { s: "a" }),
    ).toBe("lower");
  });

  test("Switch without a default gives NULL when nothing matches", () => {
    expect(value('Switch([s], , "a", "A")', { s: "b" })).toBeNull();
  });
});

describe("multi-valued values", () => {
  const proxies = { proxyAddresses: ["SMTP:a@x.com", "smtp:b@x.com", "smtp:b@x.com"] };

  test("Join flattens, Count counts, Item is 1-based", () => {
    expect(value('Join(";", [proxyAddresses])', proxies)).toBe(
      "SMTP:a@x.com;smtp:b@x.com;smtp:b@x.com",
    );
    expect(value("Count([proxyAddresses])", proxies)).toBe(3);
    expect(value("Item([proxyAddresses], 1)", proxies)).toBe("SMTP:a@x.com");
    expect(value("Item([proxyAddresses], 4)", proxies)).toBeNull();
    expect(value("RemoveDuplicates([proxyAddresses])", proxies)).toEqual([
      "SMTP:a@x.com",
      "smtp:b@x.com",
    ]);
    expect(value("[proxyAddresses]", proxies)).toEqual(proxies.proxyAddresses);
  });

  test("a single value is read where one value is needed; several fail", () => {
    expect(value("ToUpper([a])", { a: ["x"] })).toBe("X");
    const e = failure("ToUpper([proxyAddresses])", proxies);
    expect(e.code).toBe("multiValued");
    expect(e.message).toBe(
      "ToUpper: source has 3 values but takes a single value; use Join, Item or SingleAppRoleAssignment first",
    );
  });

  test("the result array is a copy", () => {
    const source = { a: ["x", "y"] };
    const result = value("[a]", source) as string[];
    expect(result).not.toBe(source.a);
  });

  test("app-role functions", () => {
    const roles = { appRoleAssignments: ["User", "Admin"] };
    expect(value("SingleAppRoleAssignment([appRoleAssignments])", roles)).toBe("User");
    expect(value("AssertiveAppRoleAssignmentsComplex([appRoleAssignments])", roles)).toEqual([
      "User",
      "Admin",
    ]);
    expect(
      value("AppRoleAssignmentsComplex([appRoleAssignments])", { appRoleAssignments: "User" }),
    ).toEqual(["User"]);
  });
});

describe("integers and comparisons", () => {
  test.each([
    ["[a] = 1", { a: "1" }, "True"],
    ["[a] = 1", { a: "01" }, "True"],
    ["[a] > [b]", { a: "10", b: "9" }, "True"],
    ["[a] > [b]", { a: "10a", b: "9" }, "False"],
    ["[a] < [b]", { a: "B", b: "a" }, "True"],
    ['[a] = "abc"', { a: "ABC" }, "False"],
    ['[a] <> "abc"', { a: "ABC" }, "True"],
    ["[a] >= -1", { a: "-1" }, "True"],
    ["[a] = 9223372036854775807", { a: "9223372036854775807" }, "True"],
    ["[a] > 9223372036854775806", { a: "9223372036854775807" }, "True"],
    ["CDate([a]) < CDate([b])", { a: "2020-01-01", b: "2020-01-02" }, "True"],
    ['CDate([a]) = "2020-01-01T00:00:00Z"', { a: "2020-01-01" }, "True"],
  ])("%s with %j → %s", (expression, source, expected) => {
    expect(value(expression, source)).toBe(expected);
  });

  test("integer results are numbers, large ones decimal strings", () => {
    expect(value('InStr("abc", "c")')).toBe(3);
    expect(value('BitAnd(&HFF, "15")')).toBe(15);
    expect(value('NumFromDate("2020-12-31 23:59:59-08:00")')).toBe("132539615990000000");
    expect(value("CStr(BitAnd(12, 10))")).toBe("8");
  });

  test("non-integers are reported", () => {
    expect(failure('Mid("abc", [s], 1)', { s: "x" }).message).toBe(
      'Mid: start must be an integer, got "x"',
    );
    expect(failure('Mid("abc", [s], 1)').message).toBe(
      "Mid: start is NULL; an integer is required",
    );
    expect(failure('Mid("abc", [s], 1)', { s: "0" }).message).toBe(
      "Mid: start must be 1 or more, got 0",
    );
  });
});

describe("dates", () => {
  test.each([
    ['CDate("2020-03-16-07:00")', "3/16/2020 7:00:00 AM"],
    ['CDate("2021-06-30+08:00")', "6/29/2021 4:00:00 PM"],
    ['CDate("2009-06-15T01:45:30-07:00")', "6/15/2009 8:45:30 AM"],
    ['CDate("2009-06-15T01:45:30Z")', "6/15/2009 1:45:30 AM"],
    ['CDate("2009-06-15 13:45")', "6/15/2009 1:45:00 PM"],
    ['CDate("12/31/2025 12:00:00 AM")', "12/31/2025 12:00:00 AM"],
    ['CDate("12/31/2025 12:30:00 PM")', "12/31/2025 12:30:00 PM"],
    ['CDate("1/2/2025")', "1/2/2025 12:00:00 AM"],
    ['DateAdd("m", 1, CDate("2020-01-31"))', "2/29/2020 12:00:00 AM"],
    ['DateAdd("yyyy", 1, CDate("2020-02-29"))', "2/28/2021 12:00:00 AM"],
    ['DateAdd("n", -90, CDate("2020-01-01"))', "12/31/2019 10:30:00 PM"],
    ['DateAdd("s", "30", CDate("2020-01-01"))', "1/1/2020 12:00:30 AM"],
    ['DateAdd("h", 1, "2020-01-01T23:30:00Z")', "1/2/2020 12:30:00 AM"],
    ["DateFromNum(129699324000000000)", "1/1/2012 11:00:00 PM"],
    ['DateFromNum(NumFromDate("2024-02-29T12:34:56Z"))', "2/29/2024 12:34:56 PM"],
  ])("%s → %s", (expression, expected) => {
    expect(value(expression)).toBe(expected);
  });

  test.each([
    ['DateDiff("d", "2024-01-01T12:00:00Z", "2024-01-03T11:59:59Z")', 1],
    ['DateDiff("d", "2024-01-03T11:59:59Z", "2024-01-01T12:00:00Z")', -1],
    ['DateDiff("h", "2024-01-01", "2024-01-01T05:59:59Z")', 5],
    ['DateDiff("m", "2024-01-31", "2024-02-01")', 1],
    ['DateDiff("yyyy", "2024-12-31", "2025-01-01")', 1],
    ['DateDiff("ww", "2024-01-06", "2024-01-07")', 1],
    ['DateDiff("ww", "2024-01-07", "2024-01-13")', 0],
    ['DateDiff("ww", "2021-08-25T17:41:18Z", "2012-03-16T07:00:00Z")', -493],
  ])("%s → %d", (expression, expected) => {
    expect(value(expression)).toBe(expected);
  });

  test("Now() is the now option, fixed for the whole evaluation", () => {
    expect(value("Now()", {}, { now: NOW })).toBe("7/30/2025 12:00:00 AM");
    expect(value('DateDiff("s", Now(), Now())')).toBe(0);
  });

  test.each([
    ['FormatDateTime([d], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', "20150123105347.1Z", "2015-01-23"],
    ['FormatDateTime([d], , "yyyy-MM-ddzzz", "yyyy-MM-dd")', "2020-12-31-08:00", "2020-12-31"],
    [
      'FormatDateTime([d], , "yyyy-MM-ddzzz", "yyyy-MM-dd HH:mm zzz")',
      "2021-06-30+08:00",
      "2021-06-29 16:00 +00:00",
    ],
    [
      'FormatDateTime([d], , "M/d/yyyy h:mm:ss tt", "yyyy-MM-ddTHH:mm:ss")',
      "7/4/2025 3:05:09 PM",
      "2025-07-04T15:05:09",
    ],
    [
      'FormatDateTime([d], , "yyyy-MM-dd", "dddd, MMMM d, yyyy")',
      "2021-06-30",
      "Wednesday, June 30, 2021",
    ],
    ['FormatDateTime([d], , "yyyy-MM-dd", "ddd dd MMM yy")', "2021-06-03", "Thu 03 Jun 21"],
    ['FormatDateTime([d], , "yyyy-MM-dd", "o")', "2021-06-30", "2021-06-30T00:00:00.0000000"],
    [
      'FormatDateTime([d], , "yyyy-MM-ddTHH:mm:ssK", "o")',
      "2021-06-30T10:00:00Z",
      "2021-06-30T10:00:00.0000000Z",
    ],
    ['FormatDateTime([d], , "yyyy-MM-dd", "d")', "2021-06-30", "6/30/2021"],
    [
      'FormatDateTime([d], , "yyyy-MM-dd HH:mm:ss.fff", "HH:mm:ss.FFF")',
      "2021-06-30 10:00:00.500",
      "10:00:00.5",
    ],
    [
      'FormatDateTime([d], , "yyyy-MM-dd HH:mm:ss.fff", "HH:mm:ss.FFF")',
      "2021-06-30 10:00:00.000",
      "10:00:00",
    ],
    ["FormatDateTime([d], , \"dd.MM.yyyy\", \"yyyy'-'MM'-'dd\")", "  03.04.2020 ", "2020-04-03"],
    ['FormatDateTime([d], , "MMMM d, yyyy", "yyyy-MM-dd")', "march 5, 2020", "2020-03-05"],
    ['FormatDateTime([d], "yyyyMMdd", "MM/dd/yyyy")', "20200304", "03/04/2020"],
    [
      'FormatDateTime([d], "AllowWhiteSpaces", "yyyy MM dd", "yyyy-MM-dd")',
      "2020  03 04",
      "2020-03-04",
    ],
  ])("%s on %j → %s", (expression, d, expected) => {
    expect(value(expression, { d })).toBe(expected);
  });

  test("FormatDateTime accepts DateTime values and fills a missing date from Now()", () => {
    expect(
      value(
        'FormatDateTime(DateAdd("d", 1, Now()), , "yyyy-MM-dd", "yyyy-MM-dd")',
        {},
        { now: NOW },
      ),
    ).toBe("2025-07-31");
    expect(value('FormatDateTime("10:30", , "HH:mm", "yyyy-MM-dd HH:mm")', {}, { now: NOW })).toBe(
      "2025-07-30 10:30",
    );
  });

  test("date failures", () => {
    expect(failure("CDate([d])", { d: "yesterday" }).message).toBe(
      'CDate: expression is not a date: "yesterday" (expected e.g. 2020-03-16, 2020-03-16T07:00:00-07:00 or 3/16/2020 7:00:00 AM)',
    );
    expect(
      failure('FormatDateTime([d], , "yyyy-MM-dd", "yyyy")', { d: "2021/06/30" }).message,
    ).toBe('FormatDateTime: "2021/06/30" does not match the input format "yyyy-MM-dd"');
    expect(failure('DateAdd("yyyy", 1, "9999-06-01")').message).toBe(
      "DateAdd: the result is outside the range of dates",
    );
    expect(failure("NumFromDate([d])", { d: "9999-12-31T23:59:59-04:00" }).message).toBe(
      'NumFromDate: value is not a valid date: "9999-12-31T23:59:59-04:00" (a field is out of range, or the date is outside 0001-01-01 to 9999-12-31 UTC)',
    );
    expect(failure('DateAdd([i], 1, "2020-01-01")', { i: "q" }).message).toBe(
      'DateAdd: interval must be one of "yyyy", "m", "d", "ww", "h", "n", "s", got "q"',
    );
    expect(
      failure('FormatDateTime([d], [s], "yyyy", "yyyy")', { d: "2020", s: "Sometimes" }).code,
    ).toBe("invalidArgument");
  });
});

describe("string functions", () => {
  test.each([
    ['Mid("John", 3, 10)', "hn"],
    ['Mid("John", 5, 1)', ""],
    ['Mid("John", 2, 0)', ""],
    ['Left("John", -1)', "John"],
    ['Word("a  b c", 2, " ")', "b"],
    ['Word("a,b;c", 3, ",;")', "c"],
    ['Word("John", 1, " ")', ""],
    ['Word("a b", 3, " ")', ""],
    ['InStr("repEated", "e", 3, vbBinaryCompare)', 7],
    ['InStr("repEated", "E", 1, vbTextCompare)', 2],
    ['InStr("abc", "")', 1],
    ['InStr("abc", "a", 4)', 0],
    ['Split("a,b,,c", ",")', ["a", "b", "", "c"]],
    ['Split("a--b", "--")', ["a", "b"]],
    ['Split("a b\\tc", )', ["a", "b\\tc"]],
    ['Split("abc", "")', ["abc"]],
    ['StripSpaces(" a\\tb ")', "a\\tb"],
    ['Trim("  a b  ")', "a b"],
    ['ToUpper("straße")', "STRAßE"],
    ['ToLower("İSTANBUL")', "istanbul"],
    ['ToLower("ΟΔΟΣ")', "οδοσ"],
    ['ToLower("ISTANBUL", "tr-TR")', "ıstanbul"],
    ['ToUpper("istanbul", "")', "ISTANBUL"],
    ['PCase("2nd o\'neil-smith mcdonald")', "2Nd O'neil-Smith Mcdonald"],
    ['PCase("JOHN SMITH", "")', "John smith"],
    ['PCase("élodie VAN-DER", " -")', "Élodie Van-Der"],
    [
      'NormalizeDiacritics("Zoë Saldaña Łukasz Øster æsir ß İ ı")',
      "Zoe Saldana Lukasz OEster aesir ss I i",
    ],
    ['NormalizeDiacritics("Ελλάδα が đ þ")', "Ελλάδα が đ þ"],
    ['ConvertToUTF8Hex("é")', "C3A9"],
    ['ConvertFromBase64("SGVsbG8gd29ybGQh", "UTF8")', "Hello world!"],
    ['ConvertFromBase64("SABlAGwAbABvAA==")', "Hello"],
    ['ConvertFromBase64("aOk=", ASCII)', "h?"],
    ["CStr(DateFromNum(0))", "1/1/1601 12:00:00 AM"],
    ['CBool("1")', "True"],
    ['Not("TRUE")', "False"],
    ['Not("maybe")', "True"],
    ["Redact([missing])", null],
    ['Prepend("x-", "y")', "x-y"],
    ['DNComponent("CN=Joe,OU=Sales,DC=contoso", 2)', "Sales"],
    ['DNComponent("CN=Joe", 3)', null],
    ['StringFromSid("S-1-5-18")', "S-1-5-18"],
  ])("%s → %j", (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

  test("invalid Base64 and cultures fail", () => {
    expect(failure('ConvertFromBase64("not base64!")').code).toBe("invalidArgument");
    expect(failure("ToLower([a], [c])", { a: "x", c: "??" }).message).toBe(
      'ToLower: culture "??" is not a culture name',
    );
  });
});

describe("Replace", () => {
  test.each([
    ['Replace([a], "$", , , "$$", , )', { a: "1$2" }, "1$$2"],
    ['Replace([a], "x", , , [r], , )', { a: "axbx" }, "ab"],
    ['Replace([a], "<u>", , , , , "<u>@contoso.com")', { a: "jsmith" }, "jsmith@contoso.com"],
    [
      'Replace([a], , "(?<first>\\\\w+) (?<last>\\\\w+)", , "${last}, ${first}", , )',
      { a: "Ada Lovelace" },
      "Lovelace, Ada",
    ],
    [
      'Replace([a], , "(?<n>x)(y)", , "[$1|$2|$0|$$|$+|$_|${n}|$9]", , )',
      { a: "xy" },
      "[y|x|xy|$|x|xy|x|$9]",
    ],
    ['Replace([a], , "\\\\d+", , "#", , )', { a: "a1٣b22" }, "a#b#"],
    ['Replace([a], , "(\\\\.)*$", , "", , )', { a: "john.\n" }, "john\n"],
    ['Replace([a], , "^.*$", , "X", , )', { a: "a\r" }, "X"],
    ['Replace([a], , "\\\\bis\\\\b", , "IS", , )', { a: "this is éis" }, "this IS éis"],
    ['Replace([a], , "(?i)ABC", , "x", , )', { a: "abcABC" }, "xx"],
    ['Replace([a], , "[a-z-[aeiou]]", , "", , )', { a: "banana" }, "aaa"],
    ['Replace([a], , "(?>a+)b", , "X", , )', { a: "aaab aaa" }, "X aaa"],
    ['Replace([a], , "(?<d>\\\\d)", "d", "#", , )', { a: "a1b22" }, "a#b##"],
    ['Replace([a], , "-(?<d>\\\\d*)-", "d", "", , )', { a: "x-12-y--z" }, "x--y--z"],
    [
      'Replace([a], , "\\\\+(?<cc>\\\\d+) (?<n>\\\\d+)", "n", , [b], )',
      { a: "", b: "+44 1234" },
      "1234",
    ],
    ['Replace([a], , "\\\\+(?<cc>\\\\d+) (?<n>\\\\d+)", "n", , [b], )', { b: "+44 1234" }, "1234"],
    [
      'Replace([a], , "\\\\+(?<cc>\\\\d+) (?<n>\\\\d+)", "n", , [b], )',
      { a: "kept", b: "+44 1234" },
      "kept",
    ],
    ['Replace([a], , "\\\\+(?<cc>\\\\d+) (?<n>\\\\d+)", "n", , [b], )', { a: "", b: "none" }, null],
    ["Replace([a], , [p], , [r], , )", { a: "abc", p: "b", r: "[$0]" }, "a[b]c"],
  ])("%s with %j → %j", (expression, source, expected) => {
    expect(value(expression, source)).toEqual(expected);
  });

  test("a pattern that is only known at run time is checked then", () => {
    expect(failure('Replace([a], , [p], , "", , )', { a: "x", p: "(" }).message).toBe(
      'Replace: regexPattern "(": Not enough )\'s',
    );
    expect(failure('Replace([a], [f], , , "", , )', { a: "x", f: "" }).message).toBe(
      "Replace: oldValue cannot be empty",
    );
  });
});

describe("flow control", () => {
  test("IgnoreFlowIfNullOrEmpty anywhere ends the mapping", () => {
    expect(evaluateExpression("IgnoreFlowIfNullOrEmpty([a])", { a: "" })).toEqual({
      kind: "ignoreFlow",
    });
    expect(evaluateExpression('Join("", "x", IgnoreFlowIfNullOrEmpty([a]))', {})).toEqual({
      kind: "ignoreFlow",
    });
    expect(evaluateExpression("IgnoreFlowIfNullOrEmpty([a])", { a: ["v"] })).toEqual({
      kind: "value",
      value: ["v"],
    });
  });

  test("flow keywords as results", () => {
    expect(evaluateExpression('IIF([a]="1", IgnoreAttributeFlow, [a])', { a: "1" })).toEqual({
      kind: "keyword",
      name: "IgnoreAttributeFlow",
    });
    expect(evaluateExpression('Switch([a], IgnoreObjectFlow, "1", "x")', { a: "2" })).toEqual({
      kind: "keyword",
      name: "IgnoreObjectFlow",
    });
    expect(evaluateExpression("IgnoreObjectFlow", {})).toEqual({
      kind: "keyword",
      name: "IgnoreObjectFlow",
    });
  });

  test("Error() fails with its message", () => {
    const e = failure('Error(Join(" ", "missing", [a]))', { a: "upn" });
    expect(e.code).toBe("customError");
    expect(e.message).toBe("Error: missing upn");
  });

  test("functions the service computes cannot be previewed", () => {
    expect(failure("AltSecIdFromNetId([netId])", { netId: "x" }).code).toBe("notEvaluable");
    expect(failure("DefaultDomain()").code).toBe("notEvaluable");
    expect(value("DefaultDomain()", {}, { defaultDomain: "contoso.com" })).toBe("contoso.com");
  });
});

describe("SelectUniqueValue", () => {
  const expression =
    'SelectUniqueValue(Join("@", [a], "x.com"), Join("@", [b], "x.com"), Join("@", [c], "x.com"))';

  test("without an oracle the first rule wins", () => {
    expect(value(expression, { a: "one", b: "two" })).toBe("one@x.com");
  });

  test("rules giving NULL or an empty string are skipped", () => {
    expect(value('SelectUniqueValue([a], [b], "c")', { b: "" })).toBe("c");
  });

  test("the oracle gets the value and the target attribute", () => {
    const calls: Array<[string, string | undefined]> = [];
    const result = value(
      expression,
      { a: "one", b: "two", c: "three" },
      {
        targetAttributeName: "mail",
        isUnique: (v, target) => {
          calls.push([v, target]);
          return v === "three@x.com";
        },
      },
    );
    expect(result).toBe("three@x.com");
    expect(calls).toEqual([
      ["one@x.com", "mail"],
      ["two@x.com", "mail"],
      ["three@x.com", "mail"],
    ]);
  });

  test("when every value exists the object is escrowed", () => {
    const e = failure(expression, { a: "one", b: "two", c: "three" }, { isUnique: () => false });
    expect(e.code).toBe("escrow");
    expect(e.message).toBe(
      'SelectUniqueValue: no unique value: "one@x.com", "two@x.com", "three@x.com" already exist; Entra escrows the object',
    );
  });
});

describe("randomness", () => {
  test("a seed makes Guid and RandomString deterministic", () => {
    const a = value('Join("|", Guid(), RandomString(12, 2, 2, 2, 2))', {}, { randomSeed: 7 });
    const b = value('Join("|", Guid(), RandomString(12, 2, 2, 2, 2))', {}, { randomSeed: 7 });
    const c = value('Join("|", Guid(), RandomString(12, 2, 2, 2, 2))', {}, { randomSeed: 8 });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(a).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\|.{12}$/,
    );
  });

  test("without a seed Guid is random", () => {
    expect(value("Guid()")).not.toBe(value("Guid()"));
  });

  test("RandomString honours its minimums and CharactersToAvoid", () => {
    for (let seed = 0; seed < 50; seed++) {
      const s = value('RandomString(10, 2, 2, 2, 1, "?,")', {}, { randomSeed: seed }) as string;
      expect(s).toHaveLength(10);
      expect(s).not.toMatch(/[?,]/);
      expect(s.replace(/[^0-9]/g, "").length).toBeGreaterThanOrEqual(2);
      expect(s.replace(/[^A-Z]/g, "").length).toBeGreaterThanOrEqual(2);
      expect(s.replace(/[^a-z]/g, "").length).toBeGreaterThanOrEqual(1);
      expect(s.replace(/[A-Za-z0-9]/g, "").length).toBeGreaterThanOrEqual(2);
    }
    expect(failure("RandomString([n], 0, 0, 0, 0)", { n: "300" }).code).toBe("invalidArgument");
    expect(failure('RandomString(3, 1, 0, 0, 0, "0123456789")').message).toBe(
      "RandomString: CharactersToAvoid excludes every one of the digits",
    );
  });
});

describe("compileExpression", () => {
  test("compiles once and evaluates many sources", () => {
    const displayName = compileExpression('Join(" ", [givenName], [surname])');
    expect(displayName({ givenName: "Ada", surname: "Lovelace" })).toEqual({
      kind: "value",
      value: "Ada Lovelace",
    });
    expect(displayName({ givenName: "Alan" })).toEqual({ kind: "value", value: "Alan" });
  });

  test("accepts Graph trees", () => {
    const tree = parseExpression('Replace([preferredLanguage], "-", , , "_", , )');
    expect(compileExpression(tree)({ preferredLanguage: "EN-US" })).toEqual({
      kind: "value",
      value: "EN_US",
    });
    expect(
      evaluateExpression(
        {
          name: "Append",
          type: "Function",
          parameters: [
            { key: "source", value: { name: "a" } },
            { key: "suffix", value: { name: "!", type: "Constant" } },
          ],
        },
        { a: "hi" },
      ),
    ).toEqual({ kind: "value", value: "hi!" });
  });

  test("rejects invalid expressions, sources and options", () => {
    expect(() => compileExpression("Mid(")).toThrow("Expected");
    const f = compileExpression("[a]");
    expect(() => f(null as unknown as ExpressionSource)).toThrow(TypeError);
    expect(() => f({}, { now: new Date("nope") })).toThrow("options.now must be a valid Date");
  });
});
