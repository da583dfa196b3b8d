/**
 * `npm run bench`: every benchmark, printed as one table per area. Numbers, not pass/fail: the
 * goals stand beside them. BENCH_ONLY=mapping,emulator,provider,cycle runs a subset.
 */
import { runCycleBench } from "./cycle";
import { runEmulatorBench } from "./emulator";
import { runMappingBench } from "./mapping";
import { runProviderBench } from "./provider";

interface Row {
  name: string;
  value: number;
  unit: string;
  goal?: string | number;
}

const BENCHES: Record<string, () => Promise<Row[]>> = {
  mapping: runMappingBench,
  emulator: () => runEmulatorBench(),
  provider: runProviderBench,
  cycle: runCycleBench,
};

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
  for (const [area, run] of Object.entries(BENCHES)) {
    if (only && !only.includes(area)) continue;
    const started = performance.now();
    const rows = await run();
    process.stdout.write(`\n${area} (${Math.round(performance.now() - started)} ms)\n`);
    console.table(
      rows.map((row) => ({ ...row, goal: row.goal === undefined ? "" : String(row.goal) })),
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
