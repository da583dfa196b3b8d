/**
 * A test engine for whole Pulumi programs: TEST TOOLING, never a replacement for the Pulumi CLI.
 *
 * It runs a program through the SDK's own program runner (`@pulumi/pulumi/cmd/run`, what the Node
 * language host starts) against the monitor in ./monitor.ts, forwards custom resources to
 * Pulumi's dynamic-provider host (test/harness/providerHost.ts) and keeps state the way the
 * engine does (pkg/resource/deploy in pulumi/pulumi): check then diff against the last state,
 * create/update/replace, delete what the program no longer registers in reverse dependency
 * order, refresh by reading, destroy, the import option and stack outputs. Secrets stay
 * envelopes in state; unknowns (preview) are the wire sentinel.
 */
import { spawn } from "node:child_process";
import * as path from "node:path";
import { ProviderHost, type DiffAnswer } from "../harness/providerHost";
import { startMonitor, type Registration } from "./monitor";
import { UNKNOWN, containsUnknown, unwrapSecrets, wrapSecrets, type Props } from "./wire";

export const STACK_TYPE = "pulumi:pulumi:Stack";

/** A resource in the checkpoint. */
export interface StateResource {
  urn: string;
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  id: string;
  /** Plain values; `secretKeys` says which ones the checkpoint holds as secrets. */
  inputs: Props;
  outputs: Props;
  secretKeys: string[];
  /** Every URN this resource depends on (dependsOn, property dependencies, parent). */
  dependencies: string[];
}

export type StepOp = "create" | "update" | "replace" | "delete" | "same" | "import";

export interface Step {
  op: StepOp;
  urn: string;
  type: string;
  /** Properties the provider's diff named (update/replace). */
  diffs?: string[];
}

/** What a preview or an up saw: the steps, and each registration as the analyzer gets it. */
export interface RunResult {
  steps: Step[];
  registrations: Array<Registration & { urn: string; checkedInputs: Props }>;
  outputs: Props;
}

export interface PropertyChange {
  urn: string;
  property: string;
  before: unknown;
  after: unknown;
}

export interface ProgramSpec {
  /** The program directory (its package.json `main` is the entry). */
  dir: string;
  /** Project name, as in Pulumi.yaml. */
  project: string;
  stack?: string;
  /** Stack config with namespaced keys (`<project>:key`, `entra-cts:graphUrl`). */
  config: Record<string, string>;
  secretKeys?: string[];
  /** The engine's `--parallel` (default 10, as the CLI's `up` without flags... in spirit). */
  parallel?: number;
  /** Kills the program after this many milliseconds (a hung program must not hang CI). */
  timeoutMs?: number;
}

/** Environment variables that would make the host pick a credential other than the config's. */
const CREDENTIAL_ENV = /^(AZURE_|ARM_|ACTIONS_ID_TOKEN_|ENTRA_CTS_)/;

function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !CREDENTIAL_ENV.test(key)),
  );
}

function qualifiedType(urn: string): string {
  return urn.split("::")[2];
}

