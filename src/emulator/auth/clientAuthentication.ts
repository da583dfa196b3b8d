/**
 * Checks how a client-credentials caller proves itself: a client secret, a certificate-signed
 * client assertion, or a federated assertion from a trusted external issuer
 * (decisions/reference/graph-cts.md §9.1). Throws AadstsError; never echoes a secret or an assertion.
 */
import { timingSafeEqual } from "node:crypto";
import {
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type KeyLike,
} from "jose";
import type { CallerApp } from "../world/types";
import type { ClientAuthenticationMethod } from "./accessToken";
import { aadsts } from "./aadstsError";
import { certificateThumbprints } from "./thumbprint";

export const JWT_BEARER_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

export interface ClientProof {
  secret?: string;
  assertionType?: string;
  assertion?: string;
}

export interface AssertionContext {
  /** Token endpoint URLs this tenant answers on (GUID and domain forms): valid `aud` values. */
  tokenEndpoints: readonly string[];
  nowSeconds: number;
  /** Public key of a trusted external issuer, or undefined when the emulator cannot verify it. */
  issuerKey(issuer: string): KeyLike | undefined;
}

export async function authenticateClient(
  caller: CallerApp,
  proof: ClientProof,
  context: AssertionContext,
): Promise<ClientAuthenticationMethod> {
  if (proof.assertion !== undefined) {
    if (proof.assertionType !== JWT_BEARER_ASSERTION_TYPE) {
      throw aadsts.unsupportedAssertionType(proof.assertionType ?? "");
    }
    const payload = decodeAssertion(proof.assertion);
    // Entra tells the two kinds apart the same way: a certificate assertion is issued by the app.
    if (payload.iss === caller.appId) {
      await verifyCertificateAssertion(caller, proof.assertion, payload, context);
      return "certificate";
    }
    await verifyFederatedAssertion(caller, proof.assertion, payload, context);
    return "federated";
  }
  if (proof.secret !== undefined) {
    if (!caller.secrets.some((secret) => sameSecret(secret, proof.secret as string))) {
      throw aadsts.invalidSecret(caller.appId);
    }
    return "secret";
  }
  throw aadsts.missingCredential();
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function decodeAssertion(assertion: string): JWTPayload {
  try {
    decodeProtectedHeader(assertion);
    return decodeJwt(assertion);
  } catch {
    throw aadsts.malformedAssertion();
  }
}

async function verifyCertificateAssertion(
  caller: CallerApp,
  assertion: string,
  payload: JWTPayload,
  context: AssertionContext,
): Promise<void> {
  if (payload.sub !== caller.appId) {
    throw aadsts.assertionClaims(`The 'sub' claim must equal the client id '${caller.appId}'.`);
  }
  const header = decodeProtectedHeader(assertion);
  const certificates = caller.certificates.map((pem) => certificateThumbprints(pem));
  const thumbprintS256 = header["x5t#S256"];
  const candidates = certificates.filter((certificate) =>
    typeof thumbprintS256 === "string"
      ? certificate.x5tS256 === thumbprintS256
      : header.x5t === undefined || certificate.x5t === header.x5t,
  );
  if (candidates.length === 0) {
    const used = (thumbprintS256 ?? header.x5t ?? "none") as string;
    throw aadsts.assertionSignature(
      `[Reason - The key was not found.] Thumbprint of key used by client: '${used}'. Register the certificate on app '${caller.appId}'.`,
    );
  }
  let verified = false;
  for (const candidate of candidates) {
    if (await signatureMatches(assertion, candidate.publicKey)) {
      verified = true;
      break;
    }
  }
  if (!verified)
    throw aadsts.assertionSignature("[Reason - The signature does not match the certificate.]");
  const audiences = toArray(payload.aud);
  if (!audiences.some((aud) => context.tokenEndpoints.includes(aud))) {
    throw aadsts.assertionClaims(
      `The 'aud' claim '${audiences.join(", ")}' must be the token endpoint ${context.tokenEndpoints[0]}.`,
    );
  }
  checkLifetime(payload, context.nowSeconds);
}

async function verifyFederatedAssertion(
  caller: CallerApp,
  assertion: string,
  payload: JWTPayload,
  context: AssertionContext,
): Promise<void> {
  const issuer = String(payload.iss ?? "");
  const subject = String(payload.sub ?? "");
  const audiences = toArray(payload.aud);
  const record = caller.federatedCredentials.find(
    (credential) =>
      credential.issuer === issuer &&
      credential.subject === subject &&
      credential.audiences.some((audience) => audiences.includes(audience)),
  );
  if (!record) throw aadsts.noFederatedRecord(issuer, subject, audiences.join(", "));
  const key = context.issuerKey(issuer);
  if (!key) {
    throw aadsts.assertionSignature(
      `[Reason - The emulator cannot fetch signing keys of issuer '${issuer}'; only its own GitHub OIDC issuer is trusted offline.]`,
    );
  }
  if (!(await signatureMatches(assertion, key))) {
    throw aadsts.assertionSignature("[Reason - The signature does not match the issuer's keys.]");
  }
  checkLifetime(payload, context.nowSeconds);
}

async function signatureMatches(assertion: string, key: KeyLike): Promise<boolean> {
  try {
    // MSAL signs with PS256 and x5t#S256 when it has a SHA-256 thumbprint, RS256 with x5t otherwise.
    await compactVerify(assertion, key, { algorithms: ["RS256", "PS256"] });
    return true;
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed) return false;
    if (error instanceof errors.JOSEAlgNotAllowed) return false;
    throw aadsts.malformedAssertion();
  }
}

function checkLifetime(payload: JWTPayload, nowSeconds: number): void {
  // Entra allows a few minutes of clock skew on assertions.
  const skew = 300;
  if (typeof payload.exp !== "number" || nowSeconds >= payload.exp + skew)
    throw aadsts.assertionExpired();
  if (typeof payload.nbf === "number" && nowSeconds < payload.nbf - skew)
    throw aadsts.assertionExpired();
}

function toArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return value === undefined ? [] : [String(value)];
}
