/**
 * What the emulator saw: one entry per request to the token authority or Graph, and counts per
 * route and tenant. Entries carry no header values, bodies or query strings, so no token,
 * secret or assertion can end up here (decisions/0007-request-log.md).
 */

export type RequestKind = "graph" | "token" | "discovery" | "github-oidc";

export interface RequestLogEntry {
  /** ISO time on the emulator clock when the request arrived. */
  time: string;
  kind: RequestKind;
  method: string;
  /** Path without the query string. */
  path: string;
  /** Route pattern (`GET /v1.0/servicePrincipals/:id`), or undefined when none matched. */
  routeKey?: string;
  /** Tenant GUID, when the request named a known tenant. */
  tenantId?: string;
  /** Client id of the calling app, when known. */
  appId?: string;
  /** Token requests: the scope (or v1 resource) asked for. */
  scope?: string;
  status: number;
  durationMs: number;
  requestId: string;
  clientRequestId?: string;
  /** Set when a knob answered instead of the handler. */
  fault?: "throttle" | "fault";
  /** Milliseconds of injected latency. */
  delayMs?: number;
}

export interface RequestCounts {
  total: number;
  byRoute: Record<string, number>;
  byTenant: Record<string, number>;
  /** tenant id -> route key -> count. */
  byTenantRoute: Record<string, Record<string, number>>;
  byStatus: Record<string, number>;
}

const UNMATCHED = "(unmatched)";
const NO_TENANT = "(none)";

/** Bounded log: the newest `limit` entries are kept; counts cover every request since reset. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private counts: RequestCounts = emptyCounts();

  constructor(private readonly limit = 10_000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    // Trim in batches so the hot path stays O(1) amortized.
    if (this.entries.length >= 2 * this.limit) this.entries = this.entries.slice(-this.limit);
    const route = entry.routeKey ?? UNMATCHED;
    const tenant = entry.tenantId ?? NO_TENANT;
    const c = this.counts;
    c.total += 1;
    c.byRoute[route] = (c.byRoute[route] ?? 0) + 1;
    c.byTenant[tenant] = (c.byTenant[tenant] ?? 0) + 1;
    const perTenant = (c.byTenantRoute[tenant] ??= {});
    perTenant[route] = (perTenant[route] ?? 0) + 1;
    c.byStatus[entry.status] = (c.byStatus[entry.status] ?? 0) + 1;
  }

  /** Entries, oldest first (a copy). */
  list(): RequestLogEntry[] {
    return this.entries.slice(-this.limit);
  }

  summary(): RequestCounts {
    return structuredClone(this.counts);
  }

  clear(): void {
    this.entries = [];
    this.counts = emptyCounts();
  }
}

function emptyCounts(): RequestCounts {
  return { total: 0, byRoute: {}, byTenant: {}, byTenantRoute: {}, byStatus: {} };
}