export function urnFor(
  stack: string,
  project: string,
  type: string,
  name: string,
  parent: string,
): string {
  const parentType = parent ? qualifiedType(parent) : "";
  const chain = parentType && parentType !== STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${chain}::${name}`;
}

/** Runs `work` over items with at most `limit` in flight. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

export class TestEngine {
  readonly state = new Map<string, StateResource>();
  outputs: Props = {};

  private constructor(
    readonly host: ProviderHost,
    private readonly stackConfig: Record<string, string>,
  ) {}

  /** Starts one dynamic-provider host configured with the whole stack config, as the engine does. */
  static async start(stackConfig: Record<string, string>): Promise<TestEngine> {
    const host = await ProviderHost.start({ config: stackConfig, env: cleanEnv() });
    return new TestEngine(host, stackConfig);
  }

  async stop(): Promise<void> {
    await this.host.stop();
  }

  preview(program: ProgramSpec): Promise<RunResult> {
    return this.run(program, true);
  }

  up(program: ProgramSpec): Promise<RunResult> {
    return this.run(program, false);
  }

  /** The checkpoint as the engine would write it: secrets as envelopes. */
  checkpoint(): { resources: Array<Omit<StateResource, "secretKeys">>; outputs: Props } {
    return {
      resources: [...this.state.values()].map(({ secretKeys, ...resource }) => ({
        ...resource,
        inputs: wrapSecrets(resource.inputs, secretKeys),
        outputs: wrapSecrets(resource.outputs, secretKeys),
      })),
      outputs: this.outputs,
    };
  }

  /** `pulumi refresh`: reads every custom resource; answers what changed, property by property. */
  async refresh(parallel = 10): Promise<PropertyChange[]> {
    const changes: PropertyChange[] = [];
    const custom = [...this.state.values()].filter((r) => r.custom);
    await inParallel(custom, parallel, async (resource) => {
      const read = await this.host.read(
        resource.urn,
        resource.id,
        resource.outputs,
        resource.inputs,
      );
      if (!read.id) {
        this.state.delete(resource.urn);
        changes.push({ urn: resource.urn, property: "", before: resource.id, after: undefined });
        return;
      }
      const keys = new Set([...Object.keys(resource.outputs), ...Object.keys(read.properties)]);
      for (const key of keys) {
        if (key === "__provider") continue;
        const before = resource.outputs[key];
        const after = read.properties[key];
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          changes.push({ urn: resource.urn, property: key, before, after });
        }
      }
      resource.outputs = { ...read.properties, __provider: resource.outputs.__provider };
    });
    return changes;
  }

  /** `pulumi destroy`: deletes everything, dependents first. */
  async destroy(parallel = 10): Promise<Step[]> {
    const steps: Step[] = [];
    await this.deleteInOrder([...this.state.values()], parallel, steps);
    this.outputs = {};
    return steps;
  }

  private async deleteInOrder(doomed: StateResource[], parallel: number, steps: Step[]) {
    const remaining = new Map(doomed.map((r) => [r.urn, r]));
    while (remaining.size) {
      // Deletable now: nothing still remaining depends on it.
      const ready = [...remaining.values()].filter(
        (candidate) =>
          ![...remaining.values()].some((other) => other.dependencies.includes(candidate.urn)),
      );
      if (!ready.length) throw new Error("TestEngine: a dependency cycle among deletions.");
      await inParallel(ready, parallel, async (resource) => {
        if (resource.custom) {
          await this.host.delete(resource.urn, resource.id, resource.outputs);
          steps.push({ op: "delete", urn: resource.urn, type: resource.type });
        }
        this.state.delete(resource.urn);
        remaining.delete(resource.urn);
      });
    }
  }

  private async run(program: ProgramSpec, dryRun: boolean): Promise<RunResult> {
    const stack = program.stack ?? "test";
    const parallel = program.parallel ?? 10;
    const result: RunResult = { steps: [], registrations: [], outputs: {} };
    const registered = new Set<string>();
    const replaced: StateResource[] = [];
    const errors: string[] = [];
    const pending = new Set<Promise<unknown>>();
    let stackUrn = "";

    const monitor = await startMonitor({
      register: (registration) => {
        const work = this.register(registration, { stack, project: program.project, dryRun })
          .then((answer) => {
            registered.add(answer.urn);
            if (registration.type === STACK_TYPE) stackUrn = answer.urn;
            if (answer.replacedOld) replaced.push(answer.replacedOld);
            if (answer.step) result.steps.push(answer.step);
            result.registrations.push({
              ...registration,
              urn: answer.urn,
              checkedInputs: answer.checkedInputs,
            });
            return { urn: answer.urn, id: answer.id, outputs: answer.outputs };
          })
          .catch((error: Error) => {
            errors.push(`${registration.type}::${registration.name}: ${error.message}`);
            throw error;
          });
        pending.add(work);
        work.finally(() => pending.delete(work)).catch(() => undefined);
        return work;
      },
      registerOutputs: (urn, outputs) => {
        if (urn === stackUrn || urn.includes(`::${STACK_TYPE}::`)) result.outputs = outputs;
      },
      log: (severity, message) => {
        if (severity >= 3) errors.push(message); // 3 = ERROR
      },
    });
    try {
      const code = await this.runProgram(program, monitor.address, stack, parallel, dryRun);
      await Promise.allSettled([...pending]);
      if (code !== 0 || errors.length) {
        throw new Error(
          `TestEngine: the program in ${path.basename(program.dir)} failed (exit ${code}):\n${errors.join("\n")}`,
        );
      }
    } finally {
      await monitor.stop();
    }
    if (!dryRun) {
      const gone = [...this.state.values()].filter((r) => !registered.has(r.urn));
      // Replaced originals first (nothing in the new graph depends on them), then what the
      // program dropped, dependents first.
      await inParallel(replaced, parallel, async (old) => {
        await this.host.delete(old.urn, old.id, old.outputs);
        result.steps.push({ op: "delete", urn: old.urn, type: old.type });
      });
      await this.deleteInOrder(gone, parallel, result.steps);
      this.outputs = result.outputs;
    } else {
      for (const resource of this.state.values()) {
        if (!registered.has(resource.urn)) {
          result.steps.push({ op: "delete", urn: resource.urn, type: resource.type });
        }
      }
    }
    return result;
  }

  private runProgram(
    program: ProgramSpec,
    address: string,
    stack: string,
    parallel: number,
    dryRun: boolean,
  ): Promise<number> {
    const entry = require.resolve("@pulumi/pulumi/cmd/run");
    const args = [
      entry,
      `--monitor=${address}`,
      `--engine=${address}`,
      `--project=${program.project}`,
      `--stack=${stack}`,
      "--organization=organization",
      `--root-directory=${program.dir}`,
      `--pwd=${program.dir}`,
      `--parallel=${parallel}`,
      ...(dryRun ? ["--dry-run"] : []),
      ".",
    ];
    const child = spawn(process.execPath, args, {
      cwd: program.dir,
      env: {
        ...cleanEnv(),
        PULUMI_CONFIG: JSON.stringify(program.config),
        PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(program.secretKeys ?? []),
        PULUMI_NODEJS_TYPESCRIPT: "true",
        PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const output: string[] = [];
    child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), program.timeoutMs ?? 120_000);
    return new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        if (code !== 0) process.stderr.write(`[TestEngine] program output:\n${output.join("")}\n`);
        resolve(code ?? (signal ? 128 : 1));
      }),
    );
  }

  private async register(
    registration: Registration,
    context: { stack: string; project: string; dryRun: boolean },
  ): Promise<{
    urn: string;
    id: string;
    outputs: Props;
    checkedInputs: Props;
    step?: Step;
    replacedOld?: StateResource;
  }> {
    const { type, name, parent } = registration;
    const urn = urnFor(context.stack, context.project, type, name, parent);
    const dependencies = [
      ...new Set([
        ...registration.dependencies,
        ...Object.values(registration.propertyDependencies).flat(),
        ...(parent ? [parent] : []),
      ]),
    ];
    const old = this.state.get(urn);
    const { plain, secretKeys } = unwrapSecrets(registration.inputs);

    if (!registration.custom) {
      // Components and the stack: no provider; state keeps them for parents and ordering.
      if (!context.dryRun) {
        this.state.set(urn, {
          urn,
          type,
          name,
          parent,
          custom: false,
          id: "",
          inputs: plain,
          outputs: {},
          secretKeys,
          dependencies,
        });
      }
      return { urn, id: "", outputs: {}, checkedInputs: plain };
    }

    const checked = await this.host.check(urn, old?.inputs ?? {}, plain);
    if (checked.failures.length) {
      throw new Error(checked.failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
    }
    const inputs = checked.inputs;
    const entry = (id: string, outputs: Props): StateResource => ({
      urn,
      type,
      name,
      parent,
      custom: true,
      id,
      inputs,
      outputs,
      secretKeys,
      dependencies,
    });
    const answer = (id: string, outputs: Props, step: Step, replacedOld?: StateResource) => ({
      urn,
      id,
      outputs: wrapSecrets(outputs, secretKeys),
      checkedInputs: inputs,
      step,
      replacedOld,
    });

    if (registration.importId && !old) {
      if (context.dryRun) return answer(registration.importId, inputs, { op: "import", urn, type });
      const read = await this.host.read(urn, registration.importId, {}, inputs);
      if (!read.id) throw new Error(`import: ${registration.importId} does not exist`);
      const diff = await this.host.diff(urn, read.id, read.properties, inputs);
      if (diff.changes === 2) {
        throw new Error(
          `inputs to import do not match the existing resource: ${diff.replaces.join(", ") || "see diff"}`,
        );
      }
      this.state.set(urn, entry(read.id, read.properties));
      return answer(read.id, read.properties, { op: "import", urn, type });
    }

    if (!old) {
      if (context.dryRun) {
        // Outputs of a resource to be created are unknown: only the checked inputs are known.
        return answer("", inputs, { op: "create", urn, type });
      }
      const created = await this.host.create(urn, inputs);
      this.state.set(urn, entry(created.id, created.properties));
      return answer(created.id, created.properties, { op: "create", urn, type });
    }

    const diff: DiffAnswer = containsUnknown(inputs)
      ? { changes: 2, replaces: [], deleteBeforeReplace: false }
      : await this.host.diff(urn, old.id, old.outputs, inputs);
    const diffs = diff.replaces;
    if (diff.changes !== 2) {
      if (!context.dryRun) this.state.set(urn, { ...old, inputs, secretKeys, dependencies });
      return answer(old.id, old.outputs, { op: "same", urn, type });
    }
    if (diff.replaces.length) {
      if (context.dryRun) return answer("", inputs, { op: "replace", urn, type, diffs });
      if (diff.deleteBeforeReplace || registration.deleteBeforeReplace) {
        await this.host.delete(urn, old.id, old.outputs);
        const created = await this.host.create(urn, inputs);
        this.state.set(urn, entry(created.id, created.properties));
        return answer(created.id, created.properties, { op: "replace", urn, type, diffs });
      }
      // Create the replacement first; the old one is deleted at the end, as the engine does.
      const created = await this.host.create(urn, inputs);
      this.state.set(urn, entry(created.id, created.properties));
      return answer(created.id, created.properties, { op: "replace", urn, type, diffs }, old);
    }
    if (context.dryRun) {
      return answer(old.id, { ...old.outputs, ...inputs }, { op: "update", urn, type });
    }
    const outputs = await this.host.update(urn, old.id, old.outputs, inputs);
    this.state.set(urn, entry(old.id, outputs));
    return answer(old.id, outputs, { op: "update", urn, type });
  }

  /** Stack config this engine's provider host was configured with. */
  get config(): Record<string, string> {
    return this.stackConfig;
  }
}

export { UNKNOWN };
