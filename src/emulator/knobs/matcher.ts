import type { RequestMatcher } from "./settings";

/** What the knobs know about a Graph request when they decide. */
export interface KnobRequest {
  method: string;
  /** Path including the version, without the query: `/v1.0/servicePrincipals/abc`. */
  path: string;
  /** Route key (`GET /v1.0/servicePrincipals/:id`), or undefined when no route matched. */
  routeKey: string | undefined;
  tenantId: string;
  appId: string;
}

/** Compiles a matcher once so the hot path does not rebuild regular expressions. */
export function compileMatcher(
  matcher: RequestMatcher | undefined,
): (request: KnobRequest) => boolean {
  if (!matcher) return () => true;
  const method = matcher.method?.toUpperCase();
  let path: RegExp | undefined;
  try {
    path = matcher.path === undefined ? undefined : new RegExp(matcher.path);
  } catch (error) {
    throw new Error(
      `Failed to read knob settings: match.path '${matcher.path}' is not a regular expression (${(error as Error).message}).`,
    );
  }
  return (request) =>
    (matcher.route === undefined || matcher.route === request.routeKey) &&
    (method === undefined || method === request.method) &&
    (matcher.tenant === undefined || matcher.tenant === request.tenantId) &&
    (path === undefined || path.test(request.path));
}
