import * as fs from "node:fs";
import {
  Client,
  HTTPMessageHandler,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import type { AccessToken, TokenCredential } from "@azure/identity";
import { Agent } from "undici";
import { currentDeadline } from "./deadline";
import { GraphRequestError, isCredentialErrorCode } from "./errors";
import { parseRetryAfter, withRetries, type AttemptFailure } from "./retry";
import { remedyFor } from "./remedies";

/** The public cloud's Graph; a tenant in another cloud passes its own scope (decisions/0130). */
const PUBLIC_GRAPH_SCOPE = "https://graph.microsoft.com/.default";

/** One Graph call, described so that errors and retries can speak about it. */
export interface GraphCall {
  /** What the call does, for messages: "create identitySynchronization for partner 9c5d...". */
  operation: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path below the version root, e.g. `/policies/crossTenantAccessPolicy/partners`. */
  path: string;
  version?: "v1.0" | "beta";
  body?: unknown;
  query?: Record<string, string>;
  /**
   * Statuses that mean "the object was just created and has not replicated yet" for this call:
   * retried until the deadline instead of failing (e.g. [404] right after a create; sync calls
   * on a new service principal also see 403 and 409).
   */
  consistencyStatuses?: readonly number[];
  /** Answer `undefined` instead of throwing when the object does not exist. */
  notFoundIsEmpty?: boolean;
}

/** Counts requests per tenant, for benchmarks and the "0 requests for a no-op diff" goal. */
export interface RequestCounter {
  count(tenantId: string, call: GraphCall): void;
}

/** Adds the bearer token; the Graph client's own handler would refuse a non-Microsoft host. */
class TokenMiddleware implements Middleware {
  private next?: Middleware;
  private cached?: AccessToken;

  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
  ) {}

  async execute(context: Context): Promise<void> {
    const token = await this.token();
    const headers = (context.options ??= {}).headers as Record<string, string> | undefined;
    context.options.headers = { ...(headers ?? {}), Authorization: `Bearer ${token}` };
    await this.next!.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  private async token(): Promise<string> {
    // @azure/identity caches too, but a read of our own saves its async machinery per call.
    if (this.cached && this.cached.expiresOnTimestamp - Date.now() > 5 * 60_000)
      return this.cached.token;
    const token = await this.credential.getToken(this.scope);
    if (!token) throw new Error("The credential returned no token for Microsoft Graph.");
    this.cached = token;
    return token.token;
  }
}

/** Options for a tenant's Graph session. */
export interface GraphSessionOptions {
  tenantId: string;
  graphUrl: string;
  credential: TokenCredential;
  /** Token scope: the Graph resource of the tenant's cloud. Default: the public cloud's. */
  scope?: string;
  caFile?: string;
  operationTimeoutInMs: number;
  counter?: RequestCounter;
}

function isNetworkFailure(error: { code?: string | null; message?: string }): boolean {
  return (
    error.code === "TypeError" ||
    error.code === "FetchError" ||
    /fetch failed|ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|socket hang up|other side closed/i.test(
      error.message ?? "",
    )
  );
}

function statusOf(error: unknown): AttemptFailure | undefined {
  const candidate = error as {
    statusCode?: number;
    headers?: Headers;
    name?: string;
    code?: string | null;
  };
  if (typeof candidate?.statusCode !== "number") return undefined;
  if (isCredentialErrorCode(candidate.code)) return undefined;
  // The Graph client reports any error thrown on our side (a missing certificate file, a
  // credential that gave no token) as status -1; only network failures are worth retrying.
  if (candidate.statusCode === -1 && !isNetworkFailure(candidate)) return undefined;
  const retryAfter = parseRetryAfter(candidate.headers?.get?.("retry-after"));
  return {
    statusCode: candidate.statusCode === -1 ? 0 : candidate.statusCode,
    retryAfterSeconds: retryAfter,
  };
}

/**
 * Graph access for one tenant: the Microsoft Graph client with our token middleware, retries
 * with Retry-After and jitter, replication-lag waits, and errors that name what failed and why.
 */
export class GraphSession {
  private readonly client: Client;

  constructor(private readonly options: GraphSessionOptions) {
    const tokens = new TokenMiddleware(options.credential, this.scope);
    tokens.setNext(new HTTPMessageHandler());
    const ca = options.caFile ? fs.readFileSync(options.caFile, "utf8") : undefined;
    this.client = Client.initWithMiddleware({
      middleware: tokens,
      baseUrl: `${options.graphUrl}/`,
      defaultVersion: "v1.0",
      // Node's fetch ignores TLS options; an undici dispatcher is how it trusts an extra CA.
      ...(ca
        ? { fetchOptions: { dispatcher: new Agent({ connect: { ca } }) } as RequestInit }
        : {}),
    });
  }

  /** The scope this session's tokens are requested with. */
  get scope(): string {
    return this.options.scope ?? PUBLIC_GRAPH_SCOPE;
  }

  get tenantId(): string {
    return this.options.tenantId;
  }

  /** Runs a call with retries; answers the parsed JSON body (undefined for 204). */
  async call<T = Record<string, unknown>>(call: GraphCall): Promise<T> {
    const limit = currentDeadline() ?? Date.now() + this.options.operationTimeoutInMs;
    try {
      return await withRetries(() => this.once<T>(call), statusOf, {
        deadline: limit,
        consistencyStatuses: call.consistencyStatuses,
        // A POST that failed without an answer may have been applied: repeating it could make
        // a duplicate. Only answers that say "not done" (429, 503) are retried for POST.
        idempotent: call.method !== "POST",
      });
    } catch (error) {
      const failure = statusOf(error);
      if (call.notFoundIsEmpty && failure?.statusCode === 404) return undefined as T;
      throw this.toRequestError(call, error);
    }
  }

  private async once<T>(call: GraphCall): Promise<T> {
    this.options.counter?.count(this.options.tenantId, call);
    let request = this.client.api(call.path).version(call.version ?? "v1.0");
    if (call.query) request = request.query(call.query);
    switch (call.method) {
      case "GET":
        return (await request.get()) as T;
      case "POST":
        return (await request.post(call.body ?? {})) as T;
      case "PUT":
        return (await request.put(call.body ?? {})) as T;
      case "PATCH":
        return (await request.patch(call.body ?? {})) as T;
      case "DELETE":
        return (await request.delete()) as T;
    }
  }

  private toRequestError(call: GraphCall, error: unknown): GraphRequestError {
    const graphError = error as {
      statusCode?: number;
      code?: string | null;
      requestId?: string | null;
      message?: string;
      body?: unknown;
      headers?: Headers;
    };
    let details: Array<{ code?: string; message?: string; target?: string }> = [];
    if (typeof graphError.body === "string") {
      try {
        details = (JSON.parse(graphError.body) as { details?: typeof details }).details ?? [];
      } catch {
        details = [];
      }
    }
    const statusCode =
      graphError.statusCode && graphError.statusCode > 0 ? graphError.statusCode : 0;
    const code = graphError.code ?? (statusCode ? "UnknownError" : "NetworkError");
    const requestId = graphError.requestId ?? graphError.headers?.get?.("request-id") ?? undefined;
    return new GraphRequestError(
      call.operation,
      this.options.tenantId,
      statusCode,
      code,
      requestId,
      scrub(graphError.message ?? String(error)),
      remedyFor(call, statusCode, code, this.options.tenantId, details, graphError.message ?? ""),
      details,
    );
  }
}

/** Keeps bearer tokens out of messages, whatever a lower layer put there. */
function scrub(message: string): string {
  return message
    .replace(/Bearer\s+[A-Za-z0-9._~+/=-]+/g, "Bearer [redacted]")
    .replace(/eyJ[A-Za-z0-9._-]{20,}/g, "[redacted token]");
}
