import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";

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
  const oldProps = userProps(olds);
  const newProps = userProps(news);
  const keys = new Set([
    ...Object.keys(newProps),
    ...Object.keys(oldProps).filter((k) => spec.replaceOn.includes(k)),
  ]);
  for (const key of keys) {
    if (spec.ignore?.includes(key)) continue;
    const next = newProps[key];
    const old = oldProps[key];
    if (containsUnknown(next)) {
      changed.push(key);
      continue;
    }
    const equal = spec.equal?.[key];
    if (equal ? !equal(old, next) : canonical(old) !== canonical(next)) changed.push(key);
  }
  const replaces = changed.filter((key) => spec.replaceOn.includes(key));
  return {
    changes: changed.length > 0,
    replaces,
    deleteBeforeReplace: replaces.length > 0,
    stables: spec.replaceOn.filter((key) => !replaces.includes(key)),
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
): pulumi.dynamic.CheckResult {
  const props = userProps(news);
  const result = schema.safeParse(props);
  const failures: pulumi.dynamic.CheckFailure[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.map(String);
      if (containsUnknown(valueAt(props, path))) continue;
      failures.push({
        property: path.join(".") || "(inputs)",
        reason: `${resource}: ${issue.message}`,
      });
    }
  } else if (extra) {
    failures.push(...extra(result.data));
  }
  return { inputs: news, failures };
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
