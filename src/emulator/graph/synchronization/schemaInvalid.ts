/** The schemaInvalid error and the small JSON helpers the schema validators share. */
import { GraphError } from "../../http/graphError";

/** The error Graph answers for a schema it refuses (decisions/reference/graph-cts.md §5.7; status chosen: 400). */
export function schemaInvalid(reason: string, remedy: string): GraphError {
  return new GraphError(
    400,
    "schemaInvalid",
    `Failed to update the synchronization schema: ${reason}. ${remedy}`,
  );
}

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The objects of a JSON array, or undefined when `value` is not an array of objects. */
export const objectsIn = (value: unknown): Json[] | undefined =>
  Array.isArray(value) && value.every(isObject) ? value : undefined;

/** The objects of an optional array property; schemaInvalid naming `what` when malformed. */
export function listOf(value: unknown, what: string): Json[] {
  const objects = objectsIn(value ?? []);
  if (!objects) {
    throw schemaInvalid(
      `${what} must be an array of objects`,
      "Send the structure GET .../schema returns",
    );
  }
  return objects;
}
