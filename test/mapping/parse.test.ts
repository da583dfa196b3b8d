/**
 * Parsing, error messages and positions, canonical formatting, equivalence and the catalogue.
 */
import {
  canonicalizeTree,
  expressionsEquivalent,
  ExpressionParseError,
  formatExpression,
  listExpressionFunctions,
  MAX_EXPRESSION_LENGTH,
  MAX_NESTING_DEPTH,
  normalizeExpression,
  parseExpression,
  type AttributeMappingSource,
} from "../../src/mapping";

function parseError(text: string, strict = false): ExpressionParseError {
  try {
    parseExpression(text, { strict });
  } catch (e) {
    if (e instanceof ExpressionParseError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be rejected`);
}

const attr = (name: string): AttributeMappingSource => ({
  expression: `[${name}]`,
  name,
  parameters: [],
  type: "Attribute",
});
const constant = (value: string): AttributeMappingSource => ({
  expression: JSON.stringify(value),
  name: value,
  parameters: [],
  type: "Constant",
});

describe("parse error messages and positions", () => {
  test("a missing closing parenthesis is reported at the end of input", () => {
    const e = parseError('Append([userPrincipalName], ".test"');
    expect(e.message).toBe('Expected "," or ")" but found end of input at line 1, column 36');
    expect(e.stage).toBe("parse");
    expect(e.expected).toBe('"," or ")"');
    expect(e.found).toBe("end of input");
    expect(e.position).toEqual({ line: 1, column: 36, offset: 35 });
  });

  test("an unclosed attribute reference is a lex error that points back at its bracket", () => {
    const e = parseError('Append([userPrincipalName, ".test")');
    expect(e.stage).toBe("lex");
    expect(e.message).toBe(
      'Expected "]" but found end of input at line 1, column 36. The attribute reference opened at line 1, column 8 is not closed',
    );
  });

  test("an unterminated string names where it started", () => {
    const e = parseError('Append([a], ".test)');
    expect(e.stage).toBe("lex");
    expect(e.message).toBe(
      'Expected a closing quote (") but found end of input at line 1, column 20. The string opened at line 1, column 13 is not closed',
    );
  });

  test("unescaped inner quotes get a hint", () => {
    const e = parseError('"Company name: "Contoso""');
    expect(e.message).toBe(
      'Expected end of input but found "Contoso" at line 1, column 17. A double quote inside a string must be escaped as \\"',
    );
  });

  test("positions count lines and columns across line breaks (LF, CRLF)", () => {
    expect(parseError('Switch(\n  [a],\n  "d",\n  "k" "v")').position).toEqual({
      line: 4,
      column: 7,
      offset: 28,
    });
    expect(parseError('Join(",",\r\n  [a] [b])').position).toEqual({
      line: 2,
      column: 7,
      offset: 17,
    });
  });

  test("single and smart quotes are rejected while lexing", () => {
    const e = parseError("Append([a], 'x')");
    expect(e.stage).toBe("lex");
    expect(e.message).toBe(
      `Expected a double-quoted string but found "'" at line 1, column 13. Strings are written with straight double quotes ("...")`,
    );
    expect(parseError("Append([a], \u201cx\u201d)").found).toBe('"\u201c"');
  });

  test("AND, OR and & are rejected with advice", () => {
    expect(parseError('IIF([a]="1" AND [b]="2","x","y")').message).toBe(
      'Expected "," or ")" but found "AND" at line 1, column 13. AND is not supported; nest IIF calls instead',
    );
    expect(parseError('IIF([a]="1","t-" & [b],[b])').hint).toBe(
      'The "&" operator is not supported; use Join("", a, b) or Append(a, b)',
    );
  });

  test("empty expressions and empty attribute names", () => {
    expect(parseError("").message).toBe(
      "Expected an expression but found end of input at line 1, column 1. The expression is empty",
    );
    expect(parseError("   ").position.column).toBe(4);
    expect(parseError("[]").message).toBe(
      "Expected an attribute name inside [ ] but found attribute [] at line 1, column 1",
    );
  });

  test("chained comparisons are rejected", () => {
    expect(parseError("[a]=[b]=[c]").message).toBe(
      'Expected end of input but found "=" at line 1, column 8. Only one comparison is allowed per value',
    );
  });

  test("unknown functions suggest the closest name", () => {
    const e = parseError('Joinn(" ", [a], [b])');
    expect(e.stage).toBe("validate");
    expect(e.message).toBe(
      'Expected a known function name but found "Joinn" at line 1, column 1. Did you mean Join?',
    );
  });

  test("argument counts are checked with the signature", () => {
    expect(parseError("Mid([displayName], 1)").message).toBe(
      "Expected 3 arguments for Mid(source, start, length) but found 2 at line 1, column 21",
    );
    expect(parseError("Mid([a], 1, 2, 3)").message).toBe(
      "Expected 3 arguments for Mid(source, start, length) but found 4 at line 1, column 16",
    );
    expect(parseError('Switch([state], "Australia/Sydney", "NSW")').hint).toContain(
      "keys and values come in pairs",
    );
    expect(parseError('Switch([a], "d", "k1", "v1", "k2")').message).toBe(
      'Expected a value after the key "k2" but found ")" at line 1, column 1. Switch takes (source, defaultValue, key1, value1, key2, value2, ...): keys and values come in pairs',
    );
  });

  test("required parameters cannot be left empty", () => {
    expect(parseError('Append(, ".test")').message).toBe(
      "Expected a value for source in Append(source, suffix) but found an empty argument at line 1, column 8. source is required",
    );
  });

  test("SelectUniqueValue must be the outermost call and needs two rules", () => {
    expect(parseError('Append(SelectUniqueValue([a], [b]), "x")').message).toContain(
      "Expected SelectUniqueValue as the outermost function but found it inside Append at line 1, column 8",
    );
    expect(parseError("SelectUniqueValue([a])").expected).toContain("at least 2 arguments");
  });

  test("keywords are checked", () => {
    expect(parseError('IIF(True, "a", "b")').hint).toBe(
      'Booleans are the strings "True" and "False"; write "True"',
    );
    expect(parseError("Append([a], foo)").stage).toBe("validate");
    expect(parseError('Join(" ", IgnoreAttributeFlow)').hint).toBe(
      "IgnoreAttributeFlow can only be the result of the expression or of an IIF or Switch branch",
    );
    expect(parseError('InStr([a], "b", 1, UTF8)').hint).toBe(
      "UTF8 is only valid as ConvertFromBase64's encoding",
    );
    expect(parseError("Guid").message).toBe(
      'Expected "(" after the function name Guid but found no argument list at line 1, column 1. Call it as Guid()',
    );
  });

  test("constant arguments are validated where they are known", () => {
    expect(parseError('DateAdd("dd", 1, Now())').position.column).toBe(9);
    expect(parseError("Mid([a], 0, 2)").message).toBe(
      "Expected start of at least 1 but found 0 at line 1, column 10",
    );
    expect(parseError('Replace([a], , "(abc", , "x", , )').hint).toBe(
      "Not enough )'s (at pattern offset 4)",
    );
    expect(parseError('Replace([a], , "(?<x>a)", "y", "z", , )').message).toContain(
      "Expected a group of the pattern (x)",
    );
    expect(parseError('Replace([a], "x", , , , , )').expected).toBe(
      "a replacementValue or a template after oldValue",
    );
    expect(parseError('ToLower([a], "not a culture!")').stage).toBe("validate");
    expect(parseError('CDate("2020-02-30")').stage).toBe("validate");
    expect(parseError('FormatDateTime([a], "Bogus", "a", "b")').stage).toBe("validate");
    expect(parseError("RandomString(300,3,0,0,3)").message).toBe(
      "Expected Length of at most 256 but found 300 at line 1, column 14",
    );
    expect(parseError("RandomString(4,3,0,0,3)").expected).toBe(
      "minimum counts that add up to at most Length (4)",
    );
  });

  test("the 10,000-character limit", () => {
    const ok = `Join("", "${"a".repeat(MAX_EXPRESSION_LENGTH - 12)}")`;
    expect(ok).toHaveLength(10_000);
    expect(() => parseExpression(ok)).not.toThrow();
    const e = parseError(ok + " ");
    expect(e.stage).toBe("lex");
    expect(e.message).toBe(
      "Expected at most 10000 characters but found 10001 characters at line 1, column 10001. Entra rejects attribute-mapping expressions longer than 10,000 characters",
    );
  });

  test("nesting deeper than the limit is a parse error, not a stack overflow", () => {
    const deep = (n: number) => "Not(".repeat(n) + "[a]" + ")".repeat(n);
    expect(() => parseExpression(deep(MAX_NESTING_DEPTH))).not.toThrow();
    expect(parseError(deep(MAX_NESTING_DEPTH + 1)).expected).toBe(
      `at most ${MAX_NESTING_DEPTH} nested function calls`,
    );
  });

  test("the error is an Error with the documented shape", () => {
    const e = parseError("Mid(");
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("ExpressionParseError");
    expect(Object.keys(e.position).sort()).toEqual(["column", "line", "offset"]);
  });
});

describe("strict mode", () => {
  test("unknown escapes are lex errors", () => {
    const e = parseError('Append("C:\\Temp", "x")', true);
    expect(e.stage).toBe("lex");
    expect(e.message).toBe(
      'Expected an escape sequence (\\" or \\\\) but found "\\\\T" at line 1, column 11. Only \\" and \\\\ are escapes in expression strings; write \\\\ for a literal backslash',
    );
  });

  test("non-canonical function names are validation errors", () => {
    expect(parseError('switch([a], "d", "k", "v")', true).message).toBe(
      'Expected the function name spelled Switch but found "switch" at line 1, column 1. Function names are case-sensitive in strict mode',
    );
  });

  test("the lenient default canonicalizes casing and keeps unknown escapes", () => {
    expect(parseExpression('switch([a], "d", "k", "v")').name).toBe("Switch");
    expect(parseExpression('instr([a], "b", 1, VBTEXTCOMPARE)').expression).toBe(
      'InStr([a], "b", 1, vbTextCompare)',
    );
    expect(parseExpression('"\\+1"').name).toBe("\\+1");
    expect(normalizeExpression('"\\+1"')).toBe('"\\\\+1"');
  });
});

describe("trees", () => {
  test("Join repeats its source key", () => {
    expect(parseExpression('Join(" ", [givenName], [surname])')).toStrictEqual({
      expression: 'Join(" ", [givenName], [surname])',
      name: "Join",
      parameters: [
        { key: "separator", value: constant(" ") },
        { key: "source", value: attr("givenName") },
        { key: "source", value: attr("surname") },
      ],
      type: "Function",
    });
  });

  test("Switch uses source, defaultValue and repeated switchValue; an omitted default disappears", () => {
    const tree = parseExpression('Switch([Active], , "1", "False", "0", "True")');
    expect(tree.parameters.map((p) => p.key)).toEqual([
      "source",
      "switchValue",
      "switchValue",
      "switchValue",
      "switchValue",
    ]);
    // Integer constants are written bare in argument position, as Graph writes Mid([x], 1, 8).
    expect(tree.expression).toBe('Switch([Active], , 1, "False", 0, "True")');
  });

  test("numbers and hex literals become string constants", () => {
    const mid = parseExpression('Mid([x], "1", 2)');
    expect(mid.expression).toBe("Mid([x], 1, 2)");
    expect(mid.parameters[1].value).toStrictEqual(constant("1"));
    const bit = parseExpression("BitAnd(&HF, &HF7)");
    expect(bit.parameters.map((p) => p.value.name)).toEqual(["15", "247"]);
    expect(bit.expression).toBe("BitAnd(15, 247)");
    expect(parseExpression("DateFromNum(129699324000000000)").parameters[0].value.name).toBe(
      "129699324000000000",
    );
    expect(parseExpression("-10").expression).toBe('"-10"');
  });

  test("keywords are Constant nodes whose expression is the bare keyword", () => {
    const tree = parseExpression('InStr("repEated","e",3,vbBinaryCompare)');
    expect(tree.parameters[3]).toStrictEqual({
      key: "compareType",
      value: {
        expression: "vbBinaryCompare",
        name: "vbBinaryCompare",
        parameters: [],
        type: "Constant",
      },
    });
    expect(tree.expression).toBe('InStr("repEated", "e", 3, vbBinaryCompare)');
  });

  test("comparisons are Function nodes named by the operator with left and right", () => {
    const tree = parseExpression('IIF([country]="USA",[country],[department])');
    expect(tree.parameters.map((p) => p.key)).toEqual(["condition", "valueIfTrue", "valueIfFalse"]);
    expect(tree.parameters[0].value).toStrictEqual({
      expression: '[country] = "USA"',
      name: "=",
      parameters: [
        { key: "left", value: attr("country") },
        { key: "right", value: constant("USA") },
      ],
      type: "Function",
    });
    expect(tree.expression).toBe('IIF([country] = "USA", [country], [department])');
  });

  test("FormatDateTime's 3- and 4-argument forms give the same tree and canonical text", () => {
    const four = parseExpression('FormatDateTime([d], , "yyyyMMdd", "yyyy-MM-dd")');
    const three = parseExpression('FormatDateTime([d], "yyyyMMdd", "yyyy-MM-dd")');
    expect(three).toStrictEqual(four);
    expect(four.parameters.map((p) => p.key)).toEqual(["source", "inputFormat", "outputFormat"]);
    expect(four.expression).toBe('FormatDateTime([d], , "yyyyMMdd", "yyyy-MM-dd")');
    const styled = parseExpression(
      'FormatDateTime([d], "AssumeUniversal", "yyyyMMdd", "yyyy-MM-dd")',
    );
    expect(styled.parameters.map((p) => p.key)).toEqual([
      "source",
      "dateTimeStyles",
      "inputFormat",
      "outputFormat",
    ]);
  });

  test("fixed-arity functions are padded to every declared slot; F( ) has no arguments", () => {
    expect(normalizeExpression('Replace([preferredLanguage],"-",,,"_",,)')).toBe(
      'Replace([preferredLanguage], "-", , , "_", , )',
    );
    expect(normalizeExpression("ToLower([mail])")).toBe("ToLower([mail], )");
    expect(normalizeExpression('InStr([upn], "@partners") > 0')).toBe(
      'InStr([upn], "@partners", , ) > 0',
    );
    expect(normalizeExpression("Guid( )")).toBe("Guid()");
    expect(normalizeExpression("SelectUniqueValue (\n [a],\t[b])")).toBe(
      "SelectUniqueValue([a], [b])",
    );
  });

  test("string constants are re-escaped", () => {
    const tree = parseExpression('"Company name: \\"Contoso\\" C:\\\\x"');
    expect(tree.name).toBe('Company name: "Contoso" C:\\x');
    expect(tree.expression).toBe('"Company name: \\"Contoso\\" C:\\\\x"');
  });

  test("attribute names keep every character up to the closing bracket", () => {
    const name = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department";
    expect(parseExpression(`[${name}]`).name).toBe(name);
    expect(parseExpression("[passwordProfile.password]").name).toBe("passwordProfile.password");
  });
});

describe("formatExpression", () => {
  test("formats trees read from Graph without expression members", () => {
    expect(
      formatExpression({
        name: "Mid",
        type: "Function",
        parameters: [
          { key: "source", value: { name: "userPrincipalName", type: "Attribute" } },
          { key: "start", value: { name: "1", type: "Constant" } },
          { key: "length", value: { name: "8", type: "Constant" } },
        ],
      }),
    ).toBe("Mid([userPrincipalName], 1, 8)");
    expect(formatExpression({ name: "extensionAttribute10" })).toBe("[extensionAttribute10]");
  });

  test("places parameters by key, whatever their order", () => {
    expect(
      formatExpression({
        name: "Replace",
        type: "Function",
        parameters: [
          { key: "Replacement", value: { name: "_", type: "Constant" } },
          { key: "source", value: { name: "preferredLanguage", type: "Attribute" } },
          { key: "Find", value: { name: "-", type: "Constant" } },
        ],
      }),
    ).toBe('Replace([preferredLanguage], "-", , , "_", , )');
  });

  test("a Constant is a keyword only when its expression says so", () => {
    expect(
      formatExpression({
        name: "IgnoreObjectFlow",
        type: "Constant",
        expression: "IgnoreObjectFlow",
      }),
    ).toBe("IgnoreObjectFlow");
    expect(formatExpression({ name: "IgnoreObjectFlow", type: "Constant" })).toBe(
      '"IgnoreObjectFlow"',
    );
  });

  test("rejects trees without a text form", () => {
    expect(() => formatExpression({ name: "a]b", type: "Attribute" })).toThrow(TypeError);
    expect(() => formatExpression({ name: "", type: "Attribute" })).toThrow(
      "an attribute name cannot be empty",
    );
    expect(() =>
      formatExpression({
        name: "Mid",
        type: "Function",
        parameters: [{ key: "oldValue", value: { name: "x" } }],
      }),
    ).toThrow(
      'formatExpression: tree: Mid has no parameter with key "oldValue" (keys: source, start, length)',
    );
    expect(() => formatExpression({ name: "x", type: "Weird" as "Attribute" })).toThrow(
      "unknown node type",
    );
  });

  test("unknown functions keep their parameters in order (parsing then rejects them)", () => {
    const text = formatExpression({
      name: "FutureFunction",
      type: "Function",
      parameters: [{ key: "source", value: { name: "mail" } }],
    });
    expect(text).toBe("FutureFunction([mail])");
    expect(() => parseExpression(text)).toThrow(ExpressionParseError);
  });

  test("canonicalizeTree fills in expressions", () => {
    expect(
      canonicalizeTree({
        name: "Not",
        type: "Function",
        parameters: [{ key: "source", value: { name: "x" } }],
      }),
    ).toStrictEqual({
      expression: "Not([x])",
      name: "Not",
      parameters: [{ key: "source", value: attr("x") }],
      type: "Function",
    });
  });
});

describe("expressionsEquivalent and normalizeExpression", () => {
  test.each([
    ["Mid([upn],1,8)", 'Mid([upn], "1", "8")'],
    ['Replace([a],"-",,,"_",,)', 'Replace([a], "-", , , "_", , )'],
    ['switch([a],"d","k","v")', 'Switch([a], "d", "k", "v")'],
    ["BitAnd(&HF, 1)", "BitAnd(15, 1)"],
    ['IIF([a]="x","y","z")', 'IIF( [a] = "x" , "y" , "z" )'],
    ["ToLower([a], )", "ToLower([a])"],
  ])("%s ≡ %s", (a, b) => {
    expect(expressionsEquivalent(a, b)).toBe(true);
  });

  test.each([
    ["Mid([upn],1,8)", "Mid([upn],1,9)"],
    ['Join(",", [a], [b])', 'Join(",", [b], [a])'],
    ["[mail]", "[Mail]"],
    ['"vbTextCompare"', "vbTextCompare"],
    ["Mid(", "Mid("],
  ])("%s ≢ %s", (a, b) => {
    expect(expressionsEquivalent(a, b)).toBe(false);
  });
});

describe("function catalogue", () => {
  const catalogue = listExpressionFunctions();
  const byName = new Map(catalogue.map((f) => [f.name, f]));

  test("lists every documented function", () => {
    for (const name of [
      "Append",
      "AppRoleAssignmentsComplex",
      "AssertiveAppRoleAssignmentsComplex",
      "BitAnd",
      "CBool",
      "CDate",
      "Coalesce",
      "ConvertToBase64",
      "ConvertToUTF8Hex",
      "Count",
      "CStr",
      "DateAdd",
      "DateDiff",
      "DateFromNum",
      "FormatDateTime",
      "Guid",
      "IgnoreFlowIfNullOrEmpty",
      "IIF",
      "InStr",
      "IsNull",
      "IsNullOrEmpty",
      "IsPresent",
      "IsString",
      "Item",
      "Join",
      "Left",
      "Mid",
      "NormalizeDiacritics",
      "Not",
      "Now",
      "NumFromDate",
      "PCase",
      "RandomString",
      "Redact",
      "RemoveDuplicates",
      "Replace",
      "SelectUniqueValue",
      "SingleAppRoleAssignment",
      "Split",
      "StripSpaces",
      "Switch",
      "ToLower",
      "ToUpper",
      "Word",
      // Graph schema, cross-tenant sync and Cloud Sync
      "AppRoleAssignments",
      "DefaultDomain",
      "IsNothing",
      "Prepend",
      "AltSecIdFromNetId",
      "Trim",
      "ConvertFromBase64",
      "DNComponent",
      "Error",
      "StringFromSid",
    ]) {
      expect(byName.has(name)).toBe(true);
    }
  });

  test("uses Graph's published parameter keys", () => {
    const schema: Record<string, string[]> = {
      Append: ["source", "suffix"],
      DefaultDomain: [],
      AppRoleAssignments: ["source"],
      IsNothing: ["source"],
      Join: ["separator", "source"],
      Prepend: ["prefix", "source"],
      Mid: ["source", "start", "length"],
      Not: ["source"],
      Replace: [
        "source",
        "Find",
        "RegularExpression",
        "RegularExpressionGroupName",
        "Replacement",
        "ReplacementPropertyName",
        "Template",
      ],
      SingleAppRoleAssignment: ["source"],
      Split: ["source", "delimiter"],
      StripSpaces: ["source"],
      Switch: ["source", "defaultValue", "switchValue"],
    };
    for (const [name, keys] of Object.entries(schema)) {
      const info = byName.get(name);
      expect(info?.parameters.map((p) => p.key)).toEqual(keys);
      expect(info?.parameters.every((p) => p.keySource === "graph-schema")).toBe(true);
    }
    expect(byName.get("FormatDateTime")?.parameters.map((p) => p.key)).toEqual([
      "source",
      "dateTimeStyles",
      "inputFormat",
      "outputFormat",
    ]);
  });

  test("reports arity and repetition", () => {
    expect(byName.get("Join")).toMatchObject({ minArguments: 2, maxArguments: null });
    expect(byName.get("Mid")).toMatchObject({ minArguments: 3, maxArguments: 3 });
    expect(byName.get("Replace")).toMatchObject({ minArguments: 1, maxArguments: 7 });
    expect(byName.get("SelectUniqueValue")).toMatchObject({
      minArguments: 2,
      maxArguments: null,
      topLevelOnly: true,
    });
    expect(byName.get("Switch")?.parameters[2]).toMatchObject({
      key: "switchValue",
      repeatable: true,
      required: false,
    });
    expect(byName.get("InStr")?.parameters[3].keywords).toEqual([
      "vbBinaryCompare",
      "vbTextCompare",
    ]);
  });

  test("returns fresh objects", () => {
    const first = listExpressionFunctions();
    (first[0].parameters as unknown[]).length = 0;
    expect(listExpressionFunctions()[0].parameters.length).toBeGreaterThan(0);
  });
});
