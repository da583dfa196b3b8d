/**
 * The identity synchronization policy of a partner (crossTenantIdentitySyncPolicyPartner,
 * decisions/reference/graph-cts.md §3.1): accepted properties per version, validation and per-version views.
 */
import { GraphError } from "../../http/graphError";
import type { GraphVersion } from "../../http/route";
import type { JsonObject } from "../../world/types";

const V1_PROPERTIES = ["tenantId", "displayName", "userSyncInbound"];
/** Beta adds group sync and cross-cloud sync (§3.1). */
const BETA_ONLY = ["groupSyncInbound", "externalCloudAuthorizedApplicationId"];

function checkSyncInbound(name: string, value: unknown): void {
  if (value === null) return;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw GraphError.badRequest(
      `Invalid value for property '${name}': expected an object or null.`,
    );
  }
  for (const [flag, flagValue] of Object.entries(value as JsonObject)) {
    if (flag.startsWith("@odata.")) continue;
    if (flag !== "isSyncAllowed") throw GraphError.badRequest(`Invalid property '${flag}'.`);
    if (typeof flagValue !== "boolean") {
      throw GraphError.badRequest(
        `Invalid value for property '${name}.isSyncAllowed': expected true or false.`,
      );
    }
  }
}

/**
 * Checks a PUT/PATCH body: v1.0 takes displayName and userSyncInbound; beta also
 * groupSyncInbound and externalCloudAuthorizedApplicationId. `tenantId` may be echoed but must
 * name the partner in the URL.
 */
export function validateIdentitySyncBody(
  body: JsonObject,
  version: GraphVersion,
  partnerTenantId: string,
): void {
  const allowed = version === "beta" ? [...V1_PROPERTIES, ...BETA_ONLY] : V1_PROPERTIES;
  for (const [name, value] of Object.entries(body)) {
    if (!allowed.includes(name)) throw GraphError.badRequest(`Invalid property '${name}'.`);
    if (name === "tenantId" && String(value).toLowerCase() !== partnerTenantId.toLowerCase()) {
      throw GraphError.badRequest(
        `Failed to write identitySynchronization for partner ${partnerTenantId}: tenantId '${String(value)}' does not match the partner in the URL. Omit tenantId or send the same value.`,
      );
    }
    if (name === "userSyncInbound" || name === "groupSyncInbound") checkSyncInbound(name, value);
    if (
      (name === "displayName" || name === "externalCloudAuthorizedApplicationId") &&
      value !== null &&
      typeof value !== "string"
    ) {
      throw GraphError.badRequest(
        `Invalid value for property '${name}': expected a string or null.`,
      );
    }
  }
}

/** A new stored policy: beta-only fields are kept (null) so both versions read one record. */
export function newIdentitySyncRecord(partnerTenantId: string, body: JsonObject): JsonObject {
  const { tenantId: _ignored, ...rest } = body;
  return {
    tenantId: partnerTenantId,
    displayName: null,
    userSyncInbound: null,
    groupSyncInbound: null,
    externalCloudAuthorizedApplicationId: null,
    ...structuredClone(rest),
  };
}

/** The stored policy as `version` shows it (v1.0 hides the beta-only properties). */
export function identitySyncForVersion(record: JsonObject, version: GraphVersion): JsonObject {
  const copy = structuredClone(record);
  if (version === "v1.0") for (const name of BETA_ONLY) delete copy[name];
  return copy;
}
