/**
 * Graph's placeholders and defaults, normalised in one place so that a refresh right after
 * `up` (or after an import) shows exactly what the program wrote (decisions/0080).
 */

/**
 * .NET DateTime.MinValue, which Graph returns for a time that has not happened yet (e.g.
 * `lastExecution.timeEnded` before the first cycle, decisions/reference/graph-cts.md).
 */
export const GRAPH_NEVER = "0001-01-01T00:00:00Z";

/** A Graph timestamp, or undefined when Graph means "never" (or says nothing). */
export function graphTime(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  // Graph spells MinValue with or without fractional seconds.
  return Date.parse(value) === Date.parse(GRAPH_NEVER) ? undefined : value;
}

/** The flow a mapping gets when the program does not say: Graph's flowType "Always". */
export const DEFAULT_APPLY = "always";

/**
 * The `apply` to report for a live mapping: left out when it is Graph's default and the program
 * did not write it, so refresh and import add nothing the program did not declare.
 */
export function reportedApply(
  live: "always" | "onCreate",
  declared: string | undefined,
): "always" | "onCreate" | undefined {
  return live === DEFAULT_APPLY && declared === undefined ? undefined : live;
}
