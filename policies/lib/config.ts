import type { PolicyConfigSchema } from "@pulumi/policy";

/**
 * A policy's configuration with the schema's defaults filled in.
 *
 * The Pulumi CLI applies schema defaults before it configures the analyzer, but a policy may
 * still see `{}`: when run without a config file, through another host, or from a unit test.
 * Reading the defaults from the same schema the pack publishes keeps one source of truth.
 */
export function configWithDefaults<T extends object>(
  schema: PolicyConfigSchema,
  given: Partial<T> | undefined,
): T {
  const result: Record<string, unknown> = { ...(given ?? {}) };
  for (const [key, property] of Object.entries(schema.properties)) {
    if (result[key] !== undefined || typeof property !== "object") continue;
    if (property.default !== undefined) result[key] = structuredClone(property.default);
  }
  return result as T;
}
