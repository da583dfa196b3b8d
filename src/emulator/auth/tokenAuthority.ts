/**
 * The Entra token authority, as far as client-credentials callers see it: OpenID discovery,
 * JWKS, instance discovery and the v2.0 token endpoint (decisions/reference/graph-cts.md §9, decisions/reference/harness-notes.md §4).
 * Transport-free: the server hands it parsed requests and writes what it returns.
 */
import type { WorldStore } from "../world/store";
import type { TenantState } from "../world/types";
import { issueAccessToken, GRAPH_AUDIENCE } from "./accessToken";
import { AadstsError, aadsts } from "./aadstsError";
import { authenticateClient, type ClientProof } from "./clientAuthentication";
import type { FakeGitHubIssuer } from "./githubOidc";
import { jwks, type SigningKey } from "./signingKey";

/** A reply ready for the wire, plus who asked (for the request log). */
export interface AuthorityReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  tenantId?: string;
  appId?: string;
  /** The scope (or v1 resource) a token request asked for: logged, it is not a secret. */
  scope?: string;
}

export interface TokenRequest {
  tenantSegment: string;
  /** `v2.0` for /oauth2/v2.0/token, `v1` for /oauth2/token (takes `resource` instead of `scope`). */
  endpointVersion: "v2.0" | "v1";
  form: URLSearchParams;
  authorization?: string;
  clientRequestId?: string;
}

export class TokenAuthority {
  constructor(
    private readonly store: WorldStore,
    private readonly key: SigningKey,
    private readonly github: FakeGitHubIssuer,
    /** `https://127.0.0.1:<port>` */
    private readonly origin: string,
    private readonly now: () => number,
    /** The Graph resource of the cloud this authority stands for (decisions/0131). */
    private readonly graphAudience: string = GRAPH_AUDIENCE,
  ) {}

