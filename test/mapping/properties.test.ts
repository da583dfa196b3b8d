/**
 * Property-based tests: generated expressions round-trip through text and trees, evaluation only
 * fails with ExpressionEvaluationError, and the parser only ever throws ExpressionParseError.
 */
import * as fc from "fast-check";
import {
  evaluateExpression,
  ExpressionEvaluationError,
  ExpressionParseError,
  expressionsEquivalent,
  formatExpression,
  parseExpression,
  type AttributeMappingSourceInput,
} from "../../src/mapping";

/** Builds expression text, drawing the whitespace between tokens from `w`. */
type Build = (w: () => string) => string;

const WHITESPACE = ["", "", "", " ", "  ", "\n", "\t", "\r\n", " \n  "];

function lit(text: string): Build {
  return () => text;
}

function call(name: string, args: Array<Build | undefined>): Build {
  return (w) =>
    `${name}${w()}(${w()}${args.map((a) => (a ? a(w) : "")).join(`${w()},${w()}`)}${w()})`;
}

function escape(s: string): string {
  return '"' + s.replace(/[\\"]/g, (c) => "\\" + c) + '"';
}

/** Casing the lenient parser accepts for function names. */
const nameCase = (name: string) =>
  fc.constantFrom(name, name, name, name.toLowerCase(), name.toUpperCase());

function generators(attributeName: fc.Arbitrary<string>) {
  const attribute = attributeName.map((n) => lit(`[${n}]`));
  const stringConstant = fc.string({ unit: "grapheme", maxLength: 12 }).map((s) => lit(escape(s)));
  const integer = fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map((n) => lit(n.toString()));
  const hex = fc
    .tuple(fc.bigInt({ min: 0n, max: 2n ** 64n }), fc.boolean())
    .map(([n, upper]) => lit(`&H${upper ? n.toString(16).toUpperCase() : n.toString(16)}`));
  const quotedInteger = fc.integer({ min: -999, max: 999 }).map((n) => lit(`"${n}"`));
  const positive = fc.oneof(
    fc.integer({ min: 1, max: 99 }).map((n) => lit(String(n))),
    fc.integer({ min: 1, max: 99 }).map((n) => lit(`"${n}"`)),
    attribute,
  );
  const leaf: fc.Arbitrary<Build> = fc.oneof(
    { weight: 4, arbitrary: attribute },
    { weight: 4, arbitrary: stringConstant },
    { weight: 1, arbitrary: integer },
    { weight: 1, arbitrary: hex },
    { weight: 1, arbitrary: quotedInteger },
  );
  const operator = fc.constantFrom("=", "<>", "<", "<=", ">", ">=");
  const interval = fc.constantFrom("yyyy", "m", "d", "ww", "h", "n", "s").map((i) => lit(`"${i}"`));
  const pattern = fc
    .constantFrom(
      "[()\\\\s-]+",
      "(?<id>.*)@(?<domain>.*)",
      "^\\\\d*",
      "(\\\\.)*$",
      "[a-z-[aeiou]]",
      "(?>a+)b",
      "\\\\bx\\\\b",
    )
    .map((p) => lit(`"${p}"`));
  const date = fc.oneof(
    attribute,
    fc
      .constantFrom('"2021-06-30"', '"2020-03-16-07:00"', '"12/31/2025 12:00:00 AM"', "Now()")
      .map(lit),
  );
  const nonEmptyString = fc
    .string({ unit: "grapheme", minLength: 1, maxLength: 6 })
    .map((s) => lit(escape(s)));

  const { value } = fc.letrec<{ value: Build; call: Build; condition: Build }>((tie) => {
    const v = () => tie("value");
    const args = (min: number, max: number) => fc.array(v(), { minLength: min, maxLength: max });
    const fn = (name: string, parts: fc.Arbitrary<Array<Build | undefined>>) =>
      fc.tuple(nameCase(name), parts).map(([n, a]) => call(n, a));
    return {
      value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("call")),
      condition: fc.oneof(
        fc.tuple(v(), operator, v()).map(
          ([l, op, r]): Build =>
            (w) =>
              `${l(w)}${w()}${op}${w()}${r(w)}`,
        ),
        fn("IsPresent", args(1, 1)),
        fn("IsNullOrEmpty", args(1, 1)),
        fn("Not", args(1, 1)),
      ),
      call: fc.oneof(
        fn("Append", args(2, 2)),
        fn("Join", args(2, 5)),
        fn("Coalesce", args(1, 4)),
        fn(
          "IIF",
          fc.tuple(tie("condition"), v(), v()).map((a) => [...a]),
        ),
        fn(
          "Switch",
          fc
            .tuple(
              v(),
              fc.option(v(), { nil: undefined }),
              fc.array(fc.tuple(v(), v()), { minLength: 1, maxLength: 3 }),
            )
            .map(([s, d, pairs]) => [s, d, ...pairs.flat()]),
        ),
        fn(
          "ToLower",
          fc
            .tuple(v(), fc.constantFrom(undefined, lit('"en-US"'), lit('"tr-TR"'), lit('""')))
            .map(([s, c]) => (c === undefined ? [s] : [s, c])),
        ),
        fn(
          "ToUpper",
          fc.tuple(v(), fc.boolean()).map(([s, trailing]) => (trailing ? [s, undefined] : [s])),
        ),
        fn(
          "Mid",
          fc.tuple(v(), positive, positive).map((a) => [...a]),
        ),
        fn(
          "Left",
          fc.tuple(v(), positive).map((a) => [...a]),
        ),
        fn(
          "Word",
          fc.tuple(v(), positive, v()).map((a) => [...a]),
        ),
        fn(
          "InStr",
          fc
            .tuple(v(), v(), fc.option(positive, { nil: undefined }))
            .map(([a, b, s]) => (s ? [a, b, s, lit("vbTextCompare")] : [a, b])),
        ),
        fn(
          "Replace",
          fc
            .tuple(v(), fc.oneof(nonEmptyString, attribute), v())
            .map(([s, f, r]) => [s, f, undefined, undefined, r, undefined, undefined]),
        ),
        fn(
          "Replace",
          fc.tuple(v(), pattern, v()).map(([s, p, r]) => [s, undefined, p, undefined, r]),
        ),
        fn(
          "Replace",
          fc
            .tuple(v(), fc.oneof(nonEmptyString, attribute), v())
            .map(([s, f, t]) => [s, f, undefined, undefined, undefined, undefined, t]),
        ),
        fn("Split", args(2, 2)),
        fn(
          "Item",
          fc.tuple(v(), positive).map((a) => [...a]),
        ),
        fn(
          "CBool",
          tie("condition").map((c) => [c]),
        ),
        fn(
          "FormatDateTime",
          fc
            .tuple(v(), fc.boolean())
            .map(([s, four]) =>
              four
                ? [s, undefined, lit('"yyyy-MM-dd"'), lit('"dd.MM.yyyy"')]
                : [s, lit('"yyyy-MM-dd"'), lit('"o"')],
            ),
        ),
        fn(
          "DateAdd",
          fc.tuple(interval, positive, date).map((a) => [...a]),
        ),
        fn(
          "DateDiff",
          fc.tuple(interval, date, date).map((a) => [...a]),
        ),
        fn(
          "CDate",
          date.map((d) => [d]),
        ),
        fn(
          "NumFromDate",
          date.map((d) => [d]),
        ),
        ...[
          "Not",
          "IsNull",
          "IsPresent",
          "IsString",
          "Trim",
          "CStr",
          "NormalizeDiacritics",
          "StripSpaces",
          "Count",
          "PCase",
          "ConvertToBase64",
          "ConvertToUTF8Hex",
          "RemoveDuplicates",
          "Redact",
        ].map((name) => fn(name, args(1, 1))),
        fn("Guid", fc.constant([])),
        fn("Now", fc.constant([])),
      ),
    };
  });

  const topLevel: fc.Arbitrary<Build> = fc.oneof(
    { weight: 8, arbitrary: value },
    {
      weight: 1,
      arbitrary: fc.tuple(value, operator, value).map(
        ([l, op, r]): Build =>
          (w) =>
            `${l(w)} ${op} ${r(w)}`,
      ),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(value, value)
        .map(([a, b]) =>
          call("IIF", [lit('[a] = "1"'), lit("IgnoreAttributeFlow"), a, b].slice(0, 3)),
        ),
    },
    {
      weight: 1,
      arbitrary: fc
        .array(value, { minLength: 2, maxLength: 3 })
        .map((rules) => call("SelectUniqueValue", rules)),
    },
    { weight: 1, arbitrary: value.map((v) => call("IgnoreFlowIfNullOrEmpty", [v])) },
  );

  return fc
    .tuple(topLevel, fc.array(fc.constantFrom(...WHITESPACE), { minLength: 1, maxLength: 16 }))
    .map(([build, spaces]) => {
      let i = 0;
      return build(() => spaces[i++ % spaces.length]);
    })
    .filter((text) => text.length <= 10_000);
}

const anyAttributeName = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 10 })
  .filter((s) => !s.includes("]"));
