/**
 * HTTP routes of the token authority and the fake GitHub OIDC issuer. Token requests are routed
 * on the path only (MSAL appends ?client-request-id=...). Each request is logged without its
 * body: secrets and assertions travel in the body and must never reach the log.
 */
import { randomUUID } from "node:crypto";
import type { RequestKind, RequestLog } from "../admin/requestLog";
import { httpRoute, type HttpExchange, type HttpRoute } from "../http/httpRoute";
import { header, readBody, send } from "../http/wire";
import { GITHUB_OIDC_PATH, type FakeGitHubIssuer, type GitHubTokenRequest } from "./githubOidc";
import type { AuthorityReply, TokenAuthority } from "./tokenAuthority";

export interface AuthorityRouteServices {
  authority: TokenAuthority;
  github: FakeGitHubIssuer;
  log: RequestLog;
  now: () => number;
}

export function authorityRoutes(services: AuthorityRouteServices): HttpRoute[] {
  const { authority, github } = services;
  const answer =
    (
      kind: RequestKind,
      routeKey: string,
      reply: (exchange: HttpExchange) => AuthorityReply | Promise<AuthorityReply>,
    ) =>
    async (exchange: HttpExchange) => {
      const started = performance.now();
      const time = new Date(services.now()).toISOString();
      const result = await reply(exchange);
      const requestId = randomUUID();
      const clientRequestId =
        exchange.query.get("client-request-id") ?? header(exchange.req, "client-request-id");
      send(exchange.res, result.status, result.body, {
        "x-ms-request-id": requestId,
        ...(clientRequestId ? { "client-request-id": clientRequestId } : {}),
        ...result.headers,
      });
      services.log.add({
        time,
        kind,
        method: exchange.method,
        path: exchange.path,
        routeKey,
        tenantId: result.tenantId,
        appId: result.appId,
        ...(result.scope ? { scope: result.scope } : {}),
        status: result.status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        requestId,
        ...(clientRequestId ? { clientRequestId } : {}),
      });
    };

  const discoveryV2 = "GET /{tenant}/v2.0/.well-known/openid-configuration";
  const token = (endpointVersion: "v2.0" | "v1") => async (exchange: HttpExchange) => {
    const text = await readBody(exchange.req);
    return authority.token({
      tenantSegment: exchange.params.tenant,
      endpointVersion,
      form: new URLSearchParams(text),
      authorization: header(exchange.req, "authorization"),
      clientRequestId:
        exchange.query.get("client-request-id") ?? header(exchange.req, "client-request-id"),
    });
  };
  const githubToken = async (exchange: HttpExchange): Promise<AuthorityReply> => {
    const request =
      exchange.method === "GET" ? fromQuery(exchange.query) : await fromBody(exchange);
    if (!request?.subject) {
      return {
        status: 400,
        body: {
          error: "invalid_request",
          error_description:
            "Failed to mint a GitHub ID token: `subject` is required, e.g. repo:contoso/identity-infra:environment:production.",
        },
      };
    }
    return { status: 200, body: { value: await github.mint(request), count: 1 } };
  };

  return [
    httpRoute(
      "GET",
      "/:tenant/v2.0/.well-known/openid-configuration",
      answer("discovery", discoveryV2, (e) =>
        authority.openIdConfiguration(e.params.tenant, "v2.0"),
      ),
    ),
    httpRoute(
      "GET",
      "/:tenant/.well-known/openid-configuration",
      answer("discovery", "GET /{tenant}/.well-known/openid-configuration", (e) =>
        authority.openIdConfiguration(e.params.tenant, "v1"),
      ),
    ),
    httpRoute(
      "GET",
      "/:tenant/discovery/v2.0/keys",
      answer("discovery", "GET /{tenant}/discovery/v2.0/keys", () => authority.jwks()),
    ),
    httpRoute(
      "GET",
      "/:tenant/discovery/keys",
      answer("discovery", "GET /{tenant}/discovery/keys", () => authority.jwks()),
    ),
    httpRoute(
      "GET",
      "/common/discovery/instance",
      answer("discovery", "GET /common/discovery/instance", () => authority.instanceDiscovery()),
    ),
    httpRoute(
      "POST",
      "/:tenant/oauth2/v2.0/token",
      answer("token", "POST /{tenant}/oauth2/v2.0/token", token("v2.0")),
    ),
    httpRoute(
      "POST",
      "/:tenant/oauth2/token",
      answer("token", "POST /{tenant}/oauth2/token", token("v1")),
    ),
    httpRoute(
      "GET",
      `${GITHUB_OIDC_PATH}/.well-known/openid-configuration`,
      answer("github-oidc", `GET ${GITHUB_OIDC_PATH}/.well-known/openid-configuration`, () => ({
        status: 200,
        body: github.discoveryDocument(),
      })),
    ),
    httpRoute(
      "GET",
      `${GITHUB_OIDC_PATH}/.well-known/jwks`,
      answer("github-oidc", `GET ${GITHUB_OIDC_PATH}/.well-known/jwks`, () => ({
        status: 200,
        body: github.jwks(),
      })),
    ),
    httpRoute(
      "POST",
      `${GITHUB_OIDC_PATH}/token`,
      answer("github-oidc", `POST ${GITHUB_OIDC_PATH}/token`, githubToken),
    ),
    httpRoute(
      "GET",
      `${GITHUB_OIDC_PATH}/token`,
      answer("github-oidc", `GET ${GITHUB_OIDC_PATH}/token`, githubToken),
    ),
  ];
}

function fromQuery(query: URLSearchParams): GitHubTokenRequest | undefined {
  const subject = query.get("subject");
  return subject ? { subject, audience: query.get("audience") ?? undefined } : undefined;
}

async function fromBody(exchange: HttpExchange): Promise<GitHubTokenRequest | undefined> {
  try {
    const body = JSON.parse((await readBody(exchange.req)) || "{}") as Partial<GitHubTokenRequest>;
    if (typeof body.subject !== "string") return undefined;
    return {
      subject: body.subject,
      audience: typeof body.audience === "string" ? body.audience : undefined,
      claims: typeof body.claims === "object" && body.claims !== null ? body.claims : undefined,
    };
  } catch {
    return undefined;
  }
}
