import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { didYouMean } from "./suggest";

/**
 * Turns zod's issues into check failures a user can act on (decisions/0087): one path format
 * everywhere (`mappings[0].expression`), the resource and the path in every message, and a fix in
 * place of zod's generic text ("Invalid input: expected number, received string").
 */

/** `mappings[0].expression` from `["mappings", 0, "expression"]`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else text += text ? `.${String(part)}` : String(part);
  }
  return text;
}

interface SchemaDef {
  type?: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  in?: unknown;
}

function defOf(schema: unknown): SchemaDef {
  return ((schema as { _zod?: { def?: SchemaDef } } | undefined)?._zod?.def ?? {}) as SchemaDef;
}

/** The object schema's property names at a path: what an unknown key could have meant. */
export function knownKeysAt(schema: unknown, path: ReadonlyArray<PropertyKey>): string[] {
  let current = unwrap(schema);
  for (const part of path) {
    const def = defOf(current);
    if (typeof part === "number" && def.type === "array") current = unwrap(def.element);
    else if (def.type === "object" && def.shape) current = unwrap(def.shape[String(part)]);
    else return [];
  }
  const shape = defOf(current).shape;
  return shape ? Object.keys(shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType !== undefined) current = def.innerType;
    else if (def.type === "pipe" && def.in !== undefined) current = def.in;
    else return current;
  }
}

/** How a value reads in a message: its JSON type, as a program author would name it. */
function kindOf(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `a ${typeof value} (${JSON.stringify(value)})`;
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
};

/** Messages zod writes itself; ours (set in the schemas) already say the fix. */
const GENERIC =
  /^(Invalid (input|option|string|element|key|value)|Too (big|small)|Unrecognized key)/;

function fixFor(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type": {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (value === undefined) return `is required: set it to ${expected}.`;
      const quoted =
        typeof value === "string" && (issue.expected === "number" || issue.expected === "int")
          ? " (write the number without quotes)"
          : "";
      return `must be ${expected}, not ${kindOf(value)}${quoted}; change the value.`;
    }
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, not ${kindOf(value)}.`;
    case "too_big":
      return `must be at most ${String(issue.maximum)}${issue.origin === "string" ? " characters" : issue.origin === "array" ? " entries" : ""}.`;
    case "too_small":
      return issue.origin === "string" && Number(issue.minimum) === 1
        ? "must not be empty."
        : `must be at least ${String(issue.minimum)}${issue.origin === "string" ? " characters" : issue.origin === "array" ? " entries" : ""}.`;
    default:
      return `${issue.message}.`;
  }
}

/**
 * Check failures for one zod issue. Unknown keys give one failure per key, at the key's own path,
 * with the closest property name of that object.
 */
export function failuresOfIssue(
  resource: string,
  schema: unknown,
  issue: z.core.$ZodIssue,
  value: unknown,
): pulumi.dynamic.CheckFailure[] {
  if (issue.code === "unrecognized_keys") {
    const known = knownKeysAt(schema, issue.path);
    return issue.keys.map((key) => {
      const path = formatPath([...issue.path, key]);
      const hint = didYouMean(key, known);
      return {
        property: path,
        reason: `${resource}: ${path}: '${key}' is not a property of ${resource} here.${hint} Correct or remove it${known.length ? ` (known here: ${known.join(", ")})` : ""}.`,
      };
    });
  }
  const path = formatPath(issue.path) || "(inputs)";
  const message = GENERIC.test(issue.message)
    ? fixFor(issue, value)
    : `${withoutLeadingName(issue.message, path)}.`;
  return [
    {
      property: path,
      reason: `${resource}: ${path}: ${message}`.replace(/\.\.$/, "."),
    },
  ];
}

/**
 * Our own schema messages start with the property's name ("crossCloud must be true or false");
 * the path already names it, so it is said once.
 */
function withoutLeadingName(message: string, path: string): string {
  const name = path.split(/[.[]/).pop() ?? path;
  for (const prefix of [`${path} `, `${name} `]) {
    if (message.startsWith(prefix)) return message.slice(prefix.length);
  }
  return message;
}