const anyExpression = generators(anyAttributeName);
const smallPoolExpression = generators(fc.constantFrom("a", "b", "c", "date"));

function stripExpressions(node: AttributeMappingSourceInput): AttributeMappingSourceInput {
  const keyword =
    node.type === "Constant" && node.expression === node.name && /^[A-Za-z]/.test(node.name);
  return {
    name: node.name,
    type: node.type,
    ...(keyword ? { expression: node.expression } : {}),
    parameters: (node.parameters ?? []).map((p) => ({
      key: p.key,
      value: stripExpressions(p.value),
    })),
  };
}

describe("round trips", () => {
  test("format(parse(x)) re-parses to the same tree and is the tree's expression", () => {
    fc.assert(
      fc.property(anyExpression, (text) => {
        const tree = parseExpression(text);
        const formatted = formatExpression(tree);
        expect(formatted).toBe(tree.expression);
        expect(parseExpression(formatted)).toStrictEqual(tree);
      }),
      { numRuns: 400 },
    );
  });

  test("a tree without expression members formats to the same canonical text", () => {
    fc.assert(
      fc.property(anyExpression, (text) => {
        const tree = parseExpression(text);
        expect(formatExpression(stripExpressions(tree))).toBe(tree.expression);
      }),
      { numRuns: 200 },
    );
  });

  test("an expression is equivalent to its canonical form", () => {
    fc.assert(
      fc.property(anyExpression, (text) => {
        expect(expressionsEquivalent(text, parseExpression(text).expression)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test("string constants survive any content", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        const tree = parseExpression(escape(s));
        expect(tree.name).toBe(s);
        expect(parseExpression(tree.expression).name).toBe(s);
      }),
    );
  });
});

describe("evaluation", () => {
  const text = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom("1", "-3", "2021-08-25", "True", "", "a@b.c"),
  );
  const source = fc.record(
    {
      a: fc.oneof(text, fc.array(text, { maxLength: 3 }), fc.constant(null)),
      b: fc.oneof(text, fc.constant(undefined)),
      c: text,
      date: fc.constantFrom("2020-03-16-07:00", "12/31/2025 12:00:00 AM", "2021-06-30"),
    },
    { requiredKeys: [] },
  );

  test("only ever fails with ExpressionEvaluationError", () => {
    const outcomes = { value: 0, ignoreFlow: 0, keyword: 0, error: 0 };
    fc.assert(
      fc.property(smallPoolExpression, source, (expression, input) => {
        try {
          const result = evaluateExpression(expression, input, {
            now: new Date("2025-07-30T00:00:00Z"),
            randomSeed: 3,
            isUnique: (v) => v.length % 2 === 0,
          });
          expect(["value", "ignoreFlow", "keyword"]).toContain(result.kind);
          outcomes[result.kind]++;
          if (result.kind === "value") {
            const v = result.value;
            const ok =
              v === null ||
              typeof v === "string" ||
              (typeof v === "number" && Number.isSafeInteger(v)) ||
              (Array.isArray(v) && v.every((x) => typeof x === "string"));
            expect(ok).toBe(true);
            expect(() => JSON.stringify(v)).not.toThrow();
          }
        } catch (e) {
          if (!(e instanceof ExpressionEvaluationError)) throw e;
          outcomes.error++;
        }
      }),
      { numRuns: 500 },
    );
    // The property is not vacuous: most generated expressions evaluate to something.
    expect(outcomes.value).toBeGreaterThan(150);
    expect(outcomes.error).toBeGreaterThan(0);
  });

  test("evaluating the tree gives the same result as evaluating the text", () => {
    fc.assert(
      fc.property(smallPoolExpression, source, (expression, input) => {
        const options = { now: new Date("2025-07-30T00:00:00Z"), randomSeed: 5 };
        const run = (e: string | AttributeMappingSourceInput) => {
          try {
            return evaluateExpression(e, input, options);
          } catch (error) {
            return (error as ExpressionEvaluationError).code;
          }
        };
        expect(run(parseExpression(expression))).toEqual(run(expression));
      }),
      { numRuns: 200 },
    );
  });
});

describe("parser robustness", () => {
  function onlyParseErrors(text: string): void {
    try {
      parseExpression(text);
    } catch (e) {
      if (!(e instanceof ExpressionParseError)) throw e;
      expect(e.name).toBe("ExpressionParseError");
      expect(["lex", "parse", "validate"]).toContain(e.stage);
      expect(e.position.offset).toBeGreaterThanOrEqual(0);
      expect(e.position.offset).toBeLessThanOrEqual(text.length);
      expect(e.position.line).toBeGreaterThanOrEqual(1);
      expect(e.position.column).toBeGreaterThanOrEqual(1);
      expect(e.message).toMatch(/^Expected .+ but found .+ at line \d+, column \d+/s);
    }
  }

  test("arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 60 }), onlyParseErrors), {
      numRuns: 1000,
    });
  });

  const token = fc.oneof(
    fc.constantFrom(
      "(",
      ")",
      ",",
      "[",
      "]",
      '"',
      "\\",
      "&",
      "&H",
      "&HF",
      "=",
      "<>",
      "<",
      ">=",
      "-",
      "1",
      "-7",
      "0x1",
      " ",
      "\n",
      "\t",
      "[a]",
      "[]",
      '"x"',
      '"\\""',
      '"\\',
      "'",
      "\u201c",
      "Join",
      "Mid",
      "IIF",
      "Switch",
      "Replace",
      "SelectUniqueValue",
      "Guid",
      "Not",
      "FormatDateTime",
      "DateAdd",
      "vbTextCompare",
      "IgnoreAttributeFlow",
      "True",
      "AND",
      "1.5",
      "\u00a0",
      "!=",
      "(?<",
      "Unknown",
    ),
    fc.string({ maxLength: 3 }),
  );

  test("random token sequences", () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), (tokens) => onlyParseErrors(tokens.join(""))),
      { numRuns: 2000 },
    );
  });

  test("mutations of valid expressions", () => {
    fc.assert(
      fc.property(
        anyExpression,
        fc.nat(),
        fc.nat({ max: 3 }),
        token,
        (text, at, remove, insert) => {
          const i = text.length === 0 ? 0 : at % text.length;
          onlyParseErrors(text.slice(0, i) + insert + text.slice(i + remove));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
