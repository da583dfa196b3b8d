/**
 * The .NET emulation layer: regular expressions, replacement strings, date formats and text.
 */
import {
  compileDotNetRegex,
  RegexTranslationError,
  translateDotNetRegex,
} from "../../src/mapping/dotnet/regex";
import { translateReplacement } from "../../src/mapping/dotnet/replacement";
import {
  compileDateFormatter,
  compileDateParser,
  parseDateTimeStyles,
} from "../../src/mapping/dotnet/dateFormat";
import { makeDateTime, parseDateTimeText, renderGeneral } from "../../src/mapping/dotnet/datetime";
import {
  lowerInvariant,
  normalizeDiacritics,
  toTitleCase,
  upperInvariant,
} from "../../src/mapping/dotnet/text";

function replace(pattern: string, input: string, replacement: string): string {
  const regex = compileDotNetRegex(pattern);
  const r = translateReplacement(replacement, regex.translated);
  return typeof r === "string" ? input.replace(regex.global, r) : input.replace(regex.global, r);
}

describe(".NET regular expressions", () => {
  test.each([
    ["\\d+", "a١٢٣b42", "#", "a#b#"],
    ["\\w+", "héllo wörld_1", "#", "# #"],
    ["\\W", "a-b c", "_", "a_b_c"],
    ["[\\w.]+", "john.doe@x", "#", "#@#"],
    ["[\\W\\d]", "a1-b", "_", "a__b"],
    ["[^\\W\\d]+", "ab12cd", "#", "#12#"],
    [".", "a\nb\r", "#", "#\n##"],
    ["(?s).", "a\nb", "#", "###"],
    ["$", "ab\n", "#", "ab#\n#"],
    ["(?m)^\\w", "ab\ncd", "#", "#b\n#d"],
    ["\\Aa|a\\z", "aaa", "#", "#a#"],
    ["a\\Z", "aa\n", "#", "a#\n"],
    ["\\bis\\b", "this is", "IS", "this IS"],
    ["\\Bis", "this is", "IS", "thIS is"],
    ["(?i)straße", "STRASSE Straße", "#", "STRASSE #"],
    ["(?x) a  b # comment", "ab a b", "#", "# a b"],
    // With ExplicitCapture the named group is the only group, so it is group 1.
    ["(?n)(a)(?<b>b)", "ab", "$1|${b}", "b|b"],
    ["(?<a>x)(y)", "xy", "$1-$2-${a}", "y-x-x"],
    ["(x)(?<n>y)\\1\\k<n>", "xyxy xyyx", "#", "# xyyx"],
    ["(?>a+)b", "aaab", "#", "#"],
    ["(?>a+)a", "aaaa", "#", "aaaa"],
    ["[a-z-[aeiou]]+", "banana", "#", "#a#a#a"],
    ["[a-c-[b]]", "abc", "#", "#b#"],
    ["a{2}b{1,}c{,2}", "aabbc{,2}", "#", "#"],
    ["x]y}", "x]y}", "#", "#"],
    ["[]a]", "]a", "#", "##"],
    ["\\x41\\u0042\\0\\t", "AB\0\t", "#", "#"],
    ["\\p{Lu}+", "abCDe", "#", "ab#e"],
    ["\\P{L}", "a1b", "#", "a#b"],
    ["(?=\\d)*x", "x", "#", "#"],
    ["(?#comment)a", "a", "#", "#"],
    ["\\/\\:\\;\\=\\,\\<\\>", "/:;=,<>", "#", "#"],
  ])("%j on %j with %j", (pattern, input, replacement, expected) => {
    expect(replace(pattern, input, replacement)).toBe(expected);
  });

  test.each([
    ["$$", "[$]"],
    ["$&", "[b]"],
    ["$0", "[b]"],
    ["$`", "[a]"],
    ["$'", "[c]"],
    ["$_", "[abc]"],
    ["$+", "[b]"],
    ["${g}", "[b]"],
    ["${1}", "[b]"],
    ["$1", "[b]"],
    ["$10", "[b0]"],
    ["$2", "[$2]"],
    ["${nope}", "[${nope}]"],
    ["$x", "[$x]"],
    ["end$", "[end$]"],
  ])("replacement %j", (replacement, expected) => {
    expect(replace("(?<g>b)", "abc", `[${replacement}]`).replace(/^a|c$/g, "")).toBe(expected);
  });

  test.each([
    ["(abc", "Not enough )'s", 4],
    ["abc)", "Too many )'s", 3],
    ["[abc", "Unterminated [] set", 0],
    ["a**", "Nested quantifier '*'", 2],
    ["*a", "Quantifier '*' following nothing", 0],
    ["x{3,1}", "Illegal {x,y} with x > y", 1],
    ["[z-a]", "[x-y] range in reverse order", 2],
    ["\\q", "Unrecognized escape sequence \\q", 0],
    ["a\\", "Illegal \\ at end of pattern", 1],
    ["\\G", "\\G (contiguous match) is not supported", 0],
    ["(?(a)b|c)", "Conditional groups (?(...)...) are not supported", 0],
    ["(?<a-b>x)", "Balancing groups (?<a-b>...) are not supported", 0],
    ["(?<1>x)", "Numbered group names (?<1>...) are not supported", 0],
    ["(?<a>x)(?<a>y)", "The group name 'a' is used twice; duplicate names are not supported", 7],
    ["a(?i)b", "The inline option (?i) is supported only at the start of the pattern", 1],
    ["(?i:a)", "The inline option (?i) is supported only at the start of the pattern", 0],
    ["\\p{IsGreek}", "Unicode block names such as \\p{IsGreek} are not supported", 0],
    ["\\p{Xx}", "Unknown property 'Xx'", 0],
    ["\\k<nope>", "Reference to undefined group name 'nope'", 0],
    ["(a)\\2", "Reference to undefined group number 2", 3],
    ["(?z)", "Unrecognized grouping construct", 0],
  ])("rejects %j", (pattern, message, offset) => {
    let error: unknown;
    try {
      translateDotNetRegex(pattern);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RegexTranslationError);
    expect((error as RegexTranslationError).message).toBe(message);
    expect((error as RegexTranslationError).offset).toBe(offset);
  });

  test("compiled patterns are cached", () => {
    expect(compileDotNetRegex("a+b")).toBe(compileDotNetRegex("a+b"));
  });

  test("group numbering: unnamed groups first, then named", () => {
    const t = translateDotNetRegex("(?<first>a)(b)(?<second>c)(d)");
    expect([...t.groupIndex].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 0],
      [1, 2],
      [2, 4],
      [3, 1],
      [4, 3],
    ]);
    expect([...t.groupNumberOfName]).toEqual([
      ["first", 3],
      ["second", 4],
    ]);
  });
});

