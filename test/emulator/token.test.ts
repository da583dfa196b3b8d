/**
 * The token endpoint: each client-credentials proof (secret, Basic, certificate assertion,
 * federated GitHub assertion) and each AADSTS error, over HTTPS.
 */
import { createHash, createPrivateKey, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { SignJWT, decodeJwt, generateKeyPair } from "jose";
import {
  CONTOSO_CALLERS,
  DEFAULT_SOURCE_TENANT_ID,
  DEFAULT_TARGET_TENANT_ID,
  FABRIKAM_CALLERS,
  FEDERATED_SUBJECT,
  PROVIDER_ROLES,
} from "../../src/emulator/fixtures/defaultWorld";
import { withEmulator, type HttpReply } from "../harness/emulator";

const emulator = withEmulator();
const SCOPE = "https://graph.microsoft.com/.default";
const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

function postToken(
  tenant: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<HttpReply> {
  return emulator.request(
    "POST",
    `/${tenant}/oauth2/v2.0/token?client-request-id=test-correlation`,
    {
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form).toString(),
    },
  );
}

const secretForm = (overrides: Record<string, string> = {}) => ({
  grant_type: "client_credentials",
  client_id: CONTOSO_CALLERS.cts.appId,
  client_secret: CONTOSO_CALLERS.cts.clientSecret,
  scope: SCOPE,
  ...overrides,
});

function expectAadsts(reply: HttpReply, status: number, error: string, code: number): void {
  expect(reply.status).toBe(status);
  expect(reply.body).toMatchObject({ error, error_codes: [code] });
  expect(reply.body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
  for (const field of ["timestamp", "trace_id", "correlation_id", "error_uri"])
    expect(reply.body[field]).toBeTruthy();
}

/** A client assertion as MSAL builds it from the caller's certificate. */
async function certificateAssertion(
  options: {
    alg?: "RS256" | "PS256";
    audience?: string;
    expiresInSeconds?: number;
    keyPem?: string;
    issuer?: string;
  } = {},
): Promise<string> {
  const pem = readFileSync(emulator.tenant("source").clientCertificatePath, "utf8");
  const certificateDer = Buffer.from(
    /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/
      .exec(pem)![1]
      .replace(/\s+/g, ""),
    "base64",
  );
  const alg = options.alg ?? "RS256";
  const header =
    alg === "PS256"
      ? { alg, "x5t#S256": createHash("sha256").update(certificateDer).digest("base64url") }
      : { alg, x5t: createHash("sha1").update(certificateDer).digest("base64url") };
  const now = Math.floor(Date.now() / 1000);
  const appId = options.issuer ?? CONTOSO_CALLERS.cts.appId;
  return new SignJWT({
    aud:
      options.audience ??
      `${emulator.settings.authorityHost}/${DEFAULT_SOURCE_TENANT_ID}/oauth2/v2.0/token`,
    iss: appId,
    sub: appId,
    jti: randomUUID(),
    nbf: now,
    exp: now + (options.expiresInSeconds ?? 600),
  })
    .setProtectedHeader(header)
    .sign(createPrivateKey(options.keyPem ?? pem));
}

describe("client secret", () => {
  it("issues a v1-format Graph token with the caller's roles", async () => {
    const reply = await postToken(DEFAULT_SOURCE_TENANT_ID, secretForm());
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ token_type: "Bearer", expires_in: 3599 });
    const claims = decodeJwt(reply.body.access_token);
    expect(claims).toMatchObject({
      aud: "https://graph.microsoft.com",
      iss: `https://sts.windows.net/${DEFAULT_SOURCE_TENANT_ID}/`,
      tid: DEFAULT_SOURCE_TENANT_ID,
      appid: CONTOSO_CALLERS.cts.appId,
      azp: CONTOSO_CALLERS.cts.appId,
      appidacr: "1",
      oid: CONTOSO_CALLERS.cts.servicePrincipalId,
      sub: CONTOSO_CALLERS.cts.servicePrincipalId,
      idtyp: "app",
      ver: "1.0",
    });
    expect(claims.roles).toEqual([...PROVIDER_ROLES]);
    expect((claims.exp as number) - (claims.iat as number)).toBe(3599);
  });

  it("accepts HTTP Basic client authentication and the tenant's domain", async () => {
    const basic = Buffer.from(
      `${encodeURIComponent(FABRIKAM_CALLERS.cts.appId)}:${encodeURIComponent(FABRIKAM_CALLERS.cts.clientSecret)}`,
    ).toString("base64");
    const reply = await postToken(
      "fabrikam.onmicrosoft.com",
      { grant_type: "client_credentials", scope: SCOPE },
      { authorization: `Basic ${basic}` },
    );
    expect(reply.status).toBe(200);
    expect(decodeJwt(reply.body.access_token).tid).toBe(DEFAULT_TARGET_TENANT_ID);
  });

  it("rejects a wrong secret with AADSTS7000215 (401 invalid_client)", async () => {
    const reply = await postToken(DEFAULT_SOURCE_TENANT_ID, secretForm({ client_secret: "wrong" }));
    expectAadsts(reply, 401, "invalid_client", 7000215);
    expect(reply.body.correlation_id).toBe("test-correlation");
  });

  it("rejects a secret of another tenant's app with AADSTS700016", async () => {
    const reply = await postToken(DEFAULT_TARGET_TENANT_ID, secretForm());
    expectAadsts(reply, 400, "unauthorized_client", 700016);
    expect(reply.body.error_description).toContain(`'${CONTOSO_CALLERS.cts.appId}'`);
  });

  it("rejects an unknown tenant with AADSTS90002", async () => {
    expectAadsts(
      await postToken("unknown.onmicrosoft.com", secretForm()),
      400,
      "invalid_request",
      90002,
    );
  });

  it("rejects any scope but Graph's .default with AADSTS70011", async () => {
    for (const scope of ["User.Read", "https://management.azure.com/.default", ""]) {
      expectAadsts(
        await postToken(DEFAULT_SOURCE_TENANT_ID, secretForm({ scope })),
        400,
        "invalid_scope",
        70011,
      );
    }
  });

  it("rejects other grant types with AADSTS70003", async () => {
    const reply = await postToken(DEFAULT_SOURCE_TENANT_ID, secretForm({ grant_type: "password" }));
    expectAadsts(reply, 400, "unsupported_grant_type", 70003);
  });

  it("asks for a credential when none is sent (AADSTS7000216)", async () => {
    const form = secretForm();
    delete (form as Record<string, string>).client_secret;
    expectAadsts(await postToken(DEFAULT_SOURCE_TENANT_ID, form), 401, "invalid_client", 7000216);
  });
});

