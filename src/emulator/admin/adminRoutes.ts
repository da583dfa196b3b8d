/**
 * The admin API under /_emulator (not a Graph path): knobs, request log, snapshots, reset.
 * Loopback-only like the rest of the server; it has no authentication because anything that can
 * reach it can already read the emulator's state directory.
 */
import type { KnobController } from "../knobs/controller";
import type { KnobSettingsInput } from "../knobs/settings";
import { httpRoute, type HttpExchange, type HttpRoute } from "../http/httpRoute";
import { readBody, send } from "../http/wire";
import type { WorldStore } from "../world/store";
import { parseSnapshot } from "../world/snapshot";
import type { RequestLog } from "./requestLog";

export const ADMIN_PATH = "/_emulator";

export interface AdminServices {
  knobs: KnobController;
  log: RequestLog;
  store: WorldStore;
  /** Everything back to the start: world, knobs, log. */
  reset(): void;
  /** The settings a client needs (what the CLI prints). */
  settings(): unknown;
}

class AdminRequestError extends Error {}

async function jsonBody(exchange: HttpExchange): Promise<unknown> {
  const text = await readBody(exchange.req);
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AdminRequestError(
      "Failed to read the request: the body is not JSON. Send application/json.",
    );
  }
}

/** Runs an admin action; a thrown error becomes 400 with its message. */
const admin =
  (
    action: (
      exchange: HttpExchange,
    ) => Promise<{ status: number; body?: unknown }> | { status: number; body?: unknown },
  ) =>
  async (exchange: HttpExchange) => {
    try {
      const { status, body } = await action(exchange);
      send(exchange.res, status, body);
    } catch (error) {
      send(exchange.res, 400, {
        error: { code: "InvalidAdminRequest", message: (error as Error).message },
      });
    }
  };

export function adminRoutes(services: AdminServices): HttpRoute[] {
  const { knobs, log, store } = services;
  return [
    httpRoute(
      "GET",
      `${ADMIN_PATH}/health`,
      admin(() => ({ status: 200, body: { status: "ok" } })),
    ),
    // Process figures, so a benchmark can tell the emulator's CPU time from its client's.
    httpRoute(
      "GET",
      `${ADMIN_PATH}/metrics`,
      admin(() => ({
        status: 200,
        body: {
          cpuUsageMicroseconds: process.cpuUsage(),
          rssBytes: process.memoryUsage().rss,
          uptimeSeconds: process.uptime(),
          requests: log.summary().total,
        },
      })),
    ),
    httpRoute(
      "GET",
      `${ADMIN_PATH}/settings`,
      admin(() => ({ status: 200, body: services.settings() })),
    ),
    httpRoute(
      "GET",
      `${ADMIN_PATH}/knobs`,
      admin(() => ({ status: 200, body: knobs.get() })),
    ),
    httpRoute(
      "PUT",
      `${ADMIN_PATH}/knobs`,
      admin(async (e) => ({
        status: 200,
        body: knobs.set(((await jsonBody(e)) ?? {}) as KnobSettingsInput),
      })),
    ),
    httpRoute(
      "PATCH",
      `${ADMIN_PATH}/knobs`,
      admin(async (e) => ({
        status: 200,
        body: knobs.patch(((await jsonBody(e)) ?? {}) as KnobSettingsInput),
      })),
    ),
    httpRoute(
      "GET",
      `${ADMIN_PATH}/knobs/pending-objects`,
      admin(() => ({ status: 200, body: { value: knobs.replicationLag.pending() } })),
    ),
    httpRoute(
      "GET",
      `${ADMIN_PATH}/log`,
      admin(() => ({ status: 200, body: { value: log.list() } })),
    ),
    httpRoute(
      "DELETE",
      `${ADMIN_PATH}/log`,
      admin(() => (log.clear(), { status: 204 })),
    ),
    httpRoute(
      "GET",
      `${ADMIN_PATH}/log/counts`,
      admin(() => ({ status: 200, body: log.summary() })),
    ),
    httpRoute(
      "POST",
      `${ADMIN_PATH}/snapshot`,
      admin(async (e) => {
        const body = (await jsonBody(e)) as { path?: unknown } | undefined;
        if (body?.path !== undefined && typeof body.path !== "string") {
          throw new AdminRequestError("Failed to save a snapshot: `path` must be a string.");
        }
        const snapshot =
          typeof body?.path === "string" ? await store.saveSnapshot(body.path) : store.snapshot();
        return { status: 200, body: snapshot };
      }),
    ),
    httpRoute(
      "PUT",
      `${ADMIN_PATH}/snapshot`,
      admin(async (e) => {
        const body = (await jsonBody(e)) as Record<string, unknown> | undefined;
        if (typeof body?.path === "string") await store.loadSnapshot(body.path);
        else if (body?.format !== undefined) store.restore(parseSnapshot(body, "the request body"));
        else {
          throw new AdminRequestError(
            'Failed to restore a snapshot: send {"path": "<file>"} or a snapshot document from POST /_emulator/snapshot.',
          );
        }
        return { status: 204 };
      }),
    ),
    httpRoute(
      "POST",
      `${ADMIN_PATH}/reset`,
      admin(() => (services.reset(), { status: 204 })),
    ),
  ];
}