  /** GET /{tenant}/v2.0/.well-known/openid-configuration (and the v1 form without v2.0). */
  openIdConfiguration(tenantSegment: string, version: "v2.0" | "v1"): AuthorityReply {
    const tenant = this.store.tenantByIdOrDomain(tenantSegment);
    if (!tenant) return this.fail(aadsts.tenantNotFound(tenantSegment));
    const base = `${this.origin}/${tenant.id}`;
    const v2 = version === "v2.0";
    return {
      status: 200,
      tenantId: tenant.id,
      body: {
        token_endpoint: v2 ? `${base}/oauth2/v2.0/token` : `${base}/oauth2/token`,
        token_endpoint_auth_methods_supported: [
          "client_secret_post",
          "private_key_jwt",
          "client_secret_basic",
        ],
        jwks_uri: v2 ? `${base}/discovery/v2.0/keys` : `${base}/discovery/keys`,
        response_modes_supported: ["query", "fragment", "form_post"],
        subject_types_supported: ["pairwise"],
        id_token_signing_alg_values_supported: ["RS256"],
        response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
        scopes_supported: ["openid", "profile", "email", "offline_access"],
        // MSAL checks that the issuer is on the authority's own host.
        issuer: v2 ? `${base}/v2.0` : `${this.origin}/${tenant.id}/`,
        request_uri_parameter_supported: false,
        authorization_endpoint: v2 ? `${base}/oauth2/v2.0/authorize` : `${base}/oauth2/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        claims_supported: [
          "sub",
          "iss",
          "aud",
          "exp",
          "iat",
          "nbf",
          "tid",
          "oid",
          "roles",
          "appid",
        ],
        tenant_region_scope: "EU",
        cloud_instance_name: "127.0.0.1",
        cloud_graph_host_name: "127.0.0.1",
        msgraph_host: new URL(this.origin).host,
      },
    };
  }

  jwks(): AuthorityReply {
    return { status: 200, body: jwks([this.key]) };
  }

  /** GET /common/discovery/instance: answers for the emulator's host only. */
  instanceDiscovery(): AuthorityReply {
    const host = new URL(this.origin).host;
    return {
      status: 200,
      body: {
        tenant_discovery_endpoint: `${this.origin}/{tenant}/v2.0/.well-known/openid-configuration`,
        "api-version": "1.1",
        metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
      },
    };
  }

  async token(request: TokenRequest): Promise<AuthorityReply> {
    let tenantId: string | undefined;
    let appId: string | undefined;
    const scope =
      (request.endpointVersion === "v1"
        ? request.form.get("resource")
        : request.form.get("scope")
      )?.trim() || undefined;
    try {
      const tenant = this.store.tenantByIdOrDomain(request.tenantSegment);
      if (!tenant) throw aadsts.tenantNotFound(request.tenantSegment);
      tenantId = tenant.id;
      const { form } = request;
      const grantType = form.get("grant_type");
      if (!grantType) throw aadsts.missingParameter("grant_type");
      if (grantType !== "client_credentials") throw aadsts.unsupportedGrant(grantType);
      const basic = parseBasic(request.authorization);
      appId = form.get("client_id") ?? basic?.clientId ?? undefined;
      if (!appId) throw aadsts.missingParameter("client_id");
      const caller = this.store.caller(tenant, appId);
      if (!caller) throw aadsts.unknownApp(appId, tenant.displayName);
      checkScope(request.endpointVersion, form, this.graphAudience);
      const proof: ClientProof = {
        secret: form.get("client_secret") ?? basic?.secret,
        assertionType: form.get("client_assertion_type") ?? undefined,
        assertion: form.get("client_assertion") ?? undefined,
      };
      const method = await authenticateClient(caller, proof, {
        tokenEndpoints: this.tokenEndpoints(tenant, request.tenantSegment),
        nowSeconds: Math.floor(this.now() / 1000),
        issuerKey: (issuer) => (issuer === this.github.issuer ? this.github.publicKey : undefined),
      });
      const { accessToken, expiresIn } = await issueAccessToken(
        this.key,
        tenant,
        caller,
        method,
        this.now(),
        this.graphAudience,
      );
      return {
        status: 200,
        tenantId,
        appId,
        scope,
        headers: { "cache-control": "no-store, no-cache", pragma: "no-cache" },
        body: {
          token_type: "Bearer",
          expires_in: expiresIn,
          ext_expires_in: expiresIn,
          access_token: accessToken,
        },
      };
    } catch (error) {
      if (error instanceof AadstsError)
        return { ...this.fail(error, request.clientRequestId), tenantId, appId, scope };
      throw error;
    }
  }

  private tokenEndpoints(tenant: TenantState, requested: string): string[] {
    const segments = [...new Set([tenant.id, tenant.domain, requested])];
    return segments.flatMap((segment) => [
      `${this.origin}/${segment}/oauth2/v2.0/token`,
      `${this.origin}/${segment}/oauth2/token`,
    ]);
  }

  private fail(error: AadstsError, correlationId?: string): AuthorityReply {
    return {
      status: error.status,
      headers: error.status === 401 ? { "www-authenticate": 'Basic realm="emulator"' } : undefined,
      body: error.body(this.now(), this.origin, correlationId),
    };
  }
}

/** Only the emulator's own cloud's Graph: a token for another cloud's Graph is refused. */
function checkScope(endpointVersion: "v2.0" | "v1", form: URLSearchParams, audience: string): void {
  const expected = `${audience}/.default`;
  if (endpointVersion === "v1") {
    const resource = form.get("resource") ?? "";
    if (resource.replace(/\/$/, "") !== audience) throw aadsts.invalidScope(resource, expected);
    return;
  }
  const scope = (form.get("scope") ?? "").trim();
  if (scope !== expected) throw aadsts.invalidScope(scope, expected);
}

/** HTTP Basic client authentication: base64(urlencode(id):urlencode(secret)) per RFC 6749 §2.3.1. */
function parseBasic(header: string | undefined): { clientId: string; secret: string } | undefined {
  if (!header?.toLowerCase().startsWith("basic ")) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return {
    clientId: formDecode(decoded.slice(0, colon)),
    secret: formDecode(decoded.slice(colon + 1)),
  };
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}
