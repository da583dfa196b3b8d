/**
 * Validates Graph bearer tokens. Signature checks are the only per-request crypto, so verified
 * tokens are cached by their string; a cache hit costs a Map lookup and an expiry comparison.
 */
import { compactVerify, errors } from "jose";
import { GRAPH_AUDIENCE, stsIssuer, type AccessTokenClaims } from "./accessToken";
import type { SigningKey } from "./signingKey";

/** Why a token was refused: becomes Graph's 401 InvalidAuthenticationToken message. */
export class InvalidTokenError extends Error {
  override readonly name = "InvalidTokenError";
}

/** Graph's messages for each failure (decisions/0003-token-authority.md). */
export const INVALID_TOKEN_MESSAGES = {
  empty: "Access token is empty.",
  malformed: "CompactToken parsing failed with error code: 80049217",
  signature: "Access token validation failure. Invalid signature.",
  audience: "Access token validation failure. Invalid audience.",
  issuer: "Access token validation failure. Invalid issuer.",
  expired: "Lifetime validation failed, the token is expired.",
  notYetValid: "Lifetime validation failed, the token is not yet valid.",
  appOnly:
    "Access token validation failure. The emulator accepts app-only tokens with tid and appid.",
} as const;

const CACHE_LIMIT = 10_000;

export class BearerVerifier {
  private readonly cache = new Map<string, AccessTokenClaims>();

  constructor(
    private readonly key: SigningKey,
    private readonly now: () => number,
    /** The Graph resource of the emulator's cloud: a token for another cloud's Graph is refused. */
    private readonly audience: string = GRAPH_AUDIENCE,
  ) {}

  async verify(token: string): Promise<AccessTokenClaims> {
    const nowSeconds = Math.floor(this.now() / 1000);
    const cached = this.cache.get(token);
    if (cached) {
      this.checkLifetime(cached, nowSeconds);
      return cached;
    }
    const claims = await this.verifySignature(token);
    if (claims.aud !== this.audience) throw new InvalidTokenError(INVALID_TOKEN_MESSAGES.audience);
    if (typeof claims.tid !== "string" || typeof claims.appid !== "string") {
      throw new InvalidTokenError(INVALID_TOKEN_MESSAGES.appOnly);
    }
    if (claims.iss !== stsIssuer(claims.tid))
      throw new InvalidTokenError(INVALID_TOKEN_MESSAGES.issuer);
    this.checkLifetime(claims, nowSeconds);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(token, claims);
    return claims;
  }

  private checkLifetime(claims: AccessTokenClaims, nowSeconds: number): void {
    if (nowSeconds >= claims.exp) throw new InvalidTokenError(INVALID_TOKEN_MESSAGES.expired);
    if (nowSeconds < claims.nbf - 300)
      throw new InvalidTokenError(INVALID_TOKEN_MESSAGES.notYetValid);
  }

  private async verifySignature(token: string): Promise<AccessTokenClaims> {
    try {
      // Signature only: claims are checked by hand in verify() to answer Graph's own messages.
      const { payload } = await compactVerify(token, this.key.publicKey, { algorithms: ["RS256"] });
      const claims = JSON.parse(new TextDecoder().decode(payload)) as AccessTokenClaims;
      return { ...claims, roles: Array.isArray(claims.roles) ? claims.roles : [] };
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        throw new InvalidTokenError(INVALID_TOKEN_MESSAGES.signature);
      }
      if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JWKSNoMatchingKey) {
        throw new InvalidTokenError(INVALID_TOKEN_MESSAGES.signature);
      }
      throw new InvalidTokenError(INVALID_TOKEN_MESSAGES.malformed);
    }
  }
}
