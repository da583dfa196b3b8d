/**
 * Scoping filters of an object mapping (decisions/reference/graph-cts.md §5.7 `filter`): OR across filter groups, AND
 * across the clauses of a group; an empty list lets everything through. Operators follow the Entra
 * provisioning docs (string comparisons are case-sensitive); a multi-valued attribute passes an
 * "All" operator when every value passes and the "Any" operator (Includes) when one does.
 * Clauses are compiled once per cycle.
 */
import type { ExpressionSource } from "../mapping";
import { compileDotNetRegex } from "../mapping/dotnet/regex";

export interface FilterClause {
  operatorName: string;
  sourceOperandName: string;
  targetOperand?: { values?: string[] } | null;
}

export interface FilterGroup {
  name: string;
  clauses: FilterClause[];
}

export interface ClauseResult {
  /** As the provisioning logs write it: `Filter external users.alternativeSecurityIds EQUALS 'None'`. */
  label: string;
  passed: boolean;
}

export interface FilterVerdict {
  passed: boolean;
  clauses: ClauseResult[];
  /** The first clause that failed, when the filter failed. */
  failed?: string;
}

type ValueTest = (value: string) => boolean;

interface Operator {
  /** Result for a NULL (absent or empty) attribute. */
  whenNull: boolean;
  /** Whether one passing value of a multi-valued attribute is enough. */
  any?: boolean;
  test(operand: readonly string[]): ValueTest;
}

function number(text: string): number {
  const numeric = Number(text);
  return Number.isNaN(numeric) ? Date.parse(text) : numeric;
}

function regexTest(pattern: string | undefined): ValueTest {
  try {
    const regex = compileDotNetRegex(pattern ?? "").first;
    return (value) => regex.test(value);
  } catch {
    // An untranslatable pattern matches nothing, as a clause that cannot be evaluated fails.
    return () => false;
  }
}

const OPERATORS: Record<string, Operator> = {
  EQUALS: { whenNull: false, test: (operand) => (value) => operand.includes(value) },
  "NOT EQUALS": { whenNull: true, test: (operand) => (value) => !operand.includes(value) },
  "IS TRUE": { whenNull: false, test: () => (value) => value.toLowerCase() === "true" },
  "IS FALSE": { whenNull: false, test: () => (value) => value.toLowerCase() === "false" },
  "IS NULL": { whenNull: true, test: () => (value) => value === "" },
  "IS NOT NULL": { whenNull: false, test: () => (value) => value !== "" },
  "REGEX MATCH": { whenNull: false, test: (operand) => regexTest(operand[0]) },
  "NOT REGEX MATCH": {
    whenNull: true,
    test: (operand) => {
      const matches = regexTest(operand[0]);
      return (value) => !matches(value);
    },
  },
  Greater_Than: {
    whenNull: false,
    test: (operand) => (value) => number(value) > number(operand[0] ?? ""),
  },
  Greater_Than_OR_EQUALS: {
    whenNull: false,
    test: (operand) => (value) => number(value) >= number(operand[0] ?? ""),
  },
  Includes: {
    whenNull: false,
    any: true,
    test: (operand) => (value) => operand.some((part) => value.includes(part)),
  },
};

const UNARY = new Set(["IS TRUE", "IS FALSE", "IS NULL", "IS NOT NULL"]);

type CompiledClause = (source: ExpressionSource) => ClauseResult;

function compileClause(groupName: string, clause: FilterClause): CompiledClause {
  const operand = clause.targetOperand?.values ?? [];
  const operator = OPERATORS[clause.operatorName];
  const label = UNARY.has(clause.operatorName)
    ? `${groupName}.${clause.sourceOperandName} ${clause.operatorName}`
    : `${groupName}.${clause.sourceOperandName} ${clause.operatorName} '${operand.join("', '")}'`;
  if (!operator) {
    // Schema validation refuses unknown operators; a stored one simply never passes.
    return () => ({ label, passed: false });
  }
  const test = operator.test(operand);
  return (source) => {
    const raw = source[clause.sourceOperandName];
    const values = raw === undefined || raw === null ? [] : typeof raw === "string" ? [raw] : raw;
    const passed =
      values.length === 0
        ? operator.whenNull
        : operator.any
          ? values.some(test)
          : values.every(test);
    return { label, passed };
  };
}

/** Compiles filter groups into one test; no groups means everything passes. */
export function compileFilter(
  groups: readonly FilterGroup[] | null | undefined,
): (source: ExpressionSource) => FilterVerdict {
  const compiled = (groups ?? []).map((group) =>
    (group.clauses ?? []).map((clause) => compileClause(group.name, clause)),
  );
  if (compiled.length === 0) return () => ({ passed: true, clauses: [] });
  return (source) => {
    const clauses: ClauseResult[] = [];
    let passed = false;
    for (const group of compiled) {
      const results = group.map((clause) => clause(source));
      clauses.push(...results);
      if (results.every((result) => result.passed)) passed = true;
    }
    const failed = passed ? undefined : clauses.find((clause) => !clause.passed)?.label;
    return { passed, clauses, failed };
  };
}

/** Source attribute names the filter groups read. */
export function filterAttributes(groups: readonly FilterGroup[] | null | undefined): string[] {
  return (groups ?? []).flatMap((group) =>
    (group.clauses ?? []).map((clause) => clause.sourceOperandName),
  );
}
