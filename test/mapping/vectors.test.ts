/**
 * Every vector of the reference fixture (test/fixtures/reference/expression-vectors.json) as its own test case, plus the
 * real Graph trees. Where the reference is ambiguous, the decided behaviour is asserted and the
 * decision is recorded in decisions/0002-expression-language.md.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  canonicalizeTree,
  evaluateExpression,
  ExpressionEvaluationError,
  ExpressionParseError,
  formatExpression,
  parseExpression,
  type AttributeMappingSourceInput,
  type EvaluationResult,
} from "../../src/mapping";

const VECTORS_PATH = path.join(__dirname, "../fixtures/reference/expression-vectors.json");

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Vector {
  id: string;
  kind: "eval" | "error" | "parseOk";
  expression: string;
  input?: Record<string, string | string[]>;
  expected?: Json;
  expectedPattern?: string;
  now?: string;
  existingInTarget?: string[];
  alternatives?: Json[];
  confidence?: "high" | "medium" | "low";
  stage?: "lex" | "parse" | "validate";
}

interface TreeCase {
  expression: string | null;
  tree: AttributeMappingSourceInput;
  evaluation?: { input: Record<string, string>; evaluationResult: string[] };
}

const data = JSON.parse(fs.readFileSync(VECTORS_PATH, "utf8")) as {
  vectors: Vector[];
  trees: TreeCase[];
};

/**
 * Low-confidence vectors where the implementation follows one of the listed alternatives
 * (decisions/0002-expression-language.md says why). The test asserts the decided value.
 */
const DECIDED_ALTERNATIVES: Record<string, { value: Json; decision: string }> = {
  "fn-split-1": {
    value: ["PermissionSetOne", " PermissionSetTwo"],
    decision:
      "Split behaves like .NET String.Split and does not trim (decision: Split does not trim)",
  },
  "sf-pref-2": {
    value: "Smith",
    decision: 'Coalesce skips NULL only, not "" (decision: Coalesce and empty strings)',
  },
};

/** Error vectors that are only errors in strict mode (decisions/0002: unknown escapes). */
const STRICT_MODE_ERRORS: Record<string, string> = {
  "err-20":
    'unknown escapes are kept literally by default (Workday\'s "\\+" example) and rejected in strict mode',
};

const evalVectors = data.vectors.filter((v) => v.kind === "eval");
const errorVectors = data.vectors.filter((v) => v.kind === "error");
const parseOkVectors = data.vectors.filter((v) => v.kind === "parseOk");

function evaluate(v: Vector): EvaluationResult {
  const existing = new Set(v.existingInTarget ?? []);
  return evaluateExpression(v.expression, v.input ?? {}, {
    now: v.now === undefined ? undefined : new Date(v.now),
    isUnique: v.existingInTarget === undefined ? undefined : (value) => !existing.has(value),
    randomSeed: 42,
  });
}

function expectValue(result: EvaluationResult, expected: Json): void {
  expect(result.kind).toBe("value");
  if (result.kind !== "value") return;
  if (typeof expected === "number") {
    // Integers beyond 2^53 (FILETIME values) come back as decimal strings; compare as text.
    expect(["number", "string"]).toContain(typeof result.value);
    expect(String(result.value)).toBe(String(expected));
  } else {
    expect(result.value).toEqual(expected);
  }
}

