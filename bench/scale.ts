/**
 * How the provisioning cycle, the preview and the impact report grow with the number of users:
 * 25,000, 50,000 and 100,000 in-scope users (the cycle bench's world: one assigned group, the
 * default mappings plus five expressions, an empty target). Each measurement runs in a process of
 * its own, so its peak resident set (getrusage maxRSS) is its own. Goals (issue #11): a cycle and a
 * preview over 100,000 users in 5 s and 600 MB each, memory growing linearly.
 *
 * Run alone with `BENCH_ONLY=scale npm run bench`.
 */
import { fork } from "node:child_process";
import { performance } from "node:perf_hooks";
import { azure2azureDefaultSchema } from "../src/emulator/fixtures/azure2azureSchema";
import { previewProvisioning, runCycle } from "../src/emulator/provisioning";
import { impactReport } from "../src/impact/report";
import { TYPE_TOKENS } from "../src/resources/typeTokens";
import { benchWorld, type BenchRow } from "./cycle";

const SIZES = [25_000, 50_000, 100_000];
const KINDS = ["cycle", "preview", "impact"] as const;
type Kind = (typeof KINDS)[number];

const GOAL_SECONDS = 5;
const GOAL_MB = 600;
const NOW = () => Date.parse("2026-01-15T10:00:00Z");

interface Measurement {
  seconds: number;
  peakMb: number;
}

/** One measurement, in this (child) process. */
function measure(kind: Kind, users: number): Measurement {
  const { world, selector } = benchWorld(users);
  const start = performance.now();
  if (kind === "cycle") runCycle(world, selector, { now: NOW });
  else if (kind === "preview") previewProvisioning(world, selector, { now: NOW });
  else {
    // A mapping change on a job whose users are all still to be created.
    const urn = `urn:pulumi:bench::cts::${TYPE_TOKENS.AttributeMapping}::users`;
    impactReport(
      world,
      {
        changes: [
          {
            kind: "AttributeMapping",
            urn,
            op: "create",
            after: {
              ...selector,
              objectType: "User",
              mappings: [
                {
                  targetAttribute: "jobTitle",
                  expression: 'Join(" / ", [jobTitle], [department])',
                },
              ],
            },
          },
        ],
        ignored: [],
      },
      { now: NOW(), templateSchema: azure2azureDefaultSchema() },
    );
  }
  const seconds = (performance.now() - start) / 1000;
  // maxRSS is in kilobytes.
  return { seconds, peakMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

function inChild(kind: Kind, users: number): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [kind, String(users)], {
      execArgv: process.execArgv,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: Measurement | undefined;
    child.on("message", (message) => (result = message as Measurement));
    child.on("exit", (code) =>
      result && code === 0
        ? resolve(result)
        : reject(new Error(`${kind} ${users} exited with ${code}`)),
    );
  });
}

export async function runScaleBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const kind of KINDS) {
    for (const users of SIZES) {
      const { seconds, peakMb } = await inChild(kind, users);
      const goal = kind === "impact" ? "" : ` (goal at 100k: ${GOAL_SECONDS} s, ${GOAL_MB} MB)`;
      rows.push({
        name: `${kind}: ${users} users, time${users === 100_000 ? goal : ""}`,
        value: Number(seconds.toFixed(2)),
        unit: kind === "impact" ? "s" : `s (${(seconds / GOAL_SECONDS).toFixed(2)}x goal)`,
      });
      rows.push({
        name: `${kind}: ${users} users, peak resident set`,
        value: peakMb,
        unit: kind === "impact" ? "MB" : `MB (${(peakMb / GOAL_MB).toFixed(2)}x goal)`,
      });
    }
  }
  return rows;
}

const [kind, users] = process.argv.slice(2);
if (process.send && KINDS.includes(kind as Kind)) {
  const result = measure(kind as Kind, Number(users));
  process.send(result, () => process.exit(0));
}
