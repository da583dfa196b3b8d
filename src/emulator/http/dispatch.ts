import { randomUUID } from "node:crypto";
import Router from "find-my-way";
import { GraphError } from "./graphError";
import type {
  GraphRequestContext,
  GraphResponse,
  GraphRoute,
  GraphVersion,
  PermissionRequirement,
} from "./route";
import type { CallerApp, TenantState, WorldState } from "../world/types";

/** A Graph request after authentication: the token has been verified and names tenant and app. */
export interface AuthenticatedGraphRequest {
  method: string;
  version: GraphVersion;
  /** Path below the version, with its query string removed. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  tenant: TenantState;
  caller: CallerApp;
  /** Roles from the token (not re-read from the caller record, as Graph trusts the token). */
  roles: readonly string[];
  requestId?: string;
  clientRequestId?: string;
}

/** Services the dispatcher lends to handlers. */
export interface DispatchServices {
  world: WorldState;
  graphBaseUrl: (version: GraphVersion) => string;
  /**
   * Replication-lag check. `requestId` lets the lag knob count one request once however often its
   * handler asks (ctx.isVisible passes it; callers may omit it).
   */
  isVisible: (objectId: string, requestId?: string) => boolean;
  markCreated: (objectId: string) => void;
  now: () => number;
}

/** What the dispatcher answers: ready to write to the wire. */
export interface DispatchResult {
  status: number;
  headers: Record<string, string>;
  body?: unknown;
  /** The route pattern that matched (for the request log), or undefined when none did. */
  routeKey?: string;
}

interface RouteStore {
  route: GraphRoute;
  key: string;
}

/**
 * Rewrites OData key syntax that a path router cannot express:
 * `/servicePrincipals(appId='x')/...` becomes `/servicePrincipals/appId='x'/...`, so one `:id`
 * route serves both forms; handlers resolve either with the directory lookup helpers.
 */
export function normalizeGraphPath(path: string): string {
  return path.replace(/\/(applications|servicePrincipals)\((appId='[^']*')\)/g, "/$1/$2");
}

export function satisfies(roles: readonly string[], requirement: PermissionRequirement): boolean {
  return requirement.some((alternative) =>
    typeof alternative === "string"
      ? roles.includes(alternative)
      : alternative.every((role) => roles.includes(role)),
  );
}

/** Builds Graph's error envelope for a request. */
export function errorEnvelope(
  error: GraphError,
  requestId: string,
  clientRequestId: string,
  now: number,
): { error: Record<string, unknown> } {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      innerError: {
        date: new Date(now).toISOString().slice(0, 19),
        "request-id": requestId,
        "client-request-id": clientRequestId,
      },
    },
  };
}

/**
 * Routes authenticated Graph requests to handlers: matches the path per version, checks the
 * application permissions the route requires (403 Authorization_RequestDenied), runs the
 * handler and turns a thrown GraphError into Graph's envelope. Transport, authentication and
 * fault injection live outside, in the server.
 */
export class GraphDispatcher {
  private readonly routers: Record<GraphVersion, Router.Instance<Router.HTTPVersion.V1>>;

  constructor(
    routes: readonly GraphRoute[],
    private readonly services: DispatchServices,
  ) {
    this.routers = { "v1.0": Router(), beta: Router() };
    for (const route of routes) {
      for (const version of route.versions ?? (["v1.0", "beta"] as const)) {
        const store: RouteStore = { route, key: `${route.method} /${version}${route.path}` };
        this.routers[version].on(route.method, route.path, () => undefined, store);
      }
    }
  }

  /** The route key (`METHOD /version/pattern`) a request would match, for logs and knobs. */
  match(method: string, version: GraphVersion, path: string): RouteStore | undefined {
    const found = this.routers[version].find(method as Router.HTTPMethod, normalizeGraphPath(path));
    return found ? (found.store as RouteStore) : undefined;
  }

  async dispatch(request: AuthenticatedGraphRequest): Promise<DispatchResult> {
    const requestId = request.requestId ?? randomUUID();
    const clientRequestId = request.clientRequestId ?? requestId;
    const headers: Record<string, string> = {
      "request-id": requestId,
      "client-request-id": clientRequestId,
    };
    const normalized = normalizeGraphPath(request.path);
    const found = this.routers[request.version].find(
      request.method as Router.HTTPMethod,
      normalized,
    );
    const fail = (error: GraphError, routeKey?: string): DispatchResult => ({
      status: error.status,
      headers: { ...headers, ...error.headers, "content-type": "application/json" },
      body: errorEnvelope(error, requestId, clientRequestId, this.services.now()),
      routeKey,
    });
    if (!found) {
      return fail(
        new GraphError(
          400,
          "BadRequest",
          `Resource not found for the segment '${normalized.split("/").filter(Boolean).pop() ?? ""}'.`,
        ),
      );
    }
    const { route, key } = found.store as RouteStore;
    if (!satisfies(request.roles, route.permissions)) {
      return fail(GraphError.forbidden(), key);
    }
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(found.params)) {
      if (value !== undefined) params[name] = decodeURIComponent(value);
    }
    const ctx: GraphRequestContext = {
      method: request.method,
      version: request.version,
      path: normalized,
      params,
      query: request.query,
      body: request.body,
      tenant: request.tenant,
      world: this.services.world,
      caller: request.caller,
      requestId,
      graphBaseUrl: this.services.graphBaseUrl(request.version),
      isVisible: (objectId) => this.services.isVisible(objectId, requestId),
      markCreated: this.services.markCreated,
      now: this.services.now,
    };
    try {
      const response: GraphResponse = await route.handle(ctx);
      const result: DispatchResult = {
        status: response.status,
        headers: { ...headers, ...response.headers },
        body: response.body,
        routeKey: key,
      };
      if (response.body !== undefined && !result.headers["content-type"]) {
        result.headers["content-type"] = "application/json";
      }
      return result;
    } catch (error) {
      if (error instanceof GraphError) return fail(error, key);
      return fail(
        new GraphError(
          500,
          "InternalServerError",
          `The emulator failed to handle ${request.method} ${request.path}: ${(error as Error).message}`,
        ),
        key,
      );
    }
  }
}