describe("reference vectors: evaluation", () => {
  test("the reference file has the expected vector counts", () => {
    expect(data.vectors).toHaveLength(266);
    expect(evalVectors).toHaveLength(228);
    expect(errorVectors).toHaveLength(24);
    expect(parseOkVectors).toHaveLength(14);
  });

  test.each(evalVectors.map((v) => [v.id, v] as const))("eval %s", (_id, v) => {
    const decided = DECIDED_ALTERNATIVES[v.id];
    if (decided) {
      expect(v.confidence).toBe("low");
      expect(v.alternatives).toContainEqual(decided.value);
      expectValue(evaluate(v), decided.value);
      return;
    }
    const expected = v.expected as Json;
    if (v.expectedPattern !== undefined) {
      const result = evaluate(v);
      expect(result.kind).toBe("value");
      expect(result.kind === "value" && typeof result.value === "string").toBe(true);
      if (result.kind === "value") expect(result.value).toMatch(new RegExp(v.expectedPattern));
      return;
    }
    if (expected !== null && typeof expected === "object" && !Array.isArray(expected)) {
      if ("$ignoreFlow" in expected) {
        expect(evaluate(v)).toEqual({ kind: "ignoreFlow" });
      } else if ("$keyword" in expected) {
        expect(evaluate(v)).toEqual({ kind: "keyword", name: expected.$keyword });
      } else if ("$error" in expected) {
        let error: unknown;
        try {
          evaluate(v);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(ExpressionEvaluationError);
        const failure = error as ExpressionEvaluationError;
        const text = String(expected.$error);
        if (text === "escrow") {
          expect(failure.code).toBe("escrow");
        } else if (text.startsWith("Error(")) {
          expect(failure.code).toBe("customError");
          expect(failure.message).toContain(JSON.parse(text.slice("Error(".length, -1)) as string);
        } else {
          // "evaluation": the failure mode is undocumented; a NULL comparison fails.
          expect(failure.code).toBe("nullComparison");
        }
      } else {
        throw new Error(`unknown special value in ${v.id}`);
      }
      return;
    }
    expectValue(evaluate(v), expected);
  });
});

describe("reference vectors: rejected expressions", () => {
  test.each(errorVectors.map((v) => [v.id, v] as const))("error %s", (id, v) => {
    const strict = id in STRICT_MODE_ERRORS;
    let error: unknown;
    try {
      parseExpression(v.expression, { strict });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExpressionParseError);
    expect((error as ExpressionParseError).name).toBe("ExpressionParseError");
    expect((error as ExpressionParseError).stage).toBe(v.stage);
  });

  test("err-20 parses in the default (lenient) mode and keeps the unknown escape", () => {
    const v = errorVectors.find((x) => x.id === "err-20") as Vector;
    const tree = parseExpression(v.expression);
    expect(tree.parameters[0].value.name).toBe("C:\\Temp");
  });
});

describe("reference vectors: expressions that must parse", () => {
  test.each(parseOkVectors.map((v) => [v.id, v] as const))("parseOk %s", (_id, v) => {
    const tree = parseExpression(v.expression);
    expect(tree.type).toBeDefined();
    // The canonical text parses to the same tree.
    expect(parseExpression(tree.expression)).toEqual(tree);
  });
});

/**
 * Two trees cannot equal parseExpression's output exactly: the Graph docs show them abbreviated.
 * They are checked through canonicalizeTree instead.
 */
const ABBREVIATED_TREES: Array<{ expression: string | null; reason: string; canonical: unknown }> =
  [
    {
      expression: "[mail]",
      reason:
        "the simple-mapping doc example omits `parameters`; Graph's own responses (the other [mail] tree) carry `parameters: []`, so one parse result cannot equal both",
      canonical: { expression: "[mail]", name: "mail", parameters: [], type: "Attribute" },
    },
    {
      expression: null,
      reason: "a schema PUT input with no expression text at all",
      canonical: {
        expression: "[extensionAttribute10]",
        name: "extensionAttribute10",
        parameters: [],
        type: "Attribute",
      },
    },
  ];

function isAbbreviated(tree: AttributeMappingSourceInput): boolean {
  return (
    typeof tree.expression !== "string" ||
    !Array.isArray(tree.parameters) ||
    tree.parameters.some((p) => isAbbreviated(p.value))
  );
}

describe("reference trees from Graph", () => {
  test("exactly the listed trees are abbreviated", () => {
    expect(data.trees).toHaveLength(12);
    const abbreviated = data.trees.filter((t) => isAbbreviated(t.tree));
    expect(abbreviated.map((t) => t.expression)).toEqual(
      ABBREVIATED_TREES.map((t) => t.expression),
    );
  });

  const complete = data.trees
    .map((t, i) => [i, t.expression, t] as const)
    .filter(([, , t]) => !isAbbreviated(t.tree));

  test.each(complete)(
    "tree %d: parseExpression(%j) equals Graph's tree exactly",
    (_i, expression, t) => {
      expect(parseExpression(expression as string)).toStrictEqual(t.tree);
    },
  );

  test.each(complete)(
    "tree %d: %j formats and re-parses to the same tree",
    (_i, _expression, t) => {
      const text = formatExpression(t.tree);
      expect(text).toBe(t.expression);
      expect(parseExpression(text)).toStrictEqual(t.tree);
    },
  );

  test.each(ABBREVIATED_TREES.map((a) => [a.expression, a] as const))(
    "abbreviated tree %j canonicalizes (%#)",
    (expression, a) => {
      const t = data.trees.find((x) => x.expression === expression) as TreeCase;
      expect(canonicalizeTree(t.tree)).toStrictEqual(a.canonical);
      if (expression !== null) expect(parseExpression(expression)).toStrictEqual(a.canonical);
      expect(a.reason).not.toBe("");
    },
  );

  test("the Replace tree evaluates like Graph's parseExpression response", () => {
    const t = data.trees.find((x) => x.evaluation) as TreeCase;
    const evaluation = t.evaluation as NonNullable<TreeCase["evaluation"]>;
    const result = evaluateExpression(t.tree, evaluation.input);
    expect(result).toEqual({ kind: "value", value: evaluation.evaluationResult[0] });
  });
});
