/**
 * Pulumi's wire conventions for property values, as the SDK and the engine exchange them: the
 * unknown sentinel and the special-object envelopes (secrets). The engine unwraps secrets before
 * the dynamic-provider host sees them (it answers acceptSecrets=false) and wraps them again in
 * state and in what it answers the program.
 */
export type Props = Record<string, unknown>;

/** The value of a property not known yet (preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SPECIAL = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";

export function isSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SPECIAL] === SECRET
  );
}

export function secret(value: unknown): Props {
  return { [SPECIAL]: SECRET, value };
}

/** A value with every secret envelope removed, nested ones included. */
export function reveal(value: unknown): unknown {
  if (isSecret(value)) return reveal(value.value);
  if (Array.isArray(value)) return value.map(reveal);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reveal(v)]));
  }
  return value;
}

function containsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(containsSecret);
  return false;
}

/** Plain properties and the top-level keys that held a secret anywhere inside. */
export function unwrapSecrets(props: Props): { plain: Props; secretKeys: string[] } {
  const secretKeys = Object.keys(props).filter((key) => containsSecret(props[key]));
  return { plain: reveal(props) as Props, secretKeys };
}

/** Properties with the given top-level keys wrapped as secrets. */
export function wrapSecrets(props: Props, secretKeys: readonly string[]): Props {
  const wrapped: Props = { ...props };
  for (const key of secretKeys) if (key in wrapped) wrapped[key] = secret(wrapped[key]);
  return wrapped;
}

export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (typeof value === "object" && value !== null)
    return Object.values(value).some(containsUnknown);
  return false;
}
