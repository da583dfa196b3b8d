/**
 * OData helpers shared by Graph handlers: a small `$filter` evaluator, `$select`, `$expand`,
 * `$top` paging with `@odata.nextLink`, collection/entity envelopes, and request-body checks.
 * Only the subset the CTS endpoints need; anything else answers 400 like Graph does, so a
 * provider never relies on a query the real service would refuse.
 */
import { GraphError } from "../http/graphError";
import type { GraphRequestContext } from "../http/route";
import type { JsonObject } from "../world/types";

// ---------------------------------------------------------------------------------------------
// $filter
// ---------------------------------------------------------------------------------------------

/** What a collection allows in `$filter`: its Graph type name (for messages) and properties. */
export interface FilterSchema {
  /** Graph resource name as Graph's messages spell it, e.g. `User`, `ServicePrincipal`. */
  resource: string;
  /** Filterable property paths, e.g. `displayName`, `servicePrincipal/id`. */
  properties: readonly string[];
}

export type Predicate = (item: JsonObject) => boolean;

type Literal = string | number | boolean | null;
type Token =
  | { kind: "word"; text: string }
  | { kind: "string"; value: string }
  | { kind: "punct"; text: "(" | ")" | "," };

const COMPARISONS = ["eq", "ne", "gt", "ge", "lt", "le"] as const;
type Comparison = (typeof COMPARISONS)[number];

function invalidFilter(reason: string): GraphError {
  return new GraphError(400, "BadRequest", `Invalid filter clause: ${reason}`);
}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const ch = expression[i];
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === "'") {
      // OData escapes a quote inside a string literal by doubling it.
      let value = "";
      i += 1;
      for (;;) {
        if (i >= expression.length) throw invalidFilter("unterminated string literal.");
        if (expression[i] === "'") {
          if (expression[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        value += expression[i];
        i += 1;
      }
      tokens.push({ kind: "string", value });
    } else if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: "punct", text: ch });
      i += 1;
    } else {
      const match = /^[^\s(),']+/.exec(expression.slice(i));
      if (!match) throw invalidFilter(`unexpected character '${ch}'.`);
      tokens.push({ kind: "word", text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

function literalOf(token: Token | undefined): Literal {
  if (!token) throw invalidFilter("a value is missing after the operator.");
  if (token.kind === "string") return token.value;
  if (token.kind === "punct") throw invalidFilter(`unexpected '${token.text}'.`);
  const text = token.text;
  if (text === "true") return true;
  if (text === "false") return false;
  if (text === "null") return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  // Edm.Guid literals may be written unquoted.
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text)) return text;
  throw invalidFilter(`'${text}' is not a valid literal. Quote strings with single quotes.`);
}

/** Reads `a/b/c` from an object. */
export function valueAtPath(item: JsonObject, path: string): unknown {
  let current: unknown = item;
  for (const segment of path.split("/")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as JsonObject)[segment];
  }
  return current;
}

/** Directory string comparisons are case-insensitive in Entra. */
function normalize(value: unknown): unknown {
  return typeof value === "string" ? value.toLowerCase() : value;
}

function compare(actual: unknown, op: Comparison, expected: Literal): boolean {
  const a = normalize(actual ?? null);
  const b = normalize(expected);
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    default: {
      if (a === null || b === null || typeof a !== typeof b) return false;
      const x = a as string | number;
      const y = b as string | number;
      if (op === "gt") return x > y;
      if (op === "ge") return x >= y;
      if (op === "lt") return x < y;
      return x <= y;
    }
  }
}

/**
 * Compiles a `$filter` expression made of `prop eq|ne|gt|ge|lt|le literal` and
 * `startswith(prop, 'text')` clauses joined by `and`. Unknown properties answer Graph's
 * "Unsupported or invalid query filter clause" 400.
 */
