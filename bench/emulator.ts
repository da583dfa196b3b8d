/**
 * Emulator throughput and latency through the real Graph client over TLS: a mixed CTS workload
 * over whichever Graph routes are registered (it first creates what it reads: partners,
 * identitySynchronization, configuration app + SP, job, assignment).
 *
 * Two set-ups:
 * - in-process: client and emulator in this process, one JS thread (the goal's "one core");
 * - child process: the emulator CLI alone in its own process; its CPU time (from
 *   /_emulator/metrics) gives the emulator's own capacity per core, without the client's cost.
 *
 * Run alone: `npx ts-node --transpile-only bench/emulator.ts`
 * (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_CHILD=0 to skip the child-process set-up).
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { ClientSecretCredential, type AccessToken, type TokenCredential } from "@azure/identity";
import { Client, type AuthenticationProvider } from "@microsoft/microsoft-graph-client";
import { TokenCredentialAuthenticationProvider } from "@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials";
import { Agent, fetch } from "undici";
import {
  ADMIN_KEY_HEADER,
  startEmulator,
  type EmulatorSettings,
  type TenantSettings,
} from "../src/emulator";
import { CONTOSO_USERS } from "../src/emulator/fixtures/defaultWorld";
import { graphRoutes } from "../src/emulator/graph";
import { GraphDispatcher } from "../src/emulator/http/dispatch";
import { route } from "../src/emulator/http/route";

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  goal?: number;
}

interface WorkItem {
  name: string;
  tenant: "source" | "target";
  method: "GET" | "PATCH";
  path: string;
  body?: unknown;
}

type Clients = Record<"source" | "target", Client>;

/** An emulator to measure, wherever it runs. */
interface BenchTarget {
  settings: EmulatorSettings;
  admin<T>(method: string, adminPath: string): Promise<T>;
  close(): Promise<void>;
}

const GOAL_REQUESTS_PER_SECOND = 1500;
const CTS_TEMPLATE_ID = "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7";
const GRAPH_SCOPE = "https://graph.microsoft.com/.default";
const repoRoot = path.resolve(__dirname, "..");

/** Whether a Graph route is registered (the bench uses only what the handler modules provide). */
const routeExists = (() => {
  const dispatcher = new GraphDispatcher(graphRoutes, {
    world: { tenants: [] },
    graphBaseUrl: () => "",
    isVisible: () => true,
    markCreated: () => undefined,
    now: Date.now,
  });
  return (method: string, routePath: string) =>
    dispatcher.match(method, "v1.0", routePath) !== undefined;
})();

/**
 * The token held until 5 minutes before expiry, behind a plain AuthenticationProvider. The
 * stock TokenCredentialAuthenticationProvider asks MSAL (~0.3 ms, decisions/reference/harness-notes.md §4) and builds an
 * Error object on every request; a long-lived client like the provider keeps the token instead.
 */
function leanAuthProvider(credential: TokenCredential): AuthenticationProvider {
  let token: AccessToken | null = null;
  return {
    async getAccessToken() {
      if (!token || token.expiresOnTimestamp - Date.now() < 5 * 60_000) {
        token = await credential.getToken(GRAPH_SCOPE);
        if (!token) throw new Error("bench: the credential returned no token.");
      }
      return token.token;
    },
  };
}

function graphClients(settings: EmulatorSettings, agent: Agent, lean: boolean): Clients {
  const client = (tenant: TenantSettings) => {
    const credential = new ClientSecretCredential(
      tenant.tenantId,
      tenant.clientId,
      tenant.clientSecret,
      {
        authorityHost: settings.authorityHost,
        disableInstanceDiscovery: true,
        tlsOptions: { ca: settings.caCertPem },
      },
    );
    return Client.initWithMiddleware({
      authProvider: lean
        ? leanAuthProvider(credential)
        : new TokenCredentialAuthenticationProvider(credential, { scopes: [GRAPH_SCOPE] }),
      baseUrl: settings.graphUrl,
      customHosts: new Set(["127.0.0.1"]),
      fetchOptions: { dispatcher: agent } as RequestInit,
    });
  };
  const [source, target] = settings.tenants;
  return { source: client(source), target: client(target) };
}

