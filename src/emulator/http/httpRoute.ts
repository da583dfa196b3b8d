/** Non-Graph endpoints (token authority, admin API) as tiny route records, like Graph's. */
import type { IncomingMessage, ServerResponse } from "node:http";

export interface HttpExchange {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface HttpRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  handle(exchange: HttpExchange): void | Promise<void>;
}

export function httpRoute(
  method: HttpRoute["method"],
  path: string,
  handle: HttpRoute["handle"],
): HttpRoute {
  return { method, path, handle };
}
