/**
 * Graph access tokens as Entra issues them for app-only callers: v1.0-format JWTs with `roles`
 * (decisions/reference/graph-cts.md §9.2), signed RS256 by the emulator's key.
 */
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { CallerApp, TenantState } from "../world/types";
import type { SigningKey } from "./signingKey";

export const GRAPH_AUDIENCE = "https://graph.microsoft.com";
export const GRAPH_DEFAULT_SCOPE = "https://graph.microsoft.com/.default";
/** MSAL refreshes tokens 5 minutes before expiry; a shorter lifetime would defeat its cache. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 3599;

/** How the caller proved itself: the `appidacr` claim ("1" secret, "2" certificate/assertion). */
export type ClientAuthenticationMethod = "secret" | "certificate" | "federated";

/** The claims the Graph front reads back from a token. */
export interface AccessTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  oid: string;
  roles: string[];
  iat: number;
  nbf: number;
  exp: number;
}

export function stsIssuer(tenantId: string): string {
  return `https://sts.windows.net/${tenantId}/`;
}

export async function issueAccessToken(
  key: SigningKey,
  tenant: TenantState,
  caller: CallerApp,
  method: ClientAuthenticationMethod,
  nowMs: number,
  /** The Graph resource of the emulator's cloud (decisions/0131). */
  audience: string = GRAPH_AUDIENCE,
): Promise<{ accessToken: string; expiresIn: number }> {
  const iat = Math.floor(nowMs / 1000);
  const issuer = stsIssuer(tenant.id);
  const accessToken = await new SignJWT({
    aud: audience,
    iss: issuer,
    iat,
    nbf: iat,
    exp: iat + ACCESS_TOKEN_LIFETIME_SECONDS,
    app_displayname: caller.displayName,
    appid: caller.appId,
    appidacr: method === "secret" ? "1" : "2",
    azp: caller.appId,
    azpacr: method === "secret" ? "1" : "2",
    idp: issuer,
    idtyp: "app",
    oid: caller.servicePrincipalId,
    roles: [...caller.roles],
    sub: caller.servicePrincipalId,
    tid: tenant.id,
    uti: randomUUID().replace(/-/g, "").slice(0, 22),
    ver: "1.0",
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: key.kid, x5t: key.kid })
    .sign(key.privateKey);
  return { accessToken, expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS };
}
