/**
 * One emulator and one test engine per test file, for a whole program: the engine's provider
 * host is configured like `pulumi up` configures it (stack config, one app per tenant under
 * `entra-cts:tenants`, held as a secret), and the program's own config goes under its project.
 */
import type { EmulatorOptions } from "../../src/emulator";
import type { TenantState } from "../../src/emulator/world/types";
import { withEmulator, type EmulatorHarness } from "../harness/emulator";
import { PROVIDER_SECRET_KEYS, providerConfigFor } from "./stackConfig";
import { TestEngine, type ProgramSpec } from "./testEngine";

export interface ProgramStackOptions extends EmulatorOptions {
  dir: string;
  project: string;
  /** The program's config (keys without the project prefix), from the running emulator. */
  programConfig(emulator: EmulatorHarness): Record<string, string>;
  parallel?: number;
}

export interface ProgramStack {
  readonly emulator: EmulatorHarness;
  readonly engine: TestEngine;
  readonly program: ProgramSpec;
  /** Graph requests other than GET since the log was last cleared. */
  graphWrites(): string[];
  /** The tenants as a reviewer compares them: directory, policies, apps, sync, assignments. */
  worldView(): unknown;
  /** Every credential the emulator issued to callers: none may reach state. */
  credentials(): string[];
}

/** Where deletions leave a trace by design (recycle bins, logs); compared separately. */
const HISTORY: ReadonlyArray<keyof TenantState> = ["deletedItems", "provisioningLogs"];

export function withProgramStack(options: ProgramStackOptions): ProgramStack {
  const emulator = withEmulator(options);
  let engine: TestEngine | undefined;
  let program: ProgramSpec | undefined;

  beforeAll(async () => {
    const own = Object.entries(options.programConfig(emulator)).map(([key, value]) => [
      `${options.project}:${key}`,
      value,
    ]);
    const config = {
      ...providerConfigFor(emulator.settings),
      ...Object.fromEntries(own),
    };
    engine = await TestEngine.start(config);
    program = {
      dir: options.dir,
      project: options.project,
      config,
      secretKeys: PROVIDER_SECRET_KEYS,
      parallel: options.parallel,
    };
  }, 60_000);
  afterAll(async () => {
    await engine?.stop();
  });

  const need = <T>(value: T | undefined): T => {
    if (!value) throw new Error("withProgramStack: use it inside tests");
    return value;
  };
  return {
    emulator,
    get engine() {
      return need(engine);
    },
    get program() {
      return need(program);
    },
    graphWrites: () =>
      emulator.emulator.requestLog
        .list()
        .filter((entry) => entry.kind === "graph" && entry.method !== "GET")
        .map((entry) => `${entry.method} ${entry.path}`),
    worldView: () =>
      JSON.parse(
        JSON.stringify(
          emulator.emulator.world.tenants.map((tenant) => {
            const view: Partial<TenantState> = { ...tenant };
            for (const key of HISTORY) delete view[key];
            view.crossTenantAccessPolicy = {
              ...tenant.crossTenantAccessPolicy,
              deletedPartners: [],
            };
            return view;
          }),
        ),
      ),
    credentials: () =>
      emulator.settings.tenants.flatMap((t) => [t.clientSecret]).filter((s) => s.length >= 8),
  };
}
