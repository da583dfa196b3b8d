import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { failuresOfIssue } from "./checkMessages";
import { forbiddenKeyFailures } from "./forbiddenKeys";

/** The value the engine sends for a property not known yet during `pulumi preview`. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The key under which the engine carries the serialized provider. */
export const PROVIDER_KEY = "__provider";

export type Props = Record<string, unknown>;

/** True when the value, or anything inside it, is not known yet. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

/** JSON with sorted keys and undefined dropped: equality that ignores key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      return Object.fromEntries(
        Object.entries(inner as Props)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      );
    }
    return inner;
  });
}

/** The user's properties without the engine's bookkeeping. */
export function userProps(props: Props | undefined): Props {
  const result: Props = {};
  for (const [key, value] of Object.entries(props ?? {})) {
    if (key !== PROVIDER_KEY && value !== undefined) result[key] = value;
  }
  return result;
}

export interface DiffSpec {
  /** Properties whose change means delete and re-create (Graph cannot change them in place). */
  replaceOn: readonly string[];
  /**
   * Properties whose removal from the program is itself a change (the resource then puts back
   * the default), rather than "no longer managed".
   */
  removalIsChange?: readonly string[];
  /** Properties that never cause an update (e.g. adoption switches, restart scopes alone). */
  ignore?: readonly string[];
  /** Equality per property where spelling differs from meaning (e.g. expressions). */
  equal?: Partial<Record<string, (old: unknown, next: unknown) => boolean>>;
}

/**
 * Compares declared inputs with the last known (or refreshed) outputs. Only properties the
 * program declares are compared, so values someone manages elsewhere never show as changes.
 * An unknown value during preview counts as a change (it may be one).
 */
export function diffProperties(
  olds: Props,
  news: Props,
  spec: DiffSpec,
): pulumi.dynamic.DiffResult {
  const changed: string[] = [];
  const unknown = new Set<string>();
  const oldProps = userProps(olds);
  const newProps = userProps(news);
  const compareWhenRemoved = [...spec.replaceOn, ...(spec.removalIsChange ?? [])];
  const keys = new Set([
    ...Object.keys(newProps),
    ...Object.keys(oldProps).filter((k) => compareWhenRemoved.includes(k)),
  ]);
  for (const key of keys) {
    if (spec.ignore?.includes(key)) continue;
    const next = newProps[key];
    const old = oldProps[key];
    if (containsUnknown(next)) {
      changed.push(key);
      unknown.add(key);
      continue;
    }
    const equal = spec.equal?.[key];
    if (equal ? !equal(old, next) : canonical(old) !== canonical(next)) changed.push(key);
  }
  // An id unknown during preview is usually the output of a resource updated in the same run
  // (the engine learns update results only by making them), not a new object: show an update;
  // the engine diffs again with known values before it acts, and replaces then if it must.
  const replaces = changed.filter((key) => spec.replaceOn.includes(key) && !unknown.has(key));
  return {
    changes: changed.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0,
    stables: spec.replaceOn.filter((key) => !changed.includes(key)),
  };
}

/**
 * Validates inputs with a zod schema, ignoring problems in values that are not known yet, and
 * turns issues into check failures that name the property and the fix.
 */
export function checkWith<T>(
  resource: string,
  schema: z.ZodType<T>,
  news: Props,
  extra?: (known: T) => pulumi.dynamic.CheckFailure[],
  idKeys: readonly string[] = [],
): pulumi.dynamic.CheckResult {
  const props = userProps(news);
  // The raw inputs: a vanished `__proto__` key shows only as their prototype.
  const failures = forbiddenKeyFailures(resource, news);
  // Refused by name above; zod would only say "unrecognized key" or nothing at all.
  if (failures.length) return { inputs: lowerCaseIds(news, idKeys), failures };
  const result = schema.safeParse(props);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const value = valueAt(props, issue.path.map(String));
      if (containsUnknown(value)) continue;
      failures.push(...failuresOfIssue(resource, schema, issue, value));
    }
  } else if (extra) {
    failures.push(...extra(result.data));
  }
  return { inputs: lowerCaseIds(news, idKeys), failures };
}

function valueAt(props: Props, path: string[]): unknown {
  let current: unknown = props;
  for (const part of path) {
    if (current === UNKNOWN) return UNKNOWN;
    if (!current || typeof current !== "object") return undefined;
    current = (current as Props)[part];
  }
  return current;
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Graph answers ids in lower case; a program may write them in upper case. Checked inputs carry
 * the lower-case form, so a refresh never turns a difference of case into a replacement.
 */
export function lowerCaseIds(news: Props, keys: readonly string[]): Props {
  const result: Props = { ...news };
  for (const key of keys) {
    const value = result[key];
    if (typeof value === "string" && GUID.test(value)) result[key] = value.toLowerCase();
  }
  return result;
}