describe("certificate assertion", () => {
  const assertionForm = (assertion: string) => ({
    grant_type: "client_credentials",
    client_id: CONTOSO_CALLERS.cts.appId,
    client_assertion_type: JWT_BEARER,
    client_assertion: assertion,
    scope: SCOPE,
  });

  it.each(["RS256", "PS256"] as const)(
    "accepts an assertion signed %s by the registered certificate",
    async (alg) => {
      const reply = await postToken(
        DEFAULT_SOURCE_TENANT_ID,
        assertionForm(await certificateAssertion({ alg })),
      );
      expect(reply.status).toBe(200);
      expect(decodeJwt(reply.body.access_token).appidacr).toBe("2");
    },
  );

  it("rejects an assertion signed by an unregistered key with AADSTS700027", async () => {
    const { privateKey } = await generateKeyPair("RS256", { extractable: true });
    const { exportPKCS8 } = await import("jose");
    const reply = await postToken(
      DEFAULT_SOURCE_TENANT_ID,
      assertionForm(await certificateAssertion({ keyPem: await exportPKCS8(privateKey) })),
    );
    expectAadsts(reply, 401, "invalid_client", 700027);
  });

  it("rejects an assertion for another audience with AADSTS700027", async () => {
    const reply = await postToken(
      DEFAULT_SOURCE_TENANT_ID,
      assertionForm(
        await certificateAssertion({ audience: "https://login.example/other/oauth2/v2.0/token" }),
      ),
    );
    expectAadsts(reply, 401, "invalid_client", 700027);
    expect(reply.body.error_description).toContain("'aud'");
  });

  it("rejects an expired assertion with AADSTS700024", async () => {
    const reply = await postToken(
      DEFAULT_SOURCE_TENANT_ID,
      assertionForm(await certificateAssertion({ expiresInSeconds: -3600 })),
    );
    expectAadsts(reply, 401, "invalid_client", 700024);
  });

  it("rejects a malformed assertion with AADSTS50027", async () => {
    expectAadsts(
      await postToken(DEFAULT_SOURCE_TENANT_ID, assertionForm("abc.def")),
      401,
      "invalid_client",
      50027,
    );
  });
});

