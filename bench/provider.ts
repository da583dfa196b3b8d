/**
 * Graph requests per provider operation, next to the minimum the API needs, and the wall time
 * of a whole pair at 50 ms emulated latency. The provider runs in-process against the emulator,
 * with the same implementation the provider host loads.
 */
import { startEmulator, type RunningEmulator } from "../src/emulator";
import { CONTOSO_GROUPS } from "../src/emulator/fixtures/fixtureIds";
import { configure, implementationOf } from "../src/provider/dispatch";
import { resetRuntime } from "../src/provider/runtime";
import type { ResourceName } from "../src/resources/typeTokens";

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

type Props = Record<string, unknown>;
interface Entry {
  type: ResourceName;
  id: string;
  inputs: Props;
  outputs: Props;
}

/**
 * The fewest Graph requests each step needs, from the documented CTS flow.
 * Create: a partner POST carries its settings (x2), identitySynchronization one PUT; instantiate,
 * test connection, secrets; one assignment POST; job create and start; schema GET and PUT.
 * Delete: schema GET and PUT (restoring what the mapping owned), job, assignment, application,
 * identitySynchronization and the two partners.
 * We add: on create, the lookup for a half-made configuration to adopt (decisions/0044); on
 * delete, the template schema the restored defaults come from.
 */
const MINIMUM = { create: 11, refresh: 6, noOpDiff: 0, delete: 8 };

function graphCount(emulator: RunningEmulator): number {
  return emulator.requestLog.list().filter((entry) => entry.kind === "graph").length;
}

async function create(type: ResourceName, inputs: Props): Promise<Entry> {
  const implementation = implementationOf(type);
  const checked = await implementation.check({}, inputs);
  if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
  const created = await implementation.create(checked.inputs ?? inputs);
  return { type, id: created.id, inputs: checked.inputs ?? inputs, outputs: created.outs ?? {} };
}

async function createPair(source: string, target: string): Promise<Entry[]> {
  const entries: Entry[] = [];
  entries.push(
    await create("PartnerPolicy", {
      tenantId: target,
      partnerTenantId: source,
      automaticUserConsentInbound: true,
      userSyncInbound: true,
    }),
  );
  entries.push(
    await create("PartnerPolicy", {
      tenantId: source,
      partnerTenantId: target,
      automaticUserConsentOutbound: true,
    }),
  );
  const config = await create("SyncConfiguration", {
    sourceTenantId: source,
    targetTenantId: target,
    displayName: "Fabrikam",
  });
  const sp = config.outputs.servicePrincipalId;
  entries.push(config);
  entries.push(
    await create("Assignment", {
      tenantId: source,
      servicePrincipalId: sp,
      principalId: CONTOSO_GROUPS.pilot,
      principalType: "Group",
      appRoleId: config.outputs.appRoleId,
    }),
  );
  const job = await create("SyncJob", { tenantId: source, servicePrincipalId: sp });
  entries.push(job);
  entries.push(
    await create("AttributeMapping", {
      tenantId: source,
      servicePrincipalId: sp,
      jobId: job.outputs.jobId,
      mappings: [
        { targetAttribute: "displayName", expression: 'Join(" ", [givenName], [surname])' },
      ],
    }),
  );
  return entries;
}

async function deletePair(entries: Entry[]): Promise<void> {
  for (const entry of [...entries].reverse())
    await implementationOf(entry.type).delete(entry.id, entry.outputs);
}

export async function runProviderBench(): Promise<BenchRow[]> {
  const emulator = await startEmulator();
  try {
    const [source, target] = ["source", "target"].map((role) =>
      emulator.settings.tenants.find((t) => t.role === role)!,
    );
    const config: Record<string, string> = {
      "entra-cts:graphUrl": emulator.settings.graphUrl,
      "entra-cts:authorityHost": emulator.settings.authorityHost,
      "entra-cts:caFile": emulator.settings.caCertPath,
      "entra-cts:tenants": JSON.stringify(
        Object.fromEntries(
          [source, target].map((t) => [
            t.tenantId,
            { clientId: t.clientId, clientSecret: t.clientSecret },
          ]),
        ),
      ),
    };
    resetRuntime();
    configure({ config: { get: (key) => config[key] } });

    emulator.requestLog.clear();
    const entries = await createPair(source.tenantId, target.tenantId);
    const createCount = graphCount(emulator);

    emulator.requestLog.clear();
    const refreshed = await Promise.all(
      entries.map((e) => implementationOf(e.type).read(e.id, e.outputs)),
    );
    const refreshCount = graphCount(emulator);

    emulator.requestLog.clear();
    for (const [index, entry] of entries.entries()) {
      const diff = await implementationOf(entry.type).diff(
        entry.id,
        refreshed[index].props ?? {},
        entry.inputs,
      );
      if (diff.changes)
        throw new Error(`unexpected change in ${entry.type}: ${JSON.stringify(diff)}`);
    }
    const diffCount = graphCount(emulator);

    emulator.requestLog.clear();
    await deletePair(entries);
    const deleteCount = graphCount(emulator);

    emulator.knobs.patch({ latency: [{ ms: 50 }] });
    const started = performance.now();
    const timed = await createPair(source.tenantId, target.tenantId);
    const createMs = performance.now() - started;
    await deletePair(timed);

    return [
      {
        name: "provider: create a pair (requests)",
        value: createCount,
        unit: `req (min ${MINIMUM.create})`,
        goal: `<= ${MINIMUM.create + 3}`,
      },
      {
        name: "provider: refresh a pair (requests)",
        value: refreshCount,
        unit: `req (min ${MINIMUM.refresh})`,
        goal: `<= ${entries.length} (1 per resource)`,
      },
      {
        name: "provider: no-op diff of a pair (requests)",
        value: diffCount,
        unit: `req (min ${MINIMUM.noOpDiff})`,
        goal: "0",
      },
      {
        name: "provider: delete a pair (requests)",
        value: deleteCount,
        unit: `req (min ${MINIMUM.delete})`,
        goal: `<= ${MINIMUM.delete + 3}`,
      },
      { name: "provider: create a pair at 50 ms latency", value: Math.round(createMs), unit: "ms" },
    ];
  } finally {
    await emulator.stop();
  }
}

if (require.main === module) {
  runProviderBench().then(
    (rows) => console.table(rows),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
