/**
 * PATCH for applications and service principals (the provider renames a configuration this
 * way): properties the stored object has may be written, except keys and service-computed
 * values; names it does not have answer Graph's "Invalid property" 400.
 */
import { GraphError } from "../../http/graphError";
import type { JsonObject } from "../../world/types";
import { requireBodyObject } from "../odata";

const READ_ONLY = [
  "id",
  "appId",
  "applicationTemplateId",
  "appOwnerOrganizationId",
  "createdDateTime",
  "deletedDateTime",
  "publisherDomain",
  "servicePrincipalType",
];
/** Emulator bookkeeping, not Graph properties. */
const INTERNAL = ["ownerIds"];

export function applyObjectPatch(record: JsonObject, body: unknown, action: string): void {
  const changes = requireBodyObject(body, action);
  for (const name of Object.keys(changes)) {
    if (READ_ONLY.includes(name)) {
      throw GraphError.badRequest(
        `Failed to ${action}: ${name} is read-only. Leave it out of the PATCH body.`,
      );
    }
    if (INTERNAL.includes(name) || !(name in record)) {
      throw GraphError.badRequest(`Invalid property '${name}'.`);
    }
  }
  if (
    "displayName" in changes &&
    (typeof changes.displayName !== "string" || changes.displayName === "")
  ) {
    throw GraphError.badRequest(`Failed to ${action}: displayName must be a non-empty string.`);
  }
  Object.assign(record, structuredClone(changes));
}