describe(".NET dates", () => {
  test("CDate text forms", () => {
    expect(parseDateTimeText("2020-03-16-07:00")?.ms).toBe(Date.UTC(2020, 2, 16, 7));
    expect(parseDateTimeText("2020-03-16T10:11:12.1234567+05:30")?.sub).toBe(4567);
    expect(parseDateTimeText("0001-01-01")).toBeDefined();
    expect(parseDateTimeText("0001-01-01T00:00:00+01:00")).toBeUndefined();
    expect(parseDateTimeText("2020-13-01")).toBeUndefined();
    expect(parseDateTimeText("2/29/2021")).toBeUndefined();
    expect(parseDateTimeText("13:00:00 PM 1/1/2020")).toBeUndefined();
    expect(parseDateTimeText("1/1/2020 13:00:00 PM")).toBeUndefined();
  });

  test("rendering as en-US G", () => {
    const at = (h: number, m = 0) =>
      renderGeneral(makeDateTime(2020, 1, 2, h, m) as NonNullable<ReturnType<typeof makeDateTime>>);
    expect(at(0)).toBe("1/2/2020 12:00:00 AM");
    expect(at(12, 5)).toBe("1/2/2020 12:05:00 PM");
    expect(at(23, 59)).toBe("1/2/2020 11:59:00 PM");
    expect(
      renderGeneral(makeDateTime(5, 1, 1) as NonNullable<ReturnType<typeof makeDateTime>>),
    ).toBe("1/1/0005 12:00:00 AM");
  });

  test("custom format specifiers", () => {
    const dt = makeDateTime(2021, 6, 3, 14, 5, 9, 1_230_000) as NonNullable<
      ReturnType<typeof makeDateTime>
    >;
    const f = (format: string) => compileDateFormatter(format)(dt);
    expect(f("yyyy-MM-dd HH:mm:ss.fffffff")).toBe("2021-06-03 14:05:09.1230000");
    expect(f("y yy yyy yyyyy")).toBe("21 21 2021 02021");
    expect(f("M MM MMM MMMM d dd ddd dddd")).toBe("6 06 Jun June 3 03 Thu Thursday");
    expect(f("h hh H HH m mm s ss t tt")).toBe("2 02 14 14 5 05 9 09 P PM");
    expect(f("FFFFFFF|FF|F")).toBe("123|12|1");
    expect(f("'literal' \"q\" \\y %d")).toBe("literal q y 3");
    expect(f("z zz zzz K")).toBe("+0 +00 +00:00 Z");
    expect(f("s")).toBe("2021-06-03T14:05:09");
    expect(f("u")).toBe("2021-06-03 14:05:09Z");
    expect(f("R")).toBe("Thu, 03 Jun 2021 14:05:09 GMT");
    expect(f("D")).toBe("Thursday, June 3, 2021");
  });

  test("ParseExact", () => {
    const now = () => Date.UTC(2025, 6, 30);
    const parse = (format: string, text: string) => compileDateParser(format)(text, now);
    expect(parse("yyyyMMddHHmmss.fZ", "20150123105347.1Z")?.ms).toBe(
      Date.UTC(2015, 0, 23, 10, 53, 47, 100),
    );
    expect(parse("yy-M-d", "49-1-2")?.ms).toBe(Date.UTC(2049, 0, 2));
    expect(parse("yy-M-d", "50-1-2")?.ms).toBe(Date.UTC(1950, 0, 2));
    expect(parse("MM/dd/yyyy", "1/02/2020")).toBeUndefined();
    expect(parse("M/d/yyyy h:mm tt", "12/31/2025 12:30 AM")?.ms).toBe(
      Date.UTC(2025, 11, 31, 0, 30),
    );
    expect(parse("yyyy-MM-ddK", "2020-01-01Z")?.utc).toBe(true);
    expect(parse("yyyy-MM-ddK", "2020-01-01")?.utc).toBe(false);
    expect(parse("yyyy-MM-ddzzz", "2020-01-01+14:00")?.ms).toBe(Date.UTC(2019, 11, 31, 10));
    expect(parse("HH:mm", "07:30")?.ms).toBe(Date.UTC(2025, 6, 30, 7, 30));
    expect(parse("yyyy-MM-dd", "2020-01-01 trailing")).toBeUndefined();
    expect(
      compileDateParser("HH:mm", parseDateTimeStyles("NoCurrentDateDefault"))("07:30", now)?.ms,
    ).toBe(Date.UTC(2000, 0, 1, 7, 30) - Date.UTC(2000, 0, 1) + -62_135_596_800_000);
  });

  test("DateTimeStyles values", () => {
    expect(parseDateTimeStyles("AssumeUniversal, AllowWhiteSpaces")).toBe(64 | 7);
    expect(parseDateTimeStyles("roundtripkind|allowleadingwhite")).toBe(129);
    expect(parseDateTimeStyles("16")).toBe(16);
    expect(parseDateTimeStyles("Sometimes")).toBeUndefined();
  });
});