describe("federated assertion (GitHub OIDC)", () => {
  const federatedForm = (assertion: string, clientId: string = CONTOSO_CALLERS.cts.appId) => ({
    grant_type: "client_credentials",
    client_id: clientId,
    client_assertion_type: JWT_BEARER,
    client_assertion: assertion,
    scope: SCOPE,
  });

  it("serves the fake issuer's discovery document and mints tokens over HTTP", async () => {
    const discovery = await emulator.request(
      "GET",
      "/_emulator/github-oidc/.well-known/openid-configuration",
    );
    expect(discovery.body.issuer).toBe(emulator.settings.githubIssuer);
    expect(emulator.settings.githubIssuer).toBe(
      `${emulator.settings.graphUrl}/_emulator/github-oidc`,
    );
    const minted = await emulator.request("POST", "/_emulator/github-oidc/token", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ subject: FEDERATED_SUBJECT }),
    });
    expect(minted.status).toBe(200);
    expect(decodeJwt(minted.body.value)).toMatchObject({
      iss: emulator.settings.githubIssuer,
      sub: FEDERATED_SUBJECT,
      aud: "api://AzureADTokenExchange",
      repository: "contoso/identity-infra",
      environment: "production",
    });
  });

  it("exchanges a GitHub token matching the federated credential, in both tenants", async () => {
    const assertion = await emulator.emulator.mintGitHubToken(FEDERATED_SUBJECT);
    const source = await postToken(DEFAULT_SOURCE_TENANT_ID, federatedForm(assertion));
    expect(source.status).toBe(200);
    expect(decodeJwt(source.body.access_token)).toMatchObject({
      appidacr: "2",
      tid: DEFAULT_SOURCE_TENANT_ID,
    });
    const target = await postToken(
      DEFAULT_TARGET_TENANT_ID,
      federatedForm(assertion, FABRIKAM_CALLERS.cts.appId),
    );
    expect(target.status).toBe(200);
  });

  it("rejects another subject with AADSTS70021", async () => {
    const assertion = await emulator.emulator.mintGitHubToken(
      "repo:contoso/identity-infra:ref:refs/heads/main",
    );
    const reply = await postToken(DEFAULT_SOURCE_TENANT_ID, federatedForm(assertion));
    expectAadsts(reply, 400, "invalid_request", 70021);
    expect(reply.body.error_description).toContain(
      "Assertion Subject: 'repo:contoso/identity-infra:ref:refs/heads/main'",
    );
  });

  it("rejects another audience with AADSTS70021", async () => {
    const assertion = await emulator.emulator.mintGitHubToken(
      FEDERATED_SUBJECT,
      "api://SomethingElse",
    );
    expectAadsts(
      await postToken(DEFAULT_SOURCE_TENANT_ID, federatedForm(assertion)),
      400,
      "invalid_request",
      70021,
    );
  });

  it("rejects a token from an app without a federated credential with AADSTS70021", async () => {
    const assertion = await emulator.emulator.mintGitHubToken(FEDERATED_SUBJECT);
    const reply = await postToken(
      DEFAULT_SOURCE_TENANT_ID,
      federatedForm(assertion, CONTOSO_CALLERS.auditor.appId),
    );
    expectAadsts(reply, 400, "invalid_request", 70021);
  });

  it("rejects a look-alike token not signed by the issuer with AADSTS700027", async () => {
    const genuine = decodeJwt(await emulator.emulator.mintGitHubToken(FEDERATED_SUBJECT));
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(genuine).setProtectedHeader({ alg: "RS256" }).sign(privateKey);
    expectAadsts(
      await postToken(DEFAULT_SOURCE_TENANT_ID, federatedForm(forged)),
      401,
      "invalid_client",
      700027,
    );
  });
});

describe("request log of the token authority", () => {
  it("records token requests with tenant and app but never a secret or an assertion", async () => {
    const assertion = await emulator.emulator.mintGitHubToken(FEDERATED_SUBJECT);
    await postToken(DEFAULT_SOURCE_TENANT_ID, secretForm());
    await postToken(DEFAULT_SOURCE_TENANT_ID, {
      grant_type: "client_credentials",
      client_id: CONTOSO_CALLERS.cts.appId,
      client_assertion_type: JWT_BEARER,
      client_assertion: assertion,
      scope: SCOPE,
    });
    const log = await emulator.request("GET", "/_emulator/log");
    const text = JSON.stringify(log.body);
    expect(text).not.toContain(CONTOSO_CALLERS.cts.clientSecret);
    expect(text).not.toContain(assertion.split(".")[1]);
    const tokenEntries = log.body.value.filter((entry: { kind: string }) => entry.kind === "token");
    expect(tokenEntries.at(-1)).toMatchObject({
      method: "POST",
      path: `/${DEFAULT_SOURCE_TENANT_ID}/oauth2/v2.0/token`,
      routeKey: "POST /{tenant}/oauth2/v2.0/token",
      tenantId: DEFAULT_SOURCE_TENANT_ID,
      appId: CONTOSO_CALLERS.cts.appId,
      status: 200,
      clientRequestId: "test-correlation",
    });
  });
});
