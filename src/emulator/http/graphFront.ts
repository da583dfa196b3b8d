/**
 * Graph's front door: bearer-token check, JSON body, fault knobs, then the dispatcher. Kept
 * cheap per request (cached token verification, one router lookup, no sync crypto) because the
 * emulator's goal is >= 1,500 Graph requests/s through the real client over TLS.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestLog } from "../admin/requestLog";
import { BearerVerifier, InvalidTokenError, INVALID_TOKEN_MESSAGES } from "../auth/bearerVerifier";
import type { KnobController } from "../knobs/controller";
import type { KnobVerdict } from "../knobs/verdict";
import type { WorldStore } from "../world/store";
import { errorEnvelope, type GraphDispatcher } from "./dispatch";
import { GraphError } from "./graphError";
import type { GraphVersion } from "./route";
import { BodyTooLargeError, MAX_GRAPH_BODY_BYTES, header, readBody, send } from "./wire";
import { MAX_JSON_DEPTH, exceedsJsonDepth } from "./jsonDepth";

/** Graph answers every request with a diagnostic header like this one. */
const AGS_DIAGNOSTIC = JSON.stringify({
  ServerInfo: {
    DataCenter: "Local",
    Slice: "E",
    Ring: "0",
    ScaleUnit: "000",
    RoleInstance: "entra-cts-emulator",
  },
});

const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

export interface GraphFrontServices {
  store: WorldStore;
  verifier: BearerVerifier;
  dispatcher: GraphDispatcher;
  knobs: KnobController;
  log: RequestLog;
  now: () => number;
}

/** `/v1.0/...` or `/beta/...` -> version and the path below it; undefined for other paths. */
export function graphPath(path: string): { version: GraphVersion; rest: string } | undefined {
  for (const version of ["v1.0", "beta"] as const) {
    if (path.startsWith(`/${version}/`) || path === `/${version}`) {
      return { version, rest: path.slice(version.length + 1) || "/" };
    }
  }
  return undefined;
}

/** OData key syntax arrives percent-encoded from some clients: `(appId=%27x%27)`. */
function decodeKeySyntax(path: string): string {
  return path.replace(/%27/gi, "'").replace(/%28/gi, "(").replace(/%29/gi, ")");
}

export class GraphFront {
  constructor(private readonly services: GraphFrontServices) {}

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    target: { version: GraphVersion; rest: string; path: string; query: string },
  ): Promise<void> {
    const { store, verifier, dispatcher, knobs, log, now } = this.services;
    const started = performance.now();
    const time = new Date(now()).toISOString();
    const method = req.method ?? "GET";
    const requestId = randomUUID();
    const clientRequestId = header(req, "client-request-id") ?? requestId;
    const baseHeaders: Record<string, string> = {
      "request-id": requestId,
      "client-request-id": clientRequestId,
      "x-ms-ags-diagnostic": AGS_DIAGNOSTIC,
    };
    // Filled in once the token is read; the log entry of an early failure has neither.
    const who: { tenantId?: string; appId?: string } = {};
    let routeKey: string | undefined;
    let fault: "throttle" | "fault" | undefined;
    let delayMs = 0;
    const finish = (status: number, body: unknown, headers: Record<string, string>) => {
      send(res, status, body, headers);
      log.add({
        time,
        kind: "graph",
        method,
        path: target.path,
        routeKey,
        tenantId: who.tenantId,
        appId: who.appId,
        status,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        requestId,
        clientRequestId,
        ...(fault ? { fault } : {}),
        ...(delayMs ? { delayMs } : {}),
      });
    };
    const fail = (error: GraphError, extra: Record<string, string> = {}) =>
      finish(error.status, errorEnvelope(error, requestId, clientRequestId, now()), {
        ...baseHeaders,
        ...extra,
        ...error.headers,
      });

    // 1. Who is calling: only tokens this emulator issued, for a tenant it knows.
    const authorization = header(req, "authorization") ?? "";
    const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1]?.trim();
    if (!token)
      return fail(invalidToken(INVALID_TOKEN_MESSAGES.empty), {
        "www-authenticate": WWW_AUTHENTICATE,
      });
    let claims;
    try {
      claims = await verifier.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      return fail(invalidToken(error.message), { "www-authenticate": WWW_AUTHENTICATE });
    }
    who.tenantId = claims.tid;
    who.appId = claims.appid;
    const tenant = store.tenantById(claims.tid);
    const caller = tenant && store.caller(tenant, claims.appid);
    if (!tenant || !caller) {
      return fail(
        invalidToken(
          "Access token validation failure. The token's tenant or app is not in the emulator's world.",
        ),
        {
          "www-authenticate": WWW_AUTHENTICATE,
        },
      );
    }

    // 2. The body, when there is one.
    let body: unknown;
    try {
      const text = await readBody(req, MAX_GRAPH_BODY_BYTES);
      if (exceedsJsonDepth(text)) {
        return fail(
          GraphError.badRequest(
            `Unable to read JSON request payload: it nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep.`,
            "BadRequest",
          ),
        );
      }
      body = text.trim() === "" ? undefined : JSON.parse(text);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        // The rest of the body is never read: closing the connection discards it.
        return fail(
          new GraphError(
            413,
            "Request_EntityTooLarge",
            `The request body is larger than Graph's limit of ${error.maxBytes} bytes. Send less per request.`,
            undefined,
            { connection: "close" },
          ),
        );
      }
      return fail(
        GraphError.badRequest(
          "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
          "BadRequest",
        ),
      );
    }

    // 3. Fault knobs (skipped entirely when all are off).
    const path = decodeKeySyntax(target.rest);
    let knobHeaders: Record<string, string> | undefined;
    if (knobs.active) {
      routeKey = dispatcher.match(method, target.version, path)?.key;
      const decision = knobs.decide({
        method,
        path: `/${target.version}${path}`,
        routeKey,
        tenantId: claims.tid,
        appId: claims.appid,
      });
      delayMs = decision.delayMs;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (decision.verdict) {
        fault = decision.verdict.kind;
        return fail(verdictError(decision.verdict));
      }
      knobHeaders = decision.headers;
    }

    // 4. The handler.
    const result = await dispatcher.dispatch({
      method,
      version: target.version,
      path,
      query: new URLSearchParams(target.query),
      body,
      tenant,
      caller,
      roles: claims.roles,
      requestId,
      clientRequestId,
    });
    routeKey = result.routeKey;
    finish(result.status, result.body, { ...baseHeaders, ...knobHeaders, ...result.headers });
  }
}

function invalidToken(message: string): GraphError {
  return new GraphError(401, "InvalidAuthenticationToken", message);
}

function verdictError(verdict: KnobVerdict): GraphError {
  return new GraphError(verdict.status, verdict.code, verdict.message, undefined, verdict.headers);
}
