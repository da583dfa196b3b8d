/**
 * The admin API under /_emulator (not a Graph path): knobs, request log, snapshots, reset,
 * provisioning cycles and their preview.
 * Loopback-only like the rest of the server, and every route but /health wants the run's admin
 * key (x-entra-cts-admin-key): any local process can reach the port, and these routes hand out
 * client secrets and touch files (decisions/0092-admin-api-secret.md).
 */
import type { KnobController } from "../knobs/controller";
import type { KnobSettingsInput } from "../knobs/settings";
import { httpRoute, type HttpExchange, type HttpRoute } from "../http/httpRoute";
import { readBody, send } from "../http/wire";
import { ProvisioningError } from "../provisioning";
import type { EmulatorCycles } from "../provisioning/emulatorCycles";
import type { WorldStore } from "../world/store";
import { parseSnapshot } from "../world/snapshot";
import type { RequestLog } from "./requestLog";
import { ADMIN_KEY_HEADER, hasAdminKey } from "./adminKey";
import { confinedSnapshotPath } from "./snapshotPath";

export const ADMIN_PATH = "/_emulator";

/** The longest single advance: far beyond any token lifetime or schedule, short of absurd. */
const MAX_ADVANCE_SECONDS = 366 * 24 * 3600;

export interface ClockReading {
  /** The emulated time, ISO 8601. */
  now: string;
  /** How far the clock has been advanced since start. */
  advancedSeconds: number;
}

export interface AdminServices {
  knobs: KnobController;
  log: RequestLog;
  store: WorldStore;
  /** Everything back to the start: world, knobs, log. */
  reset(): void;
  /** The settings a client needs (what the CLI prints). */
  settings(): unknown;
  /** Provisioning cycles (run now, preview); the cycle routes answer 404 without them. */
  cycles?: Pick<EmulatorCycles, "run" | "preview">;
  /** The emulated clock: read it, and advance it (running the cycles then due). */
  clock?: {
    read(): ClockReading;
    advance(seconds: number): ClockReading & { cycles: unknown[] };
  };
  /** The run's admin key; requests without it answer 401. */
  adminKey: string;
  /** Snapshot paths sent to the admin API must lie inside this folder. */
  stateDir: string;
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

const PROVISIONING_STATUS = { notFound: 404, notRunnable: 409, invalidRequest: 400 } as const;

/** Runs a provisioning action; a ProvisioningError answers with its status and message. */
function provisioning(action: () => { status: number; body?: unknown }) {
  try {
    return action();
  } catch (error) {
    if (!(error instanceof ProvisioningError)) throw error;
    return {
      status: PROVISIONING_STATUS[error.kind],
      body: { error: { code: error.kind, message: error.message } },
    };
  }
}

/** An optional string field of a body or query; `tenant` may be a tenant id or a domain. */
function selectionField(value: unknown, name: string, action: string): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") {
    throw new AdminRequestError(`Failed to ${action}: \`${name}\` must be a string.`);
  }
  return value;
}

function cycleSelection(store: WorldStore, fields: Record<string, unknown>, action: string) {
  const tenant = selectionField(fields.tenant, "tenant", action);
  const tenantId = tenant === undefined ? undefined : store.tenantByIdOrDomain(tenant)?.id;
  if (tenant !== undefined && tenantId === undefined) {
    throw new AdminRequestError(
      `Failed to ${action}: tenant '${tenant}' is not in the emulator's world. Use a tenant id or domain from GET ${ADMIN_PATH}/settings.`,
    );
  }
  return {
    tenantId,
    servicePrincipalId: selectionField(fields.servicePrincipal, "servicePrincipal", action),
    jobId: selectionField(fields.job, "job", action),
  };
}

function requireCycles(services: AdminServices): Pick<EmulatorCycles, "run" | "preview"> {
  if (!services.cycles) {
    throw new AdminRequestError("Failed to run provisioning: this emulator has no cycle service.");
  }
  return services.cycles;
}

/** Answers 401 unless the request carries the admin key; the answer names the header, not the key. */
function guarded(route: HttpRoute, adminKey: string): HttpRoute {
  return {
    ...route,
    handle: (exchange) => {
      if (hasAdminKey(exchange.req, adminKey)) return route.handle(exchange);
      exchange.req.resume();
      send(exchange.res, 401, {
        error: {
          code: "AdminKeyRequired",
          message: `Failed to ${exchange.method} ${exchange.path}: the admin API wants this run's key in the ${ADMIN_KEY_HEADER} header. Send ENTRA_CTS_ADMIN_KEY from the emulator's printed settings.`,
        },
      });
    },
  };
}