export function compileFilter(expression: string, schema: FilterSchema): Predicate {
  const tokens = tokenize(expression);
  const clauses: Predicate[] = [];
  let i = 0;
  const checkProperty = (path: string) => {
    if (!schema.properties.includes(path)) {
      throw new GraphError(
        400,
        "Request_UnsupportedQuery",
        `Unsupported or invalid query filter clause specified for property '${path}' of resource '${schema.resource}'.`,
      );
    }
  };
  for (;;) {
    const head = tokens[i];
    if (!head || head.kind !== "word") throw invalidFilter("expected a property or function.");
    if (head.text.toLowerCase() === "startswith") {
      const [open, property, comma, value, close] = tokens.slice(i + 1, i + 6);
      if (
        open?.kind !== "punct" ||
        open.text !== "(" ||
        property?.kind !== "word" ||
        comma?.kind !== "punct" ||
        comma.text !== "," ||
        value?.kind !== "string" ||
        close?.kind !== "punct" ||
        close.text !== ")"
      ) {
        throw invalidFilter("startswith takes (property, 'text').");
      }
      checkProperty(property.text);
      const prefix = value.value.toLowerCase();
      const path = property.text;
      clauses.push((item) => {
        const actual = valueAtPath(item, path);
        return typeof actual === "string" && actual.toLowerCase().startsWith(prefix);
      });
      i += 6;
    } else {
      const opToken = tokens[i + 1];
      const op = opToken?.kind === "word" ? opToken.text.toLowerCase() : undefined;
      if (!op || !(COMPARISONS as readonly string[]).includes(op)) {
        throw invalidFilter(
          `expected one of ${COMPARISONS.join(", ")} after '${head.text}'; only simple comparisons joined by 'and' are supported.`,
        );
      }
      checkProperty(head.text);
      const expected = literalOf(tokens[i + 2]);
      const path = head.text;
      clauses.push((item) => compare(valueAtPath(item, path), op as Comparison, expected));
      i += 3;
    }
    if (i >= tokens.length) break;
    const joiner = tokens[i];
    if (joiner.kind !== "word" || joiner.text.toLowerCase() !== "and") {
      throw invalidFilter("clauses can only be joined with 'and'.");
    }
    i += 1;
  }
  return (item) => clauses.every((clause) => clause(item));
}

/** Applies the request's `$filter` (if any) to `items`. */
export function applyFilter<T extends JsonObject>(
  ctx: GraphRequestContext,
  items: readonly T[],
  schema: FilterSchema,
): T[] {
  const expression = ctx.query.get("$filter");
  if (expression === null || expression.trim() === "") return [...items];
  const predicate = compileFilter(expression, schema);
  return items.filter((item) => predicate(item));
}

// ---------------------------------------------------------------------------------------------
// $select and $expand
// ---------------------------------------------------------------------------------------------

function listParam(ctx: GraphRequestContext, name: string): string[] | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  return raw
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/** The `$select` list, or undefined when the request selects nothing. */
export function selectedProperties(ctx: GraphRequestContext): string[] | undefined {
  return listParam(ctx, "$select");
}

/**
 * Keeps only the selected properties (missing ones as null), plus `keys` (Graph always returns
 * the key) and `@odata.type` annotations.
 */
export function pick(
  item: JsonObject,
  select: readonly string[],
  keys: readonly string[] = ["id"],
): JsonObject {
  const result: JsonObject = {};
  if (item["@odata.type"] !== undefined) result["@odata.type"] = item["@odata.type"];
  for (const name of [...keys, ...select]) {
    if (name in result) continue;
    result[name] = item[name] ?? null;
  }
  return result;
}

/**
 * The `$expand` list, checked against the navigation properties the type has; anything else
 * answers Graph's "Could not find a property named" 400.
 */
export function expandedProperties(
  ctx: GraphRequestContext,
  allowed: readonly string[],
  typeName: string,
): Set<string> {
  const requested = listParam(ctx, "$expand") ?? [];
  for (const name of requested) {
    if (!allowed.includes(name)) {
      throw new GraphError(
        400,
        "BadRequest",
        `Could not find a property named '${name}' on type '${typeName}'.`,
      );
    }
  }
  return new Set(requested);
}

// ---------------------------------------------------------------------------------------------
// $top paging
// ---------------------------------------------------------------------------------------------

