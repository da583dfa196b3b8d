/**
 * The property catalogue of cross-tenant access partner configurations and the default policy
 * (decisions/reference/graph-cts.md §§2.2, 2.3, 2.7): which names each API version accepts, their value kinds, and
 * how stored records are shown per version. Names are case-sensitive, as in the service.
 */
import { GraphError } from "../../http/graphError";
import type { GraphVersion } from "../../http/route";
import type { JsonObject, PartnerRecord } from "../../world/types";
import type { PolicyBehaviour } from "./behaviour";
import { policyProperties, type PolicyKind } from "./policyMetadata";

type Kind = "complex" | "boolean" | "consent";

/** Complex properties shared by the default policy and partners (object or null). */
const SHARED: Record<string, Kind> = {
  inboundTrust: "complex",
  b2bCollaborationInbound: "complex",
  b2bCollaborationOutbound: "complex",
  b2bDirectConnectInbound: "complex",
  b2bDirectConnectOutbound: "complex",
  tenantRestrictions: "complex",
  appServiceConnectInbound: "complex",
  m365CollaborationInbound: "complex",
  m365CollaborationOutbound: "complex",
};

const PARTNER: Record<string, Kind> = {
  ...SHARED,
  isServiceProvider: "boolean",
  automaticUserConsentSettings: "consent",
};

const DEFAULT_POLICY: Record<string, Kind> = {
  ...SHARED,
  invitationRedemptionIdentityProviderConfiguration: "complex",
};

/** Properties only the beta endpoint knows (§2.2 "Beta adds"). */
const BETA: Record<string, Kind> = { blockServiceProviderOutboundAccess: "boolean" };

/** Properties a caller can never write, with the reason given in the 400. */
const PARTNER_READ_ONLY: Record<string, string> = {
  isInMultiTenantOrganization:
    "it reflects multitenant-organization membership and is computed by the service",
};
const DEFAULT_READ_ONLY: Record<string, string> = {
  automaticUserConsentSettings:
    "it is always false on the default policy. Set it on a partner configuration instead",
  isServiceDefault: "the service computes it (false once the default is customised)",
};

/** The two-flag objects that are never null in responses, only their flags are. */
const CONSENT_FLAGS = ["inboundAllowed", "outboundAllowed"];

function checkValue(name: string, kind: Kind, value: unknown): void {
  if (value === null) return;
  if (kind === "boolean") {
    if (typeof value !== "boolean") {
      throw GraphError.badRequest(
        `Invalid value for property '${name}': expected true, false or null.`,
      );
    }
    return;
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    throw GraphError.badRequest(
      `Invalid value for property '${name}': expected an object or null.`,
    );
  }
  if (kind === "consent") {
    for (const [flag, flagValue] of Object.entries(value as JsonObject)) {
      if (flag.startsWith("@odata.")) continue;
      if (!CONSENT_FLAGS.includes(flag)) throw GraphError.badRequest(`Invalid property '${flag}'.`);
      if (flagValue !== null && typeof flagValue !== "boolean") {
        throw GraphError.badRequest(
          `Invalid value for property '${name}.${flag}': expected true, false or null.`,
        );
      }
    }
  }
}

function validate(
  body: JsonObject,
  version: GraphVersion,
  catalogue: Record<string, Kind>,
  readOnly: Record<string, string>,
  action: string,
): void {
  const known: Record<string, Kind> = version === "beta" ? { ...catalogue, ...BETA } : catalogue;
  for (const [name, value] of Object.entries(body)) {
    if (name in readOnly) {
      throw GraphError.badRequest(`Failed to ${action}: ${name} is read-only; ${readOnly[name]}.`);
    }
    const kind = known[name];
    if (!kind) throw GraphError.badRequest(`Invalid property '${name}'.`);
    checkValue(name, kind, value);
  }
}

/** Checks a partner POST/PATCH body (without `tenantId`, which the caller handles). */
export function validatePartnerBody(body: JsonObject, version: GraphVersion, action: string): void {
  validate(body, version, PARTNER, PARTNER_READ_ONLY, action);
}

/** Checks a default-policy PATCH body. */
export function validateDefaultPolicyBody(body: JsonObject, version: GraphVersion): void {
  validate(
    body,
    version,
    DEFAULT_POLICY,
    DEFAULT_READ_ONLY,
    "update the default cross-tenant access policy",
  );
}

function consentShape(value: unknown): JsonObject {
  const flags = (value ?? {}) as JsonObject;
  return {
    inboundAllowed: flags.inboundAllowed ?? null,
    outboundAllowed: flags.outboundAllowed ?? null,
  };
}

/**
 * Writes PATCH (or POST) properties onto a stored policy: each top-level property given
 * replaces the stored one ("replace") or is merged field by field ("merge"); explicit null
 * clears it (inherit from the default). Consent-style objects keep both flags, null when unset.
 */
export function applyPolicyChanges(
  target: JsonObject,
  changes: JsonObject,
  mode: PolicyBehaviour["complexPropertyPatch"],
): void {
  for (const [name, value] of Object.entries(changes)) {
    const current = target[name];
    const mergeable =
      mode === "merge" &&
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      current !== null &&
      typeof current === "object";
    const next = mergeable ? { ...(current as JsonObject), ...(value as JsonObject) } : value;
    target[name] = PARTNER[name] === "consent" ? consentShape(next) : structuredClone(next);
  }
}

/**
 * A new partner as stored: the tenant id, consent flags null (inherit the default). Every other
 * property is null until written, and answers show it so (policyForVersion).
 */
export function newPartnerRecord(tenantId: string): PartnerRecord {
  return {
    tenantId,
    automaticUserConsentSettings: { inboundAllowed: null, outboundAllowed: null },
  };
}

/**
 * A stored policy as `version` shows it: exactly the properties the version's metadata declares
 * (null when never set; decisions/0093), so nothing beta-only leaks into v1.0 and nothing the
 * metadata lacks (an older snapshot's crossCloudMeetingConfiguration) is echoed. A deleted beta
 * partner keeps its deletedDateTime (policyDeletableItem). The contained identitySynchronization
 * is a navigation property and never included.
 */
export function policyForVersion(
  record: JsonObject,
  version: GraphVersion,
  kind: PolicyKind = "partner",
): JsonObject {
  const view: JsonObject = {};
  for (const name of policyProperties(kind, version)) {
    view[name] = structuredClone(record[name] ?? null);
  }
  if (kind === "partner") {
    view.automaticUserConsentSettings = consentShape(record.automaticUserConsentSettings);
  }
  if (version === "beta" && typeof record.deletedDateTime === "string") {
    view.deletedDateTime = record.deletedDateTime;
  }
  return view;
}