/** Creates what the reads need, step by step, skipping steps whose routes are missing. */
async function prepareWorkload(settings: EmulatorSettings, clients: Clients): Promise<WorkItem[]> {
  const [source, target] = settings.tenants;
  const items: WorkItem[] = [];
  const partners = "/policies/crossTenantAccessPolicy/partners";
  const call = async (
    tenant: "source" | "target",
    method: string,
    routePath: string,
    body?: unknown,
  ) => {
    if (!routeExists(method, routePath)) return undefined;
    const request = clients[tenant].api(routePath);
    const result =
      method === "POST"
        ? await request.post(body)
        : method === "PUT"
          ? await request.put(body)
          : await request.get();
    return (result ?? {}) as Record<string, unknown>;
  };
  const add = (item: WorkItem) => {
    if (routeExists(item.method, item.path)) items.push(item);
  };

  if (await call("target", "POST", partners, { tenantId: source.tenantId })) {
    const identitySync = `${partners}/${source.tenantId}/identitySynchronization`;
    await call("target", "PUT", identitySync, {
      displayName: source.displayName,
      userSyncInbound: { isSyncAllowed: true },
    });
    add({
      name: "get identitySynchronization",
      tenant: "target",
      method: "GET",
      path: identitySync,
    });
  }
  add({ name: "list partners", tenant: "target", method: "GET", path: partners });
  if (await call("source", "POST", partners, { tenantId: target.tenantId })) {
    add({
      name: "get partner",
      tenant: "source",
      method: "GET",
      path: `${partners}/${target.tenantId}`,
    });
    add({
      name: "patch partner",
      tenant: "source",
      method: "PATCH",
      path: `${partners}/${target.tenantId}`,
      body: { automaticUserConsentSettings: { inboundAllowed: false, outboundAllowed: true } },
    });
  }
  add({
    name: "get default policy",
    tenant: "source",
    method: "GET",
    path: "/policies/crossTenantAccessPolicy/default",
  });

  const instantiated = await call(
    "source",
    "POST",
    `/applicationTemplates/${CTS_TEMPLATE_ID}/instantiate`,
    {
      displayName: target.displayName,
    },
  );
  const sp = instantiated?.servicePrincipal as
    { id: string; appRoles: Array<{ id: string }> } | undefined;
  if (sp) {
    const sync = `/servicePrincipals/${sp.id}/synchronization`;
    add({
      name: "get service principal",
      tenant: "source",
      method: "GET",
      path: `/servicePrincipals/${sp.id}`,
    });
    const job = await call("source", "POST", `${sync}/jobs`, { templateId: "Azure2Azure" });
    if (job?.id) {
      add({ name: "get job", tenant: "source", method: "GET", path: `${sync}/jobs/${job.id}` });
      add({
        name: "get schema",
        tenant: "source",
        method: "GET",
        path: `${sync}/jobs/${job.id}/schema`,
      });
    }
    await call("source", "POST", `/servicePrincipals/${sp.id}/appRoleAssignedTo`, {
      principalId: CONTOSO_USERS.adele,
      resourceId: sp.id,
      appRoleId: sp.appRoles[0]?.id,
    });
    add({
      name: "list appRoleAssignedTo",
      tenant: "source",
      method: "GET",
      path: `/servicePrincipals/${sp.id}/appRoleAssignedTo`,
    });
  }
  return items;
}

interface Measurement {
  perSecond: number;
  /** Requests per CPU-second of this process (client, and the emulator when in-process). */
  perProcessCpuSecond: number;
  /** Requests per CPU-second of the emulator's process, when it runs apart. */
  perEmulatorCpuSecond?: number;
  failed: number;
  /** Emulator-side handling time p50 (request log), ms. */
  serverP50: number;
  /** Sorted client-side latencies per operation, ms. */
  latencies: Map<string, number[]>;
}

interface Metrics {
  cpuUsageMicroseconds: { user: number; system: number };
}