export interface PageOptions {
  /** Page size when the request has no `$top` (Graph's directory default is 100). */
  defaultPageSize?: number;
  /** Largest `$top` accepted (directory collections: 999). */
  maxPageSize?: number;
}

export interface Page<T> {
  items: T[];
  nextLink?: string;
}

function decodeSkipToken(token: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { o?: unknown };
    if (typeof decoded.o === "number" && Number.isInteger(decoded.o) && decoded.o >= 0) {
      return decoded.o;
    }
  } catch {
    // fall through to the error below
  }
  throw new GraphError(
    400,
    "Request_BadRequest",
    "Failed to read the page: the $skiptoken is not one this emulator issued. Follow @odata.nextLink as returned.",
  );
}

/**
 * Cuts one page out of `items` following `$top` and `$skiptoken`, and builds the
 * `@odata.nextLink` for the rest (same path and query with a new `$skiptoken`).
 */
export function paginate<T>(
  ctx: GraphRequestContext,
  items: readonly T[],
  options: PageOptions = {},
): Page<T> {
  const maxPageSize = options.maxPageSize ?? 999;
  const rawTop = ctx.query.get("$top");
  let pageSize = options.defaultPageSize ?? 100;
  if (rawTop !== null) {
    const top = Number(rawTop);
    if (!Number.isInteger(top) || top < 1 || top > maxPageSize) {
      throw new GraphError(
        400,
        "Request_BadRequest",
        `Invalid page size specified: '${rawTop}'. Must be between 1 and ${maxPageSize} inclusive.`,
      );
    }
    pageSize = top;
  }
  const skipToken = ctx.query.get("$skiptoken");
  const offset = skipToken === null ? 0 : decodeSkipToken(skipToken);
  const page: Page<T> = { items: items.slice(offset, offset + pageSize) };
  if (offset + pageSize < items.length) {
    const next = new URLSearchParams(ctx.query);
    next.set(
      "$skiptoken",
      Buffer.from(JSON.stringify({ o: offset + pageSize })).toString("base64url"),
    );
    page.nextLink = `${ctx.graphBaseUrl}${ctx.path}?${next.toString()}`;
  }
  return page;
}

// ---------------------------------------------------------------------------------------------
// Envelopes
// ---------------------------------------------------------------------------------------------

/** `https://.../v1.0/$metadata#<fragment>` */
export function contextUrl(ctx: GraphRequestContext, fragment: string): string {
  return `${ctx.graphBaseUrl}/$metadata#${fragment}`;
}

/** A collection response: `@odata.context`, `value`, and `@odata.nextLink` when more remain. */
export function collectionBody(
  ctx: GraphRequestContext,
  fragment: string,
  page: Page<unknown>,
): JsonObject {
  return {
    "@odata.context": contextUrl(ctx, fragment),
    ...(page.nextLink ? { "@odata.nextLink": page.nextLink } : {}),
    value: page.items,
  };
}

/** A single-entity response with its `@odata.context`. */
export function entityBody(
  ctx: GraphRequestContext,
  fragment: string,
  entity: JsonObject,
): JsonObject {
  return { "@odata.context": contextUrl(ctx, fragment), ...entity };
}

// ---------------------------------------------------------------------------------------------
// Request bodies
// ---------------------------------------------------------------------------------------------

/** The body as a JSON object without `@odata.*` annotations (SDKs send `@odata.type`). */
export function requireBodyObject(body: unknown, action: string): JsonObject {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw GraphError.badRequest(
      `Failed to ${action}: the request body must be a JSON object. Send a JSON object with Content-Type: application/json.`,
    );
  }
  const result: JsonObject = {};
  for (const [name, value] of Object.entries(body as JsonObject)) {
    if (!name.startsWith("@odata.")) result[name] = value;
  }
  return result;
}

/** Graph answers 400 "Invalid property 'x'." for a name the type does not have (case-sensitive). */
export function rejectUnknownProperties(body: JsonObject, allowed: ReadonlySet<string>): void {
  for (const name of Object.keys(body)) {
    if (!allowed.has(name)) throw GraphError.badRequest(`Invalid property '${name}'.`);
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
  return typeof value === "string" && GUID.test(value);
}
