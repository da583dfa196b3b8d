import type * as pulumi from "@pulumi/pulumi";

/**
 * Keys that change what an object is rather than what it holds, refused by name (decisions/0081).
 * A `__proto__` key read with JSON.parse is an ordinary key in the program, but it vanishes on
 * the way to the provider (protobuf's map and Pulumi's serializer assign it, which sets the
 * prototype instead). So the resources refuse these keys when they are constructed, and check
 * refuses whatever still arrives: `constructor`, `prototype`, and a prototype that is plain data.
 */
export const FORBIDDEN_KEYS = ["__proto__", "constructor", "prototype"] as const;

/** Code of {@link ForbiddenKeyError}. */
export const FORBIDDEN_KEY = "ForbiddenKey";

/** A resource's arguments carry a forbidden key; thrown while the program runs (preview). */
export class ForbiddenKeyError extends Error {
  readonly code = FORBIDDEN_KEY;
  constructor(readonly failures: pulumi.dynamic.CheckFailure[]) {
    super(failures.map((f) => f.reason).join("\n"));
    this.name = "ForbiddenKeyError";
  }
}

function pathOf(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

function failure(resource: string, path: string, key: string): pulumi.dynamic.CheckFailure {
  return {
    property: path,
    reason: `${resource}: ${path}: the key '${key}' is not allowed (it is no property of ${resource} and would change how objects behave); remove it.`,
  };
}

/** Plain data turned prototype: what a vanished `__proto__` key leaves (classes have a constructor). */
function hasDataPrototype(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as object | null;
  return (
    prototype !== null &&
    prototype !== Object.prototype &&
    !Object.prototype.hasOwnProperty.call(prototype, "constructor")
  );
}

function isData(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null || hasDataPrototype(value);
}

/**
 * Every forbidden key in the value, by its full property path. Only plain data is searched:
 * Outputs and other class instances in a program's arguments hold no keys of ours.
 */
export function forbiddenKeyFailures(
  resource: string,
  value: unknown,
  path = "",
): pulumi.dynamic.CheckFailure[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      forbiddenKeyFailures(resource, item, pathOf(path, index)),
    );
  }
  if (!value || typeof value !== "object" || !isData(value)) return [];
  const failures: pulumi.dynamic.CheckFailure[] = [];
  if (hasDataPrototype(value)) {
    failures.push(failure(resource, pathOf(path, "__proto__"), "__proto__"));
  }
  for (const [key, inner] of Object.entries(value)) {
    if ((FORBIDDEN_KEYS as readonly string[]).includes(key)) {
      failures.push(failure(resource, pathOf(path, key), key));
    } else {
      failures.push(...forbiddenKeyFailures(resource, inner, pathOf(path, key)));
    }
  }
  return failures;
}

/** Throws {@link ForbiddenKeyError} when a resource's arguments carry a forbidden key. */
export function refuseForbiddenKeys(resource: string, args: unknown): void {
  const failures = forbiddenKeyFailures(resource, args);
  if (failures.length) throw new ForbiddenKeyError(failures);
}
