/**
 * One emulator per test file, over real HTTPS: `withEmulator()` registers beforeAll/afterAll and
 * returns accessors plus `graphFetch`, which gets (and caches) a token for a tenant's primary
 * caller and calls Graph. The CA is trusted through an undici Agent, never globally.
 */
import { Agent, fetch } from "undici";
import {
  ADMIN_KEY_HEADER,
  startEmulator,
  type EmulatorOptions,
  type EmulatorSettings,
  type RunningEmulator,
  type TenantSettings,
} from "../../src/emulator";

export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the response is JSON, the text otherwise, undefined when empty. */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary Graph JSON
}

/** "source", "target", a tenant id or a domain. */
export type TenantRef = "source" | "target" | string;

export interface EmulatorHarness {
  readonly emulator: RunningEmulator;
  readonly settings: EmulatorSettings;
  /** An undici dispatcher that trusts the emulator's CA (for fetch or the Graph client). */
  readonly agent: Agent;
  tenant(ref: TenantRef): TenantSettings;
  /** A Graph token for the tenant's primary caller (client secret), cached per tenant. */
  token(ref: TenantRef): Promise<string>;
  /** Drops the cached tokens (after advancing the emulated clock past their expiry). */
  forgetTokens(): void;
  /** Calls Graph as the tenant's primary caller; `path` without a version goes to /v1.0. */
  graphFetch(ref: TenantRef, method: string, path: string, body?: unknown): Promise<HttpReply>;
  /**
   * A raw HTTPS request to the emulator (`path` relative to its origin, or an absolute URL).
   * Admin paths (/_emulator/...) carry the run's admin key unless `adminKey: false`.
   */
  request(
    method: string,
    path: string,
    init?: { headers?: Record<string, string>; body?: string; adminKey?: boolean },
  ): Promise<HttpReply>;
}

export function withEmulator(options: EmulatorOptions = {}): EmulatorHarness {
  let emulator: RunningEmulator | undefined;
  let agent: Agent | undefined;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    emulator = await startEmulator(options);
    agent = new Agent({ connect: { ca: emulator.settings.caCertPem } });
  });
  afterAll(async () => {
    await agent?.close();
    await emulator?.stop();
  });

  const running = (): RunningEmulator => {
    if (!emulator)
      throw new Error("withEmulator: the emulator is not running; use it inside tests.");
    return emulator;
  };
  const harness: EmulatorHarness = {
    get emulator() {
      return running();
    },
    get settings() {
      return running().settings;
    },
    get agent() {
      running();
      return agent as Agent;
    },
    tenant(ref) {
      const tenants = running().settings.tenants;
      const found = tenants.find(
        (t) => t.role === ref || t.tenantId === ref || t.domain.toLowerCase() === ref.toLowerCase(),
      );
      if (!found) throw new Error(`withEmulator: no tenant '${ref}' in the emulator's world.`);
      return found;
    },
    async request(method, path, init = {}) {
      const { settings } = running();
      const url = path.startsWith("https://") ? path : `${settings.graphUrl}${path}`;
      const withKey = init.adminKey !== false && url.startsWith(`${settings.adminUrl}/`);
      const response = await fetch(url, {
        method,
        headers: withKey
          ? { ...init.headers, [ADMIN_KEY_HEADER]: settings.adminKey }
          : init.headers,
        body: init.body,
        dispatcher: agent,
      });
      const text = await response.text();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      let body: unknown = text === "" ? undefined : text;
      if (text !== "" && (headers["content-type"] ?? "").includes("json")) body = JSON.parse(text);
      return { status: response.status, headers, body };
    },
    forgetTokens() {
      tokens.clear();
    },
    async token(ref) {
      const tenant = harness.tenant(ref);
      const cached = tokens.get(tenant.tenantId);
      if (cached) return cached;
      const reply = await harness.request("POST", `/${tenant.tenantId}/oauth2/v2.0/token`, {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: tenant.clientId,
          client_secret: tenant.clientSecret,
          scope: "https://graph.microsoft.com/.default",
        }).toString(),
      });
      if (reply.status !== 200) {
        throw new Error(
          `withEmulator: failed to get a token for ${tenant.displayName}: ${reply.status} ${JSON.stringify(reply.body)}`,
        );
      }
      tokens.set(tenant.tenantId, reply.body.access_token);
      return reply.body.access_token as string;
    },
    async graphFetch(ref, method, path, body) {
      const versioned = /^\/(v1\.0|beta)(\/|$)/.test(path) ? path : `/v1.0${path}`;
      const headers: Record<string, string> = {
        authorization: `Bearer ${await harness.token(ref)}`,
      };
      if (body !== undefined) headers["content-type"] = "application/json";
      return harness.request(method, versioned, {
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
  };
  return harness;
}
