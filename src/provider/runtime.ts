import { clearTokenCache, createCredential } from "../graph/credentials";
import { GraphSession, type GraphCall, type RequestCounter } from "../graph/client";
import {
  credentialSpecFor,
  endpointsFor,
  resolveSettings,
  tenantCredentialProblem,
  type ConfigLookup,
  type ProviderSettings,
} from "../graph/settings";

/**
 * Provider-process state shared by every resource: settings resolved from stack config and the
 * environment, and one Graph session (credential, token cache, HTTP agent) per tenant. The
 * serialized providers reach this module through `require("pulumi-entra-cts/...")`, so all
 * resource types in one provider process share it; nothing here is ever serialized.
 */
let settings: ProviderSettings | undefined;
const sessions = new Map<string, GraphSession>();
const counts = new Map<string, number>();

const counter: RequestCounter = {
  count(tenantId: string, call: GraphCall) {
    const key = `${tenantId} ${call.method} ${call.path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  },
};

/** What the dynamic provider host passes to `configure`. */
export interface ConfigureRequest {
  config: { get(key: string): unknown };
}

/**
 * Called by the engine before any CRUD call, with the stack's config. Later calls (one per
 * resource type) replace the settings only if they differ, keeping warm sessions otherwise.
 */
export function configure(request: ConfigureRequest, env: NodeJS.ProcessEnv = process.env): void {
  const lookup: ConfigLookup = (key) => request.config.get(key);
  const next = resolveSettings(lookup, env);
  if (settings && JSON.stringify(settings) === JSON.stringify(next)) return;
  settings = next;
  sessions.clear();
  clearTokenCache(); // new settings may carry a rotated secret for the same client
}

/** The settings in force; resolved from the environment alone when the engine sent no config. */
export function currentSettings(): ProviderSettings {
  settings ??= resolveSettings(() => undefined, process.env);
  return settings;
}

/** The Graph session for a tenant, created on first use. */
export function sessionFor(tenantId: string): GraphSession {
  const key = tenantId.toLowerCase();
  let session = sessions.get(key);
  if (!session) {
    const active = currentSettings();
    // Each tenant signs in to its own cloud's authority and asks for its cloud's Graph.
    const problem = tenantCredentialProblem(active, key);
    if (problem) throw new Error(problem);
    const endpoints = endpointsFor(active, key);
    const spec = credentialSpecFor(active, key);
    const { credential } = createCredential(key, spec, active, endpoints.authorityHost);
    session = new GraphSession({
      tenantId: key,
      graphUrl: endpoints.graphUrl,
      scope: endpoints.graphScope,
      credential,
      caFile: active.caFile,
      operationTimeoutInMs: active.operationTimeoutInMs,
      counter,
    });
    sessions.set(key, session);
  }
  return session;
}

/** Graph requests made so far, keyed `<tenant> <METHOD> <path>`: for benchmarks and tests. */
export function requestCounts(): ReadonlyMap<string, number> {
  return counts;
}

export function resetRequestCounts(): void {
  counts.clear();
}

/** Forgets settings and sessions (tests). */
export function resetRuntime(): void {
  settings = undefined;
  sessions.clear();
  clearTokenCache();
  counts.clear();
}
