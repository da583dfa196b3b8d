/**
 * Errors of the token authority in Entra's AADSTS shape (decisions/reference/graph-cts.md §9.1):
 * `{"error","error_description":"AADSTS<n>: ...","error_codes":[n],"timestamp","trace_id",
 * "correlation_id","error_uri"}`. Codes chosen per case: decisions/0003-token-authority.md.
 */
import { randomUUID } from "node:crypto";

export class AadstsError extends Error {
  override readonly name = "AadstsError";

  constructor(
    readonly status: number,
    /** OAuth error: invalid_request, invalid_client, unauthorized_client, invalid_scope, ... */
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
  ) {
    super(`AADSTS${aadsts}: ${description}`);
  }

  body(now: number, origin: string, correlationId: string = randomUUID()): Record<string, unknown> {
    const traceId = randomUUID();
    const timestamp = new Date(now)
      .toISOString()
      .replace("T", " ")
      .replace(/\.\d+Z$/, "Z");
    return {
      error: this.error,
      error_description: `${this.message} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [this.aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `${origin}/error?code=${this.aadsts}`,
    };
  }
}

export const aadsts = {
  tenantNotFound: (tenant: string) =>
    new AadstsError(
      400,
      "invalid_request",
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  missingParameter: (name: string) =>
    new AadstsError(
      400,
      "invalid_request",
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  unsupportedGrant: (grantType: string) =>
    new AadstsError(
      400,
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grantType}'. The emulator supports client_credentials only.`,
    ),
  unknownApp: (appId: string, tenantName: string) =>
    new AadstsError(
      400,
      "unauthorized_client",
      700016,
      `Application with identifier '${appId}' was not found in the directory '${tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  invalidScope: (scope: string, expected = "https://graph.microsoft.com/.default") =>
    new AadstsError(
      400,
      "invalid_scope",
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope || "(empty)"} is not valid. Use ${expected}.`,
    ),
  missingCredential: () =>
    new AadstsError(
      401,
      "invalid_client",
      7000216,
      "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
    ),
  invalidSecret: (appId: string) =>
    new AadstsError(
      401,
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
    ),
  unsupportedAssertionType: (type: string) =>
    new AadstsError(
      400,
      "invalid_request",
      700027,
      `Client assertion type '${type}' is not supported; use urn:ietf:params:oauth:client-assertion-type:jwt-bearer.`,
    ),
  malformedAssertion: () =>
    new AadstsError(401, "invalid_client", 50027, "JWT token is invalid or malformed."),
  assertionSignature: (reason: string) =>
    new AadstsError(
      401,
      "invalid_client",
      700027,
      `Client assertion failed signature validation. ${reason}`,
    ),
  assertionClaims: (reason: string) =>
    new AadstsError(
      401,
      "invalid_client",
      700027,
      `Client assertion contains invalid claims. ${reason}`,
    ),
  assertionExpired: () =>
    new AadstsError(
      401,
      "invalid_client",
      700024,
      "Client assertion is not within its valid time range.",
    ),
  noFederatedRecord: (issuer: string, subject: string, audience: string) =>
    new AadstsError(
      400,
      "invalid_request",
      70021,
      `No matching federated identity record found for presented assertion. Assertion Issuer: '${issuer}'. Assertion Subject: '${subject}'. Assertion Audience: '${audience}'.`,
    ),
};
