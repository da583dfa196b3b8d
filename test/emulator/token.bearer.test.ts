/**
 * BearerVerifier in-process: the claim checks that a token from the emulator's own authority can
 * never fail over HTTP (audience, issuer), and that the cache still honours expiry.
 */
import { SignJWT } from "jose";
import { BearerVerifier, INVALID_TOKEN_MESSAGES } from "../../src/emulator/auth/bearerVerifier";
import { createSigningKey, type SigningKey } from "../../src/emulator/auth/signingKey";

const TENANT = "2f7e4b1a-8c3d-4e5f-9a6b-1c2d3e4f5a60";
let key: SigningKey;
let nowMs = Date.parse("2026-03-01T12:00:00Z");

beforeAll(async () => {
  key = await createSigningKey();
});

async function token(overrides: Record<string, unknown> = {}): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({
    aud: "https://graph.microsoft.com",
    iss: `https://sts.windows.net/${TENANT}/`,
    tid: TENANT,
    appid: "app",
    oid: "sp",
    roles: ["Policy.Read.All"],
    iat,
    nbf: iat,
    exp: iat + 3599,
    ...overrides,
  })
    .setProtectedHeader({ alg: "RS256", kid: key.kid })
    .sign(key.privateKey);
}

describe("BearerVerifier", () => {
  it("returns the claims of a valid token", async () => {
    const claims = await new BearerVerifier(key, () => nowMs).verify(await token());
    expect(claims).toMatchObject({ tid: TENANT, appid: "app", roles: ["Policy.Read.All"] });
  });

  it("refuses another audience", async () => {
    const verifier = new BearerVerifier(key, () => nowMs);
    await expect(
      verifier.verify(await token({ aud: "https://management.azure.com" })),
    ).rejects.toThrow(INVALID_TOKEN_MESSAGES.audience);
  });

  it("refuses an issuer that does not match the tid", async () => {
    const verifier = new BearerVerifier(key, () => nowMs);
    await expect(
      verifier.verify(await token({ iss: "https://sts.windows.net/other/" })),
    ).rejects.toThrow(INVALID_TOKEN_MESSAGES.issuer);
  });

  it("refuses a delegated-style token without tid/appid", async () => {
    const verifier = new BearerVerifier(key, () => nowMs);
    await expect(verifier.verify(await token({ appid: undefined }))).rejects.toThrow(
      INVALID_TOKEN_MESSAGES.appOnly,
    );
  });

  it("re-checks expiry on a cached token", async () => {
    const verifier = new BearerVerifier(key, () => nowMs);
    const valid = await token();
    await verifier.verify(valid);
    const saved = nowMs;
    nowMs += 3600 * 1000;
    try {
      await expect(verifier.verify(valid)).rejects.toThrow(INVALID_TOKEN_MESSAGES.expired);
    } finally {
      nowMs = saved;
    }
  });
});