describe(".NET text", () => {
  test("invariant casing uses simple case mapping", () => {
    expect(upperInvariant("straße ﬁ")).toBe("STRAßE ﬁ");
    expect(lowerInvariant("İI ΣΑΣ")).toBe("ii σασ");
    expect(lowerInvariant("ABC")).toBe("abc");
  });

  test("ToTitleCase", () => {
    expect(toTitleCase("st john's hospital")).toBe("St John's Hospital");
    expect(toTitleCase("USA and the UK")).toBe("USA And The UK");
    expect(toTitleCase("o'neil (second) 2nd")).toBe("O'neil (Second) 2Nd");
  });

  test("NormalizeDiacritics follows the documented table", () => {
    expect(
      normalizeDiacritics(
        "äàâãåáąăā ǟǡ Ææǣ çčć ďḏ ëèéêęěėē ğḡ ïîìíıī ľłḻ ñńň öòőõôóōȫ øœ ř ß šśșş ťț üùûúůűū ÿýȳ źžż",
      ),
    ).toBe(
      "aaaaaaaaa aa AEaeae ccc dd eeeeeeee gg iiiiii lll nnn oooooooo oeoe r ss ssss tt uuuuuuu yyy zzz",
    );
    expect(normalizeDiacritics("ÄÀ ÇČ ÉÊ İÏ Ł Ñ ÖØ Ş Ü Ÿ Ž")).toBe("AA CC EE II L N OOE S U Y Z");
    expect(normalizeDiacritics("plain")).toBe("plain");
  });
});
