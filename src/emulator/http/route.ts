import type { CallerApp, TenantState, WorldState } from "../world/types";

/** Graph API versions the emulator serves. */
export type GraphVersion = "v1.0" | "beta";

/**
 * Application permissions a route accepts. Each entry is one alternative: a role name, or a list
 * of roles that are all required together (e.g. ["AppRoleAssignment.ReadWrite.All",
 * "Application.Read.All"]). A caller passes when its token's `roles` satisfy any alternative.
 */
export type PermissionRequirement = ReadonlyArray<string | readonly string[]>;

/** What a Graph handler receives. */
export interface GraphRequestContext {
  method: string;
  version: GraphVersion;
  /** Path below the version, e.g. `/policies/crossTenantAccessPolicy/partners/abc`. */
  path: string;
  /** Route parameters from the path pattern (find-my-way `:name`). */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined when the request had none. */
  body: unknown;
  /** The tenant named by the token's `tid`. */
  tenant: TenantState;
  world: WorldState;
  /** The calling app (from the token's `appid`). */
  caller: CallerApp;
  requestId: string;
  /** `https://127.0.0.1:<port>/<version>`: for `@odata.context` values. */
  graphBaseUrl: string;
  /**
   * Replication-lag check for a just-created object: false while the lag knob hides it.
   * Handlers call it (through `requireVisible`) on reads and on calls addressed to the object.
   */
  isVisible(objectId: string): boolean;
  /** Records a newly created object so the replication-lag knob can hide it for a while. */
  markCreated(objectId: string): void;
  /** Milliseconds since epoch, from the emulator's clock (tests may freeze it). */
  now(): number;
}

/** What a handler answers; the dispatcher serializes `body` as JSON. */
export interface GraphResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One Graph route. `path` is relative to the version root and uses find-my-way syntax. */
export interface GraphRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  permissions: PermissionRequirement;
  /** Versions that serve this route (default both). */
  versions?: readonly GraphVersion[];
  handle(ctx: GraphRequestContext): GraphResponse | Promise<GraphResponse>;
}

/** Tiny factory so handler files read like a table of routes. */
export function route(
  method: GraphRoute["method"],
  path: string,
  permissions: PermissionRequirement,
  handle: GraphRoute["handle"],
  versions?: readonly GraphVersion[],
): GraphRoute {
  return { method, path, permissions, handle, versions };
}