async function measure(
  target: BenchTarget,
  clients: Clients,
  items: WorkItem[],
  seconds: number,
  concurrency: number,
  emulatorApart: boolean,
): Promise<Measurement> {
  const latencies = new Map<string, number[]>(items.map((item) => [item.name, []]));
  let completed = 0;
  let failed = 0;
  const run = async (until: number, record: boolean) => {
    let next = 0;
    const worker = async () => {
      while (performance.now() < until) {
        const item = items[next++ % items.length];
        const started = performance.now();
        try {
          const request = clients[item.tenant].api(item.path);
          await (item.method === "PATCH" ? request.patch(item.body) : request.get());
          if (record) {
            latencies.get(item.name)!.push(performance.now() - started);
            completed += 1;
          }
        } catch {
          if (record) failed += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  };
  const emulatorCpu = async () => {
    const { cpuUsageMicroseconds: cpu } = await target.admin<Metrics>("GET", "/metrics");
    return (cpu.user + cpu.system) / 1e6;
  };

  await run(performance.now() + 1000, false); // warm-up: JIT, connections, token caches
  await target.admin("DELETE", "/log");
  const emulatorCpuBefore = emulatorApart ? await emulatorCpu() : 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run(started + seconds * 1000, true);
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const emulatorCpuSeconds = emulatorApart ? (await emulatorCpu()) - emulatorCpuBefore : 0;
  for (const values of latencies.values()) values.sort((a, b) => a - b);
  const log = await target.admin<{ value: Array<{ durationMs: number }> }>("GET", "/log");
  const serverSide = log.value.map((entry) => entry.durationMs).sort((a, b) => a - b);
  return {
    perSecond: completed / elapsed,
    perProcessCpuSecond: completed / ((used.user + used.system) / 1e6),
    perEmulatorCpuSecond: emulatorApart ? completed / emulatorCpuSeconds : undefined,
    failed,
    serverP50: percentile(serverSide, 50),
    latencies,
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

function adminClient(settings: EmulatorSettings, agent: Agent): BenchTarget["admin"] {
  return async <T>(method: string, adminPath: string) => {
    const response = await fetch(`${settings.adminUrl}${adminPath}`, {
      method,
      headers: { [ADMIN_KEY_HEADER]: settings.adminKey },
      dispatcher: agent,
    });
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

async function inProcessTarget(): Promise<BenchTarget> {
  // A stub route keeps the bench meaningful when no real route is registered yet.
  const stub = route("GET", "/benchProbe", ["Policy.Read.All"], () => ({
    status: 200,
    body: { ok: true },
  }));
  const emulator = await startEmulator({ extraRoutes: [stub] });
  const agent = new Agent({ connect: { ca: emulator.settings.caCertPem } });
  return {
    settings: emulator.settings,
    admin: adminClient(emulator.settings, agent),
    close: async () => {
      await agent.close();
      await emulator.stop();
    },
  };
}

/** The CLI in a child process (ts-node), with the settings it prints. */
async function childProcessTarget(): Promise<BenchTarget> {
  const child = spawn(
    process.execPath,
    [
      "-r",
      require.resolve("ts-node/register/transpile-only"),
      path.join("src", "emulator", "cli.ts"),
    ],
    { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    let out = "";
    child.once("exit", (code) =>
      reject(
        new Error(
          `bench: the emulator CLI exited with ${code} before printing settings: ${stderr}`,
        ),
      ),
    );
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (/^ENTRA_CTS_TARGET_CLIENT_CERTIFICATE_PATH=/m.test(out)) {
        resolve(
          Object.fromEntries(
            out
              .trim()
              .split("\n")
              .map((line) => line.split(/=(.*)/s).slice(0, 2)),
          ),
        );
      }
    });
  });
  const { readFile } = await import("node:fs/promises");
  const caCertPem = await readFile(env.ENTRA_CTS_CA_FILE, "utf8");
  const agent = new Agent({ connect: { ca: caCertPem } });
  const settings = (await (
    await fetch(`${env.ENTRA_CTS_ADMIN_URL}/settings`, {
      headers: { [ADMIN_KEY_HEADER]: env.ENTRA_CTS_ADMIN_KEY },
      dispatcher: agent,
    })
  ).json()) as EmulatorSettings;
  return {
    settings,
    admin: adminClient(settings, agent),
    close: async () => {
      await agent.close();
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

export async function runEmulatorBench(
  options: { seconds?: number; concurrency?: number; childProcess?: boolean } = {},
): Promise<BenchResult[]> {
  const seconds = options.seconds ?? Number(process.env.BENCH_SECONDS ?? 5);
  const concurrency = options.concurrency ?? Number(process.env.BENCH_CONCURRENCY ?? 16);
  const childProcess = options.childProcess ?? process.env.BENCH_CHILD !== "0";
  const results: BenchResult[] = [];

  const startup = performance.now();
  const local = await inProcessTarget();
  results.push({
    name: "emulator start-up (in-process)",
    value: round(performance.now() - startup, 0),
    unit: "ms",
  });
  const agent = new Agent({ connect: { ca: local.settings.caCertPem }, connections: concurrency });
  try {
    const clients = graphClients(local.settings, agent, true);
    const first = performance.now();
    await clients.source.api("/benchProbe").get();
    results.push({
      name: "first Graph call of a new client (discovery + token + call)",
      value: round(performance.now() - first),
      unit: "ms",
    });
    let items = await prepareWorkload(local.settings, clients);
    if (items.length === 0) {
      items = [
        {
          name: "stub route (no CTS routes registered)",
          tenant: "source",
          method: "GET",
          path: "/benchProbe",
        },
      ];
    }
    const label = `${items.length} operations, ${concurrency} in flight, TLS, real Graph client`;

    const inProcess = await measure(local, clients, items, seconds, concurrency, false);
    results.push(
      {
        name: `in-process Graph requests/s (${label}, one JS thread)`,
        value: round(inProcess.perSecond, 0),
        unit: "req/s",
        goal: GOAL_REQUESTS_PER_SECOND,
      },
      {
        name: "in-process Graph requests per CPU-second of this process (client + emulator on one thread; less sensitive to machine load than req/s)",
        value: round(inProcess.perProcessCpuSecond, 0),
        unit: "req/cpu-s",
        goal: GOAL_REQUESTS_PER_SECOND,
      },
      { name: "in-process failed requests", value: inProcess.failed, unit: "requests" },
      {
        name: "emulator-side handling p50 (request log)",
        value: round(inProcess.serverP50, 3),
        unit: "ms",
      },
    );
    // Latency per operation without queueing: one request in flight.
    const sequential = await measure(local, clients, items, Math.max(1, seconds / 2), 1, false);
    for (const [name, values] of sequential.latencies) {
      for (const p of [50, 95, 99]) {
        results.push({
          name: `${name} p${p} (one in flight)`,
          value: round(percentile(values, p)),
          unit: "ms",
        });
      }
    }
    const stock = await measure(
      local,
      graphClients(local.settings, agent, false),
      items,
      Math.max(1, seconds / 2),
      concurrency,
      false,
    );
    results.push({
      name: "in-process Graph requests per CPU-second with the stock TokenCredentialAuthenticationProvider (MSAL asked per request)",
      value: round(stock.perProcessCpuSecond, 0),
      unit: "req/cpu-s",
    });
  } finally {
    await agent.close();
    await local.close();
  }

  if (childProcess) {
    const remote = await childProcessTarget();
    const remoteAgent = new Agent({
      connect: { ca: remote.settings.caCertPem },
      connections: concurrency,
    });
    try {
      const clients = graphClients(remote.settings, remoteAgent, true);
      const items = await prepareWorkload(remote.settings, clients);
      if (items.length > 0) {
        const apart = await measure(remote, clients, items, seconds, concurrency, true);
        results.push(
          {
            name: "emulator alone: Graph requests per CPU-second of its process (its capacity on one core)",
            value: round(apart.perEmulatorCpuSecond ?? 0, 0),
            unit: "req/cpu-s",
            goal: GOAL_REQUESTS_PER_SECOND,
          },
          {
            name: "emulator in its own process: Graph requests/s (client in another process)",
            value: round(apart.perSecond, 0),
            unit: "req/s",
          },
        );
      }
    } finally {
      await remoteAgent.close();
      await remote.close();
    }
  }
  return results;
}

if (require.main === module) {
  runEmulatorBench()
    .then((results) => {
      for (const r of results) {
        const goal =
          r.goal === undefined
            ? ""
            : `  (goal >= ${r.goal}: ${r.value >= r.goal ? "met" : "NOT met"})`;
        process.stdout.write(`${r.name}: ${r.value} ${r.unit}${goal}\n`);
      }
    })
    .catch((error: unknown) => {
      process.stderr.write(`bench/emulator: Failed to run: ${(error as Error).stack ?? error}\n`);
      process.exit(1);
    });
}
