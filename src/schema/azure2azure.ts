/**
 * The attribute names of the Azure2Azure synchronization schema (decisions/reference/graph-cts.md
 * §5.8, decisions/0016): which attributes the source and target directories define for users and
 * groups. One catalogue for two readers: the emulator builds its schema document from it, and the
 * provider validates mapping names against it at check time without asking Graph
 * (decisions/0087). Neither imports the other.
 */

export type AttributeType = "String" | "Boolean" | "Reference" | "Binary" | "Integer" | "DateTime";

export interface AttributeOptions {
  type?: AttributeType;
  anchor?: boolean;
  multivalued?: boolean;
  required?: boolean;
  flowNullValues?: boolean;
  referencedObjects?: string[];
  metadata?: Array<{ key: string; value: string }>;
}

/** One attribute definition: its name and what differs from a plain optional String. */
export interface AttributeDeclaration {
  name: string;
  options?: AttributeOptions;
}

const declare = (name: string, options?: AttributeOptions): AttributeDeclaration => ({
  name,
  options,
});

const extensionAttributes = (): AttributeDeclaration[] =>
  Array.from({ length: 15 }, (_, index) => declare(`extensionAttribute${index + 1}`));

/** User attributes both directories share (names as the sync engine spells them, e.g. `mobile`). */
function commonUserAttributes(): AttributeDeclaration[] {
  return [
    declare("objectId", { anchor: true }),
    declare("IsSoftDeleted", { type: "Boolean", required: true }),
    declare("accountEnabled", { type: "Boolean", required: true }),
    declare("streetAddress"),
    declare("city"),
    declare("state"),
    declare("postalCode"),
    declare("country"),
    declare("companyName"),
    declare("department"),
    declare("employeeId"),
    declare("employeeHireDate"),
    declare("employeeType"),
    declare("displayName", { required: true }),
    ...extensionAttributes(),
    declare("givenName"),
    declare("jobTitle"),
    declare("mailNickname"),
    declare("manager", { type: "Reference", referencedObjects: ["User"] }),
    declare("mobile"),
    declare("otherMails", { multivalued: true }),
    declare("physicalDeliveryOfficeName"),
    declare("preferredLanguage", { required: true }),
    declare("proxyAddresses", { multivalued: true }),
    declare("surname", { required: true }),
    declare("telephoneNumber"),
    declare("usageLocation"),
    declare("userPrincipalName", { required: true }),
    declare("netId"),
    declare("showInAddressList", { type: "Boolean", flowNullValues: true }),
    declare("mail"),
    declare("userType"),
  ];
}

/** User attributes of the source directory. */
export function sourceUserAttributes(): AttributeDeclaration[] {
  return [
    ...commonUserAttributes(),
    // Source-only: a native user has no alternativeSecurityIds; B2B guests carry their home
    // identity here and `userState` (PendingAcceptance) until they redeem.
    declare("alternativeSecurityIds", { multivalued: true }),
    declare("userState"),
    declare("appRoleAssignments", { type: "Reference" }),
  ];
}

/** User attributes of the target directory. */
export function targetUserAttributes(): AttributeDeclaration[] {
  return [
    ...commonUserAttributes(),
    // The matching attribute: AltSecIdFromNetId([netId]) of the source user lands here.
    declare("alternativeSecurityIds", { multivalued: true, required: true }),
    declare("source"),
  ];
}

/** Group attributes, the same in both directories. */
export function groupAttributes(): AttributeDeclaration[] {
  return [
    declare("objectId", { anchor: true, required: true }),
    declare("displayName", { required: true }),
    declare("description"),
    declare("mailNickname"),
    declare("mailEnabled", { type: "Boolean" }),
    declare("securityEnabled", { type: "Boolean" }),
    declare("appRoleAssignments", { type: "Reference" }),
    declare("members", {
      type: "Reference",
      multivalued: true,
      referencedObjects: ["Group", "User"],
      metadata: [{ key: "IsContainer", value: "true" }],
    }),
  ];
}

export type ObjectType = "User" | "Group";

/** Attribute names an object of the source directory has. */
export function sourceAttributeNames(objectType: ObjectType): string[] {
  return (objectType === "Group" ? groupAttributes() : sourceUserAttributes()).map((a) => a.name);
}

/** Attribute names an object of the target directory has. */
export function targetAttributeNames(objectType: ObjectType): string[] {
  return (objectType === "Group" ? groupAttributes() : targetUserAttributes()).map((a) => a.name);
}

/**
 * A directory extension attribute's name: `extension_<appId without dashes>_<name>`. Such
 * attributes exist only once an app registers them and the schema discovers them, so the program
 * declares the ones it uses (AttributeMapping's `directoryExtensions`).
 */
export const DIRECTORY_EXTENSION_NAME = /^extension_[0-9a-fA-F]{32}_[A-Za-z0-9_]+$/;
