/**
 * Turns a stored source object into what the expression evaluator and scoping filters read: the
 * sync engine's attribute names (decisions/0016: `mobile` is Graph's mobilePhone,
 * `telephoneNumber` the first of businessPhones, `physicalDeliveryOfficeName` officeLocation)
 * with Graph's values rendered as the engine renders them (booleans "True"/"False").
 */
import type { ExpressionSource } from "../mapping";
import type { GroupRecord, JsonObject, UserRecord } from "../emulator/world/types";

type EngineValue = string | string[] | null;
type Reader<T> = (record: T) => unknown;

/** What the engine's "Filter external users" clause compares against: no identity of its own. */
export const NO_ALTERNATIVE_SECURITY_ID = "None";

const USER_READERS: Record<string, Reader<UserRecord>> = {
  objectId: (user) => user.id,
  mobile: (user) => user.mobilePhone,
  telephoneNumber: (user) => (user.businessPhones as unknown[] | undefined)?.[0],
  physicalDeliveryOfficeName: (user) => user.officeLocation,
  IsSoftDeleted: (user) => Boolean(user.deletedDateTime),
  manager: (user) => user.managerId,
  userState: (user) => user.externalUserState,
  // A native user has no alternativeSecurityIds: the engine sees "None" (decisions/reference/graph-cts.md §5.8).
  alternativeSecurityIds: (user) =>
    user.alternativeSecurityIds?.length
      ? user.alternativeSecurityIds.map((id) => `${id.type}:${id.key}`)
      : NO_ALTERNATIVE_SECURITY_ID,
};

const GROUP_READERS: Record<string, Reader<GroupRecord>> = {
  objectId: (group) => group.id,
  members: (group) => group.memberIds,
};

function engineValue(value: unknown): EngineValue {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) {
    const values = value.filter((item) => item !== null && item !== undefined).map(engineValue);
    const flat = values.filter((item): item is string => typeof item === "string");
    return flat.length ? flat : null;
  }
  return JSON.stringify(value);
}

/** A property of a record, falling back to onPremisesExtensionAttributes for extensionAttributeN. */
function plainProperty(record: JsonObject, name: string): unknown {
  if (name in record) return record[name];
  const extensions = record.onPremisesExtensionAttributes as JsonObject | undefined;
  return extensions?.[name];
}

export interface SourceRecordOptions {
  /** Whether the object is assigned to the configuration (feeds `appRoleAssignments`). */
  assigned: boolean;
}

function build<T extends JsonObject>(
  record: T,
  attributes: readonly string[],
  readers: Record<string, Reader<T>>,
  options: SourceRecordOptions,
): ExpressionSource {
  const values: Record<string, EngineValue> = {};
  for (const name of attributes) {
    if (name === "appRoleAssignments") {
      // The CTS app's only role; provisioning logs show it by name (decisions/reference/graph-cts.md §6).
      values[name] = options.assigned ? ["msiam_access"] : null;
      continue;
    }
    const reader = readers[name];
    values[name] = engineValue(reader ? reader(record) : plainProperty(record, name));
  }
  return values;
}

export function userSourceRecord(
  user: UserRecord,
  attributes: readonly string[],
  options: SourceRecordOptions,
): ExpressionSource {
  return build(user, attributes, USER_READERS, options);
}

export function groupSourceRecord(
  group: GroupRecord,
  attributes: readonly string[],
  options: SourceRecordOptions,
): ExpressionSource {
  return build(group, attributes, GROUP_READERS, options);
}
