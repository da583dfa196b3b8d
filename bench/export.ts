/**
 * `entra-cts export` over a large estate: 50 tenants, each the source of 4 configurations to its
 * next 4 neighbours (200 configurations, 400 partner configurations), read at 50 ms emulated
 * latency per Graph request. The world is built through Graph with latency off, then timed.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, type TenantSettings } from "../src/emulator";
import { ctsCaller, callerServicePrincipal } from "../src/emulator/fixtures/callers";
import { defaultWorld } from "../src/emulator/fixtures/defaultWorld";
import { emptyTenant } from "../src/emulator/world/tenant";
import { runExport } from "../src/cli/export/command";
import { GraphSession } from "../src/graph/client";
import { createCredential } from "../src/graph/credentials";
import { credentialSpecFor, resolveSettings } from "../src/graph/settings";
import { CTS_TEMPLATE_ID } from "../src/provider/ctsTemplate";
import { secretsBody } from "../src/provider/syncSecrets";
import type { BenchRow } from "./provider";

const TENANTS = 50;
const CONFIGURATIONS_PER_TENANT = 4;
const LATENCY_MS = 50;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** Deterministic ids for generated tenant n. */
function generatedTenant(n: number) {
  const id = (kind: number) => `${hex(n, 8)}-${hex(kind, 4)}-4000-8000-${hex(n, 12)}`;
  const tenant = emptyTenant(id(1), `Tenant ${n}`, `tenant${n}.onmicrosoft.com`);
  tenant.callers.push(
    ctsCaller({ appId: id(2), servicePrincipalId: id(3), clientSecret: `emu-bench-${n}` }),
  );
  tenant.servicePrincipals.push(
    callerServicePrincipal(tenant.callers[0], tenant.id, "2026-01-01T00:00:00Z"),
  );
  return tenant;
}

export async function runExportBench(): Promise<BenchRow[]> {
  const world = defaultWorld();
  for (let n = world.tenants.length; n < TENANTS; n++) world.tenants.push(generatedTenant(n));
  const emulator = await startEmulator({ world });
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "entra-cts-export-bench-"));
  try {
    const settings = resolveSettings(
      (key) =>
        ({
          "entra-cts:graphUrl": emulator.settings.graphUrl,
          "entra-cts:authorityHost": emulator.settings.authorityHost,
          "entra-cts:caFile": emulator.settings.caCertPath,
          "entra-cts:operationTimeoutSeconds": "60",
          "entra-cts:tenants": JSON.stringify(
            Object.fromEntries(
              emulator.settings.tenants.map((t) => [
                t.tenantId,
                { clientId: t.clientId, clientSecret: t.clientSecret },
              ]),
            ),
          ),
        })[key],
      {},
    );
    let requests = 0;
    const sessions = new Map<string, GraphSession>();
    const session = (tenantId: string) => {
      let found = sessions.get(tenantId);
      if (!found) {
        found = new GraphSession({
          tenantId,
          graphUrl: settings.graphUrl,
          credential: createCredential(tenantId, credentialSpecFor(settings, tenantId), settings)
            .credential,
          caFile: settings.caFile,
          operationTimeoutInMs: settings.operationTimeoutInMs,
          counter: { count: () => requests++ },
        });
        sessions.set(tenantId, found);
      }
      return found;
    };
    const tenants = emulator.settings.tenants;
    await Promise.all(tenants.map((tenant, index) => seed(session, tenants, index)));

    emulator.knobs.patch({ latency: [{ ms: LATENCY_MS }] });
    requests = 0;
    const started = performance.now();
    const result = await runExport(
      {
        tenants: tenants.map((t, n) => ({ label: `t${n}`, tenantId: t.tenantId })),
        outDir,
        stack: "dev",
        project: "bench",
        force: true,
        concurrency: 4,
      },
      { session },
    );
    const elapsed = performance.now() - started;
    const configurations = result.model.resources.filter(
      (r) => r.type === "SyncConfiguration",
    ).length;
    if (configurations !== TENANTS * CONFIGURATIONS_PER_TENANT || result.model.leftOut.length)
      throw new Error(
        `export bench: expected ${TENANTS * CONFIGURATIONS_PER_TENANT} configurations and nothing left out, got ${configurations} and ${JSON.stringify(result.model.leftOut.slice(0, 3))}`,
      );
    return [
      {
        name: `export ${TENANTS} tenants, ${configurations} configurations @${LATENCY_MS} ms`,
        value: Math.round(elapsed),
        unit: "ms",
        goal: "< 10000",
      },
      { name: "  Graph requests of that export", value: requests, unit: "requests" },
      { name: "  resources written", value: result.model.resources.length, unit: "resources" },
    ];
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
    await emulator.stop();
  }
}

/** Tenant `index` as the source of configurations to its next neighbours, set up through Graph. */
async function seed(
  session: (tenantId: string) => GraphSession,
  tenants: TenantSettings[],
  index: number,
): Promise<void> {
  const source = tenants[index];
  const graph = session(source.tenantId);
  for (let k = 1; k <= CONFIGURATIONS_PER_TENANT; k++) {
    const target = tenants[(index + k) % tenants.length];
    const partners = "/policies/crossTenantAccessPolicy/partners";
    await session(target.tenantId).call({
      operation: "seed inbound partner",
      method: "POST",
      path: partners,
      body: { tenantId: source.tenantId, automaticUserConsentSettings: { inboundAllowed: true } },
    });
    await session(target.tenantId).call({
      operation: "seed identity sync",
      method: "PUT",
      path: `${partners}/${source.tenantId}/identitySynchronization`,
      body: { displayName: `from ${source.displayName}`, userSyncInbound: { isSyncAllowed: true } },
    });
    await graph.call({
      operation: "seed outbound partner",
      method: "POST",
      path: partners,
      body: { tenantId: target.tenantId, automaticUserConsentSettings: { outboundAllowed: true } },
    });
    const created = await graph.call<{ servicePrincipal: { id: string } }>({
      operation: "seed configuration",
      method: "POST",
      path: `/applicationTemplates/${CTS_TEMPLATE_ID}/instantiate`,
      body: { displayName: `To ${target.displayName}` },
    });
    const sp = created.servicePrincipal.id;
    await graph.call({
      operation: "seed settings",
      method: "PUT",
      path: `/servicePrincipals/${sp}/synchronization/secrets`,
      body: secretsBody({
        targetTenantId: target.tenantId,
        scope: "assigned",
        accidentalDeletionPrevention: true,
        accidentalDeletionThreshold: 500,
      }),
    });
    await graph.call({
      operation: "seed job",
      method: "POST",
      path: `/servicePrincipals/${sp}/synchronization/jobs`,
      body: { templateId: "Azure2Azure" },
    });
  }
}
