/** Small helpers between Node's http objects and the emulator's plain replies. */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Bigger than any Graph payload (4 MB) so snapshots fit; a guard against runaway clients. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

/** True when the request announces a body; GETs without one skip a tick of stream events. */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return (length !== undefined && length !== "0") || req.headers["transfer-encoding"] !== undefined;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  if (!hasBody(req)) return "";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
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
