/**
 * The admin API's per-run secret. Any local process can reach 127.0.0.1, and the admin API hands
 * out client secrets, resets the world and reads and writes snapshot files, so every admin route
 * (but the health probe) wants this key in the `x-entra-cts-admin-key` header
 * (decisions/0092-admin-api-secret.md).
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const ADMIN_KEY_HEADER = "x-entra-cts-admin-key";

/** 32 random bytes, base64url: new for every emulator run, never stored in a snapshot. */
export function newAdminKey(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether the request carries the key; compared in constant time so its length is all it leaks. */
export function hasAdminKey(req: IncomingMessage, key: string): boolean {
  const sent = req.headers[ADMIN_KEY_HEADER];
  if (typeof sent !== "string") return false;
  const given = Buffer.from(sent);
  const expected = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
