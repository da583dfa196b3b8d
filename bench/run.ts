/**
 * `npm run bench`: every benchmark, each in a process of its own (so memory figures are not
 * inflated by the ones before), printed as one table per area. Numbers, not pass/fail: the goals
 * stand beside them. BENCH_ONLY=mapping,emulator,provider,cycle,export,scale,fleet runs a subset.
 */
import { fork } from "node:child_process";

interface Row {
  name: string;
  value: number;
  unit: string;
  goal?: string | number;
}

const BENCHES: Record<string, () => Promise<Row[]>> = {
  mapping: async () => (await import("./mapping")).runMappingBench(),
  emulator: async () => (await import("./emulator")).runEmulatorBench(),
  provider: async () => (await import("./provider")).runProviderBench(),
  cycle: async () => (await import("./cycle")).runCycleBench(),
  export: async () => (await import("./export")).runExportBench(),
  scale: async () => (await import("./scale")).runScaleBench(),
  fleet: async () => (await import("./fleet")).runFleetBench(),
};

/** Runs one area in a child process and collects its rows. */
function runInChild(area: string): Promise<Row[]> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [area], {
      execArgv: process.execArgv,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let rows: Row[] | undefined;
    child.on("message", (message) => (rows = message as Row[]));
    child.on("exit", (code) =>
      rows && code === 0 ? resolve(rows) : reject(new Error(`${area} bench exited with ${code}`)),
    );
  });
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
  for (const area of Object.keys(BENCHES)) {
    if (only && !only.includes(area)) continue;
    const started = performance.now();
    const rows = await runInChild(area);
    process.stdout.write(`\n${area} (${Math.round(performance.now() - started)} ms)\n`);
    console.table(
      rows.map((row) => ({ ...row, goal: row.goal === undefined ? "" : String(row.goal) })),
    );
  }
}

const area = process.argv[2];
if (area && process.send) {
  BENCHES[area]().then(
    (rows) => process.send!(rows, () => process.exit(0)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
