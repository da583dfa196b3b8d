import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, type KeyLike } from "jose";

/** An RSA key that signs tokens, with its public JWK as served from a JWKS endpoint. */
export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
}

/** Generated per emulator run (async, off the request path); tokens do not survive a restart. */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048 });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    kid,
    privateKey,
    publicKey,
    publicJwk: { ...jwk, kid, use: "sig", alg: "RS256", kty: "RSA" },
  };
}

export function jwks(keys: readonly SigningKey[]): { keys: JWK[] } {
  return { keys: keys.map((key) => key.publicJwk) };
}
