/**
 * A stand-in for GitHub Actions' OIDC provider (token.actions.githubusercontent.com), hosted by
 * the emulator under /_emulator/github-oidc so federated credentials can be exercised offline.
 */
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { jwks, type SigningKey } from "./signingKey";

export const GITHUB_OIDC_PATH = "/_emulator/github-oidc";
/** The audience Entra expects in federated assertions. */
export const TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";
/** GitHub's ID tokens are short-lived; 5 minutes like theirs. */
const ID_TOKEN_LIFETIME_SECONDS = 300;

export interface GitHubTokenRequest {
  subject: string;
  audience?: string;
  /** Extra claims (repository, ref, ...); the standard ones cannot be overridden. */
  claims?: Record<string, unknown>;
}

export class FakeGitHubIssuer {
  constructor(
    /** `https://127.0.0.1:<port>/_emulator/github-oidc` */
    readonly issuer: string,
    private readonly key: SigningKey,
    private readonly now: () => number,
  ) {}

  get publicKey(): SigningKey["publicKey"] {
    return this.key.publicKey;
  }

  discoveryDocument(): Record<string, unknown> {
    return {
      issuer: this.issuer,
      jwks_uri: `${this.issuer}/.well-known/jwks`,
      subject_types_supported: ["public", "pairwise"],
      response_types_supported: ["id_token"],
      claims_supported: [
        "sub",
        "aud",
        "exp",
        "iat",
        "iss",
        "jti",
        "nbf",
        "ref",
        "repository",
        "repository_owner",
        "environment",
        "actor",
        "run_id",
      ],
      id_token_signing_alg_values_supported: ["RS256"],
      scopes_supported: ["openid"],
    };
  }

  jwks(): ReturnType<typeof jwks> {
    return jwks([this.key]);
  }

  /** Mints an ID token like the one a workflow gets from ACTIONS_ID_TOKEN_REQUEST_URL. */
  async mint(request: GitHubTokenRequest): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    return new SignJWT({
      ...claimsFromSubject(request.subject),
      ...request.claims,
      jti: randomUUID(),
      sub: request.subject,
      aud: request.audience ?? TOKEN_EXCHANGE_AUDIENCE,
      iss: this.issuer,
      iat,
      nbf: iat,
      exp: iat + ID_TOKEN_LIFETIME_SECONDS,
    })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: this.key.kid, x5t: this.key.kid })
      .sign(this.key.privateKey);
  }
}

/** `repo:owner/name:environment:prod` -> the claims GitHub puts beside such a subject. */
function claimsFromSubject(subject: string): Record<string, string> {
  const match = /^repo:([^/:]+)\/([^:]+):(environment|ref|pull_request)(?::(.*))?$/.exec(subject);
  if (!match) return {};
  const [, owner, repo, kind, value] = match;
  const claims: Record<string, string> = {
    repository: `${owner}/${repo}`,
    repository_owner: owner,
    event_name: kind === "pull_request" ? "pull_request" : "push",
  };
  if (kind === "environment" && value) claims.environment = value;
  if (kind === "ref" && value) claims.ref = value;
  return claims;
}
