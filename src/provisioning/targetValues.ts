/**
 * From the sync engine's target attributes to the world's Graph properties, and back for
 * comparisons (decisions/0016, 0052): `mobile` -> mobilePhone, `telephoneNumber` ->
 * businessPhones, `physicalDeliveryOfficeName` -> officeLocation, `manager` -> the manager's
 * target object, `alternativeSecurityIds` <- the netId, userPrincipalName in the B2B form
 * `<local>_<domain>#EXT#@<target domain>` (how synchronized users are named in Microsoft's configure guide).
 */
import type { MappedValue } from "./attributeEvaluation";

/** One property write, or an attribute-level failure the entry reports. */
export type TargetWrite =
  | { kind: "write"; property: string; value: unknown }
  | { kind: "ignore" }
  | { kind: "error"; code: string; message: string };

export interface TargetWriteContext {
  targetDomain: string;
  /** Target attributes the schema declares multi-valued. */
  multiValued: ReadonlySet<string>;
  /** The target object id of a source user the job manages, if any. */
  resolveUser(sourceId: string): string | undefined;
}

/** Matching values are stored as Entra stores a B2B user's home identity. */
export function alternativeSecurityId(netId: string) {
  return { type: 5, identityProvider: null, key: netId };
}

/** The userPrincipalName a synchronized (B2B) user gets in the target tenant. */
export function externalUserPrincipalName(value: string, targetDomain: string): string {
  const at = value.lastIndexOf("@");
  if (value.includes("#EXT#") || at < 0) return value;
  if (value.slice(at + 1).toLowerCase() === targetDomain.toLowerCase()) return value;
  return `${value.slice(0, at)}_${value.slice(at + 1)}#EXT#@${targetDomain}`;
}

const write = (property: string, value: unknown): TargetWrite => ({
  kind: "write",
  property,
  value,
});

const IGNORE: TargetWrite = { kind: "ignore" };

function single(value: MappedValue): string | null | undefined {
  if (value === null) return null;
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return value;
  if (value.length <= 1) return value[0] ?? null;
  return undefined;
}

function multi(value: MappedValue): string[] {
  if (value === null) return [];
  return Array.isArray(value) ? [...value] : [String(value)];
}

const toBoolean = (text: string | null) => (text === null ? null : text.toLowerCase() === "true");

/** Engine attributes that are not target properties (or that the service sets itself). */
const NOT_WRITTEN = new Set(["IsSoftDeleted", "objectId", "netId", "members"]);

/** How `value` of target attribute `attribute` lands on a target user. */
export function userWrite(
  attribute: string,
  value: MappedValue,
  context: TargetWriteContext,
): TargetWrite {
  if (NOT_WRITTEN.has(attribute)) return IGNORE;
  if (attribute === "alternativeSecurityIds") {
    const netId = single(value);
    return netId ? write("alternativeSecurityIds", [alternativeSecurityId(netId)]) : IGNORE;
  }
  if (context.multiValued.has(attribute)) return write(attribute, multi(value));
  const text = single(value);
  if (text === undefined) {
    return {
      kind: "error",
      code: "SchemaPropertyCanOnlyAcceptValue",
      message: `The target attribute ${attribute} accepts one value, but the mapping produced ${(value as readonly string[]).length}. Map a single-valued expression to ${attribute}.`,
    };
  }
  switch (attribute) {
    case "accountEnabled":
    case "showInAddressList":
      return write(attribute, toBoolean(text));
    case "mobile":
      return write("mobilePhone", text);
    case "telephoneNumber":
      return write("businessPhones", text ? [text] : []);
    case "physicalDeliveryOfficeName":
      return write("officeLocation", text);
    case "manager": {
      // A manager who is not provisioned by this job is left unresolved (exportMissingReferences).
      const managerId = text === null ? null : context.resolveUser(text);
      return managerId === undefined ? IGNORE : write("managerId", managerId);
    }
    case "userPrincipalName":
      return text
        ? write(attribute, externalUserPrincipalName(text, context.targetDomain))
        : IGNORE;
    case "userType":
      if (text !== "Member" && text !== "Guest") {
        return {
          kind: "error",
          code: "InvalidAttributeValue",
          message: `userType must be 'Member' or 'Guest', the mapping produced '${String(text)}'. Map userType to the constant "Member" or "Guest".`,
        };
      }
      return write(attribute, text);
    default:
      return write(attribute, text);
  }
}

/** How `value` of target attribute `attribute` lands on a target group (members aside). */
export function groupWrite(attribute: string, value: MappedValue): TargetWrite {
  if (NOT_WRITTEN.has(attribute)) return IGNORE;
  const text = single(value);
  return write(attribute, text === undefined ? multi(value).join(" ") : text);
}

function normalized(value: unknown): unknown {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  return value;
}

/** Equality as the engine sees it: absent, null and an empty list are the same. */
export function sameValue(left: unknown, right: unknown): boolean {
  const a = normalized(left);
  const b = normalized(right);
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether a target property counts as empty (for the *AddOnly flow types). */
export function isEmptyValue(value: unknown): boolean {
  return normalized(value) === null || value === "";
}
