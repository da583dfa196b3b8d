/** Small helpers between Node's http objects and the emulator's plain replies. */
import type { IncomingMessage, ServerResponse } from "node:http";

/** The admin API's limit: snapshots of a large world exceed Graph's 4 MB (decisions/0090). */
export const MAX_ADMIN_BODY_BYTES = 32 * 1024 * 1024;

/** Graph's documented limit on write requests, 4 MB, taken as 4 MiB (decisions/0090). */
export const MAX_GRAPH_BODY_BYTES = 4 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
  readonly code = "BodyTooLarge";

  constructor(readonly maxBytes: number) {
    super(`The request body exceeds ${maxBytes} bytes.`);
  }
}

/** True when the request announces a body; GETs without one skip a tick of stream events. */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return (length !== undefined && length !== "0") || req.headers["transfer-encoding"] !== undefined;
}

/**
 * Reads the body as UTF-8, at most `maxBytes`. An announced length over the limit is refused
 * before reading; a streamed body stops being read at the limit (the stream is paused, so the
 * rest is never buffered). Either way the caller answers 413 and closes the connection.
 */
export function readBody(req: IncomingMessage, maxBytes = MAX_ADMIN_BODY_BYTES): Promise<string> {
  if (!hasBody(req)) return Promise.resolve("");
  if (Number(req.headers["content-length"]) > maxBytes) {
    req.pause();
    return Promise.reject(new BodyTooLargeError(maxBytes));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > maxBytes) {
        stop();
        req.pause();
        reject(new BodyTooLargeError(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** Splits `req.url` once; avoids `new URL()` on the hot path. */
export function splitUrl(url: string | undefined): { path: string; query: string } {
  const raw = url ?? "/";
  const mark = raw.indexOf("?");
  return mark < 0
    ? { path: raw, query: "" }
    : { path: raw.slice(0, mark), query: raw.slice(mark + 1) };
}

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    ...headers,
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
