/**
 * Fleet performance through whole programs: the hub-and-spoke example run by the test engine
 * (test/engine) against the emulator, the provider in Pulumi's dynamic-provider host.
 * - Refresh of the hub at 50 ms latency with 10 reads in flight, against the ideal
 *   (reads x latency / parallelism), and with 1 in flight; for 1, 10 and 30 spokes.
 * - Provider-host CPU per read (its /proc CPU time over the refresh).
 * - Token requests per tenant and discovery requests per authority over a whole run.
 * - Up at 50 ms latency, per program size.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type RunningEmulator } from "../src/emulator";
import { CONTOSO_GROUPS } from "../src/emulator/fixtures/fixtureIds";
import { PROVIDER_SECRET_KEYS, providerConfigFor, tenantLabels } from "../test/engine/stackConfig";
import { TestEngine, type ProgramSpec } from "../test/engine/testEngine";
import { hubWorld } from "../test/engine/worlds";
import type { BenchRow } from "./provider";

const LATENCY_MS = 50;
const PROGRAM_DIR = path.resolve(__dirname, "..", "examples", "hub-and-spoke");
const PROJECT = "entra-cts-hub-and-spoke";

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuMsOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  // utime and stime are fields 14 and 15 of stat; index 11 and 12 after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

function countBy(emulator: RunningEmulator, kind: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of emulator.requestLog.list()) {
    if (entry.kind !== kind) continue;
    const key = entry.tenantId ?? "(none)";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

interface FleetRun {
  spokes: number;
  resources: number;
  upMs: number;
  refreshMs: Record<number, number>;
  reads: number;
  idealMs: number;
  hostCpuMsPerRead: number;
  maxTokensPerTenant: number;
  maxDiscoveryPerTenant: number;
  tenants: number;
}

async function fleet(spokes: number): Promise<FleetRun> {
  const emulator = await startEmulator({ world: hubWorld(spokes - 1) });
  let engine: TestEngine | undefined;
  try {
    const config = {
      ...providerConfigFor(emulator.settings),
      [`${PROJECT}:tenants`]: JSON.stringify(tenantLabels(emulator.settings)),
      [`${PROJECT}:hubGroupId`]: CONTOSO_GROUPS.pilot,
    };
    engine = await TestEngine.start(config);
    const program: ProgramSpec = {
      dir: PROGRAM_DIR,
      project: PROJECT,
      config,
      secretKeys: PROVIDER_SECRET_KEYS,
      parallel: 10,
      timeoutMs: 600_000,
    };
    emulator.knobs.patch({ latency: [{ ms: LATENCY_MS }] });
    const upStarted = performance.now();
    await engine.up(program);
    const upMs = performance.now() - upStarted;
    const resources = [...engine.state.values()].filter((r) => r.custom).length;

    // Tokens and discovery over the whole run of one provider process: up, then two refreshes.
    const tokens = countBy(emulator, "token");
    const discovery = countBy(emulator, "discovery");
    const addTo = (into: Map<string, number>, from: Map<string, number>) => {
      for (const [key, n] of from) into.set(key, (into.get(key) ?? 0) + n);
    };
    emulator.requestLog.clear();
    const pid = engine.host.pid!;
    const cpuBefore = cpuMsOf(pid);
    const started = performance.now();
    const drift = await engine.refresh(10);
    const refresh10 = performance.now() - started;
    const hostCpuMs = cpuMsOf(pid) - cpuBefore;
    if (drift.length) throw new Error(`refresh found drift: ${JSON.stringify(drift[0])}`);
    const reads = emulator.requestLog.list().filter((e) => e.kind === "graph").length;

    const started1 = performance.now();
    await engine.refresh(1);
    const refresh1 = performance.now() - started1;

    addTo(tokens, countBy(emulator, "token"));
    addTo(discovery, countBy(emulator, "discovery"));
    emulator.knobs.patch({ latency: [] });
    await engine.destroy();
    return {
      spokes,
      resources,
      upMs,
      refreshMs: { 10: refresh10, 1: refresh1 },
      reads,
      // requests x latency / parallelism, and never less than one round trip.
      idealMs: Math.max((reads * LATENCY_MS) / 10, LATENCY_MS),
      hostCpuMsPerRead: hostCpuMs / reads,
      maxTokensPerTenant: Math.max(0, ...tokens.values()),
      maxDiscoveryPerTenant: Math.max(0, ...discovery.values()),
      tenants: emulator.settings.tenants.length,
    };
  } finally {
    await engine?.stop();
    await emulator.stop();
  }
}

export async function runFleetBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const spokes of (process.env.BENCH_FLEET_SPOKES ?? "1,10,30").split(",").map(Number)) {
    const run = await fleet(spokes);
    const label = `fleet hub+${spokes} (${run.resources} resources)`;
    rows.push(
      {
        name: `${label}: up, 10 in flight, ${LATENCY_MS} ms`,
        value: Math.round(run.upMs),
        unit: "ms",
      },
      {
        name: `${label}: refresh, 10 in flight / ideal ${Math.round(run.idealMs)} ms`,
        value: Number((run.refreshMs[10] / run.idealMs).toFixed(2)),
        unit: `x (${Math.round(run.refreshMs[10])} ms)`,
        goal: spokes === 30 ? "<= 1.3" : "",
      },
      {
        name: `${label}: refresh, 1 in flight`,
        value: Math.round(run.refreshMs[1]),
        unit: "ms",
      },
      {
        name: `${label}: provider-host CPU per read`,
        value: Number(run.hostCpuMsPerRead.toFixed(2)),
        unit: "ms",
        goal: "<= 2",
      },
      {
        name: `${label}: token requests, most for one tenant (${run.tenants} tenants)`,
        value: run.maxTokensPerTenant,
        unit: "req",
        goal: "1",
      },
      {
        name: `${label}: discovery requests, most for one authority`,
        value: run.maxDiscoveryPerTenant,
        unit: "req",
        goal: "<= 1",
      },
    );
  }
  return rows;
}

if (require.main === module) {
  runFleetBench().then(
    (rows) => console.table(rows),
    (error) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
