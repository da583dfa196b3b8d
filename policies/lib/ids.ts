/**
 * Tenant and object ids are GUIDs; Entra answers them in lower case but people paste them in any
 * case. Every comparison in the pack goes through these so "ABCD..." and "abcd..." match.
 */
export function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** A list of ids (from policy config) contains `id`. */
export function includesId(ids: readonly string[], id: string): boolean {
  return ids.some((candidate) => sameId(candidate, id));
}
