/**
 * Reading resource properties that may not be known yet.
 *
 * During `pulumi preview` a property computed from another resource's output (a SyncJob's
 * servicePrincipalId before its SyncConfiguration exists) has no value yet. The analyzer hands
 * policies a proxy that throws `UnknownValueError` when such a property is read; left uncaught,
 * the throw replaces the whole policy's findings with one "can't run during preview" advisory.
 * These readers turn an unknown value into the `UNKNOWN` marker instead, so a rule skips only the
 * check that needs the value: a value not yet known is never a violation.
 */

/** Marks a value that is not known until the update runs. */
export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;
export type Known<T> = T | Unknown;

/**
 * Pulumi's unknown sentinels (string, boolean, number, array, asset, archive, object). The engine
 * sends the string one for every unknown; props built without the analyzer's proxy carry them raw.
 */
const UNKNOWN_SENTINELS: ReadonlySet<unknown> = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

/**
 * Checked by shape, not `instanceof`: a pack installed beside the package may load a second copy
 * of @pulumi/policy, whose error class would not be the one the proxy throws.
 */
function isUnknownValueError(error: unknown): boolean {
  return typeof error === "object" && error !== null && "unknownTypeSentinel" in error;
}

/** `container[key]`, or UNKNOWN when the container or the value is not known yet. */
export function read(container: unknown, key: string | number): unknown {
  if (container === UNKNOWN) return UNKNOWN;
  if (typeof container !== "object" || container === null) return undefined;
  try {
    const value: unknown = (container as Record<string | number, unknown>)[key];
    return UNKNOWN_SENTINELS.has(value) ? UNKNOWN : value;
  } catch (error) {
    if (isUnknownValueError(error)) return UNKNOWN;
    throw error;
  }
}

/** A string property: its value, undefined when absent (or not a string), or UNKNOWN. */
export function readString(container: unknown, key: string): Known<string | undefined> {
  const value = read(container, key);
  if (value === UNKNOWN) return UNKNOWN;
  return typeof value === "string" ? value : undefined;
}

/** A boolean property: its value, undefined when absent (or not a boolean), or UNKNOWN. */
export function readBoolean(container: unknown, key: string): Known<boolean | undefined> {
  const value = read(container, key);
  if (value === UNKNOWN) return UNKNOWN;
  return typeof value === "boolean" ? value : undefined;
}

/** A number property: its value, undefined when absent (or not a number), or UNKNOWN. */
export function readNumber(container: unknown, key: string): Known<number | undefined> {
  const value = read(container, key);
  if (value === UNKNOWN) return UNKNOWN;
  return typeof value === "number" ? value : undefined;
}

/**
 * An array property, element by element: each element is its value or UNKNOWN. The array itself
 * is UNKNOWN when its length is not known, undefined when absent (or not an array).
 */
export function readArray(container: unknown, key: string): Known<unknown[] | undefined> {
  const value = read(container, key);
  if (value === UNKNOWN) return UNKNOWN;
  if (!Array.isArray(value)) return undefined;
  const elements: unknown[] = [];
  for (let index = 0; index < value.length; index++) elements.push(read(value, index));
  return elements;
}
