/**
 * The end-to-end life of a program, declared once for every shipped example and topology: preview
 * from empty, up, a second up with no Graph writes, a portal-style change that refresh reports as
 * exactly that property and the next up puts back, the policy pack over the same registrations
 * through the analyzer host, and destroy leaving the tenants as they were.
 */
import * as path from "node:path";
import { AnalyzerHost, type Diagnostic } from "../harness/analyzer";
import type { TenantRef } from "../harness/emulator";
import type { ProgramStack } from "./programStack";
import { STACK_TYPE, UNKNOWN, type RunResult, type StepOp } from "./testEngine";

const PACK_DIR = path.resolve(__dirname, "..", "..", "policies");
const OUR_TYPES = "pulumi-nodejs:dynamic/entra-cts:";

export interface PortalChange {
  /** Which tenant's admin makes the change. */
  tenant: TenantRef;
  method: string;
  path: string;
  body: unknown;
  /** The resource (its name) and the property refresh must report, with the new value. */
  resourceName: string;
  property: string;
  after: unknown;
}

export interface LifecycleSpec {
  /** Resources of ours by kind (PartnerPolicy, SyncConfiguration ...). */
  kinds: Record<string, number>;
  /** Component resources (e.g. SyncTopology) the program registers. */
  components?: number;
  portalChange(stack: ProgramStack): PortalChange;
  /** Per step (default 60 s): a hub of 30 takes longer than a pair. */
  timeoutMs?: number;
}

function kindsOf(result: RunResult, op?: StepOp): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const step of result.steps) {
    if (op && step.op !== op) continue;
    if (!step.type.startsWith(OUR_TYPES)) continue;
    const kind = step.type.slice(OUR_TYPES.length);
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

function mandatory(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.enforcementLevel === "mandatory");
}

async function analyze(host: AnalyzerHost, result: RunResult): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  for (const registration of result.registrations) {
    if (!registration.custom) continue;
    const { __provider: _provider, ...properties } = registration.checkedInputs;
    diagnostics.push(
      ...(await host.analyze({
        urn: registration.urn,
        type: registration.type,
        name: registration.name,
        properties,
        parent: registration.parent,
      })),
    );
  }
  return diagnostics;
}

export function describeLifecycle(stack: ProgramStack, spec: LifecycleSpec): void {
  const timeout = spec.timeoutMs ?? 60_000;
  const total = Object.values(spec.kinds).reduce((sum, n) => sum + n, 0);
  let before: unknown;
  let preview: RunResult;
  let up: RunResult;
  let analyzer: AnalyzerHost | undefined;

  beforeAll(async () => {
    before = stack.worldView();
    analyzer = await AnalyzerHost.start(PACK_DIR);
    await analyzer.configure();
  }, 90_000);
  afterAll(async () => {
    await analyzer?.stop();
  });

  it(
    "previews from empty: everything to create, outputs of what is to be created unknown",
    async () => {
      stack.emulator.emulator.requestLog.clear();
      preview = await stack.engine.preview(stack.program);
      expect(kindsOf(preview, "create")).toEqual(spec.kinds);
      expect(preview.steps.filter((s) => s.op !== "create")).toEqual([]);
      // Whatever takes a configuration's service principal id sees it unknown at preview.
      const dependents = preview.registrations.filter((r) => "servicePrincipalId" in r.inputs);
      expect(dependents.length).toBeGreaterThan(0);
      for (const dependent of dependents) expect(dependent.inputs.servicePrincipalId).toBe(UNKNOWN);
      expect(stack.graphWrites()).toEqual([]);
      expect(stack.engine.state.size).toBe(0);
    },
    timeout,
  );

  it(
    "passes the policy pack at preview, unknowns included, through the analyzer host",
    async () => {
      expect(mandatory(await analyze(analyzer!, preview))).toEqual([]);
    },
    timeout,
  );

  it(
    "ups from empty: creates every resource, in dependency order, components as parents",
    async () => {
      up = await stack.engine.up(stack.program);
      expect(kindsOf(up, "create")).toEqual(spec.kinds);
      const custom = [...stack.engine.state.values()].filter((r) => r.custom);
      expect(custom).toHaveLength(total);
      for (const resource of custom) expect(resource.id).not.toBe("");
      const components = [...stack.engine.state.values()].filter(
        (r) => !r.custom && r.type !== STACK_TYPE,
      );
      expect(components).toHaveLength(spec.components ?? 0);
      // Every dependency named at registration was created before its dependent.
      const order = up.steps.map((s) => s.urn);
      for (const resource of custom) {
        for (const dependency of resource.dependencies) {
          const at = order.indexOf(dependency);
          if (at >= 0) expect(at).toBeLessThan(order.indexOf(resource.urn));
        }
      }
      expect(Object.keys(stack.engine.outputs).length).toBeGreaterThan(0);
    },
    timeout,
  );

  it(
    "keeps no credential in state or __provider",
    () => {
      const checkpoint = JSON.stringify(stack.engine.checkpoint());
      expect(checkpoint).toContain("__provider");
      for (const credential of stack.credentials()) expect(checkpoint).not.toContain(credential);
      expect(checkpoint).not.toMatch(/eyJ[\w-]{10,}\.[\w-]{10,}\./); // no JWT
    },
    timeout,
  );

  it(
    "passes the policy pack on the registrations and the stack after up",
    async () => {
      expect(mandatory(await analyze(analyzer!, up))).toEqual([]);
      const resources = [...stack.engine.state.values()]
        .filter((r) => r.custom)
        .map(({ urn, type, name, parent, outputs, dependencies }) => {
          const { __provider: _provider, ...properties } = outputs;
          return { urn, type, name, parent, properties, dependencies };
        });
      expect(mandatory(await analyzer!.analyzeStack(resources))).toEqual([]);
    },
    timeout,
  );

  it(
    "a second up with no changes makes no Graph writes",
    async () => {
      stack.emulator.emulator.requestLog.clear();
      const again = await stack.engine.up(stack.program);
      expect(again.steps.filter((s) => s.op !== "same")).toEqual([]);
      expect(stack.graphWrites()).toEqual([]);
    },
    timeout,
  );

  it(
    "refresh after a portal-style change shows exactly that property; up puts it back",
    async () => {
      const change = spec.portalChange(stack);
      const reply = await stack.emulator.graphFetch(
        change.tenant,
        change.method,
        change.path,
        change.body,
      );
      expect(reply.status).toBeLessThan(300);
      const changes = await stack.engine.refresh();
      const target = [...stack.engine.state.values()].find((r) => r.name === change.resourceName);
      expect(changes).toEqual([
        expect.objectContaining({
          urn: target!.urn,
          property: change.property,
          after: change.after,
        }),
      ]);

      stack.emulator.emulator.requestLog.clear();
      const repair = await stack.engine.up(stack.program);
      expect(repair.steps.filter((s) => s.op !== "same")).toEqual([
        expect.objectContaining({ op: "update", urn: target!.urn }),
      ]);
      expect(stack.graphWrites().length).toBeGreaterThan(0);
      expect(await stack.engine.refresh()).toEqual([]);
    },
    timeout,
  );

  it(
    "destroy leaves every tenant as it was",
    async () => {
      const steps = await stack.engine.destroy();
      expect(steps.filter((s) => s.op === "delete")).toHaveLength(total);
      expect(stack.engine.state.size).toBe(0);
      expect(stack.worldView()).toEqual(before);
    },
    timeout,
  );
}