function requireClock(services: AdminServices): NonNullable<AdminServices["clock"]> {
  if (!services.clock) {
    throw new AdminRequestError("Failed to use the clock: this emulator has no clock service.");
  }
  return services.clock;
}

export function adminRoutes(services: AdminServices): HttpRoute[] {
  // Health stays open: start-up scripts poll it before they have read the settings.
  return [
    httpRoute(
      "GET",
      `${ADMIN_PATH}/health`,
      admin(() => ({ status: 200, body: { status: "ok" } })),
    ),
    ...keyedRoutes(services).map((route) => guarded(route, services.adminKey)),
  ];
}

function keyedRoutes(services: AdminServices): HttpRoute[] {
  const { knobs, log, store, stateDir } = services;
  return [
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
          typeof body?.path === "string"
            ? await store.saveSnapshot(await confinedSnapshotPath(stateDir, body.path, "write"))
            : store.snapshot();
        return { status: 200, body: snapshot };
      }),
    ),
    httpRoute(
      "PUT",
      `${ADMIN_PATH}/snapshot`,
      admin(async (e) => {
        const body = (await jsonBody(e)) as Record<string, unknown> | undefined;
        if (typeof body?.path === "string") {
          await store.loadSnapshot(await confinedSnapshotPath(stateDir, body.path, "read"));
        } else if (body?.format !== undefined)
          store.restore(parseSnapshot(body, "the request body"));
        else {
          throw new AdminRequestError(
            'Failed to restore a snapshot: send {"path": "<file>"} or a snapshot document from POST /_emulator/snapshot.',
          );
        }
        return { status: 204 };
      }),
    ),
    // Runs cycles now: body {tenant?, servicePrincipal?, job?}; empty = every active job.
    httpRoute(
      "POST",
      `${ADMIN_PATH}/cycles`,
      admin(async (e) => {
        const cycles = requireCycles(services);
        const body = (await jsonBody(e)) ?? {};
        if (typeof body !== "object" || Array.isArray(body)) {
          throw new AdminRequestError(
            'Failed to run provisioning cycles: send {"tenant", "servicePrincipal", "job"} (all optional).',
          );
        }
        const selection = cycleSelection(store, body as Record<string, unknown>, "run cycles");
        return provisioning(() => ({ status: 200, body: { value: cycles.run(selection) } }));
      }),
    ),
    // What the next cycle would put in the target: ?servicePrincipal=<id>[&tenant=][&job=].
    httpRoute(
      "GET",
      `${ADMIN_PATH}/cycles/preview`,
      admin((e) => {
        const cycles = requireCycles(services);
        const action = "preview a cycle";
        const selection = cycleSelection(store, Object.fromEntries(e.query), action);
        const { servicePrincipalId } = selection;
        if (!servicePrincipalId) {
          throw new AdminRequestError(
            `Failed to ${action}: the servicePrincipal query parameter is required. Send ?servicePrincipal=<configuration service principal id>.`,
          );
        }
        return provisioning(() => ({
          status: 200,
          body: cycles.preview({ ...selection, servicePrincipalId }),
        }));
      }),
    ),
    httpRoute(
      "GET",
      `${ADMIN_PATH}/clock`,
      admin(() => ({ status: 200, body: requireClock(services).read() })),
    ),
    // Moves the emulated clock forward: body {seconds}; runs the scheduled cycles then due.
    httpRoute(
      "POST",
      `${ADMIN_PATH}/clock/advance`,
      admin(async (e) => {
        const clock = requireClock(services);
        const body = (await jsonBody(e)) as { seconds?: unknown } | undefined;
        const seconds = body?.seconds;
        if (
          typeof seconds !== "number" ||
          !Number.isFinite(seconds) ||
          seconds <= 0 ||
          seconds > MAX_ADVANCE_SECONDS
        ) {
          throw new AdminRequestError(
            `Failed to advance the clock: send {"seconds": <number>} with 0 < seconds <= ${MAX_ADVANCE_SECONDS} (e.g. 2400 for the next 40-minute cycle); the clock never runs backwards.`,
          );
        }
        return { status: 200, body: clock.advance(seconds) };
      }),
    ),
    httpRoute(
      "POST",
      `${ADMIN_PATH}/reset`,
      admin(() => (services.reset(), { status: 204 })),
    ),
  ];
}
