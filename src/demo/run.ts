/**
 * `npm run demo`: examples/tenant-pair from deploy to destroy against the emulator, in temp
 * folders only (decisions/0071). `runDemo` removes everything it made before it returns or
 * throws; the CLI adds the signal paths.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { settingsAsEnv, startEmulator, type RunningEmulator } from "../emulator";
import { EmulatorGraph } from "./emulatorGraph";
import { changesInPreview } from "./previewDiff";
import { prepareProject } from "./project";
import { runCommand } from "./pulumiCli";
import { EXPECTED_DRIFT, PILOT_GROUP_ID, pulumiSteps } from "./steps";
import { formatTable } from "./table";

export interface DemoOptions {
  /** The repository whose example and package are used. */
  repoRoot: string;
  /** The `pulumi` executable (found on PATH by the caller). */
  pulumi: string;
  /** Where the demo's temp folder goes (default: the system temp folder). */
  tmpRoot?: string;
  /** The environment Pulumi runs in, before the demo's own variables. */
  env?: NodeJS.ProcessEnv;
  out?: (text: string) => void;
  /** Called with the temp folder as soon as it exists, so a signal handler can remove it. */
  onWorkDir?: (dir: string) => void;
}

export class DemoCheckFailed extends Error {}

export async function runDemo(options: DemoOptions): Promise<void> {
  const out = options.out ?? ((text: string) => void process.stdout.write(text));
  const say = (text: string) => out(`\n== ${text}\n`);
  const work = mkdtempSync(path.join(options.tmpRoot ?? tmpdir(), "entra-cts-demo-"));
  options.onWorkDir?.(work);
  let emulator: RunningEmulator | undefined;
  let graph: EmulatorGraph | undefined;
  try {
    say("Packing this working tree and installing it into a temp copy of examples/tenant-pair");
    const project = await prepareProject(options.repoRoot, work, out);

    say("Starting the emulator (Contoso -> Fabrikam)");
    emulator = await startEmulator({ stateDir: path.join(work, "emulator") });
    graph = new EmulatorGraph(emulator.settings);
    const backend = pathToFileURL(path.join(work, "backend")).href;
    const env: NodeJS.ProcessEnv = {
      ...(options.env ?? process.env),
      ...settingsAsEnv(emulator.settings),
      PULUMI_HOME: path.join(work, "pulumi-home"),
      PULUMI_BACKEND_URL: backend,
      // A throwaway stack: its secrets provider's passphrase lives only for this run.
      PULUMI_CONFIG_PASSPHRASE: randomBytes(16).toString("hex"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
    };
    const pulumi = (args: string[], capture = false) => {
      out(`$ pulumi ${args.join(" ")}\n`);
      return runCommand(options.pulumi, args, { cwd: project, env, echo: out, capture });
    };
    const tenants = {
      sourceTenantId: graph.tenant("source").tenantId,
      targetTenantId: graph.tenant("target").tenantId,
      pilotGroupId: PILOT_GROUP_ID,
    };

    say("Deploying into a throwaway local backend");
    await pulumi(pulumiSteps.login(backend));
    await pulumi(pulumiSteps.stackInit());
    for (const [key, value] of Object.entries(tenants)) {
      await pulumi(pulumiSteps.configSet(key, value));
    }
    await pulumi(pulumiSteps.up());

    say("Running a provisioning cycle");
    const reports = await graph.runCycle();
    if (reports.length === 0) {
      throw new DemoCheckFailed(
        "no synchronization job ran: `pulumi up` left no active job in the emulator.",
      );
    }
    for (const report of reports) {
      out(`cycle: ${report.outcome}, ${JSON.stringify(report.changes)}\n`);
    }
    say(`What ${graph.tenant("target").displayName} (the target tenant) now contains`);
    const users = await graph.targetUsers();
    out(
      `${formatTable(
        ["displayName", "userPrincipalName", "userType", "companyName"],
        users.map((u) => [u.displayName, u.userPrincipalName, u.userType, u.companyName]),
      )}\n`,
    );

    say("A portal-style change: the target turns off automatic redemption for the source");
    await graph.turnOffAutomaticRedemptionInTarget();
    const preview = await pulumi(pulumiSteps.previewRefresh(), true);
    const changes = changesInPreview(preview);
    for (const change of changes) {
      out(`drift: ${change.resource} ${change.op} ${change.property}\n`);
    }
    const exact =
      changes.length === 1 &&
      changes[0].resource === EXPECTED_DRIFT.resource &&
      changes[0].property === EXPECTED_DRIFT.property;
    if (!exact) {
      throw new DemoCheckFailed(
        `\`pulumi preview --refresh\` should show exactly ${EXPECTED_DRIFT.resource}.${EXPECTED_DRIFT.property}; it showed ${changes.length} change(s).`,
      );
    }
    out(
      `pulumi preview --refresh caught exactly ${EXPECTED_DRIFT.resource}.${EXPECTED_DRIFT.property}.\n`,
    );

    say("Running the policy pack");
    const pack = path.join(project, "node_modules", "pulumi-entra-cts", "policy-pack");
    await pulumi(pulumiSteps.previewWithPolicies(pack));

    say("Destroying");
    await pulumi(pulumiSteps.destroy());
    await pulumi(pulumiSteps.stackRm());
    say("Done: everything the demo created is removed");
  } finally {
    await graph?.close();
    await emulator?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
