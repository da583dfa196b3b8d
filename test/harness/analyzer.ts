/**
 * Drives a policy pack through Pulumi's own analyzer host over gRPC, the way the engine does
 * during `pulumi preview --policy-pack <dir>`: start `run-policy-pack` in the pack directory
 * (it type-checks the pack with ts-node and prints its port first), then GetAnalyzerInfo,
 * Configure (every policy, with its enforcement level and config), Analyze per resource and
 * AnalyzeStack. Only this path reproduces the analyzer's unknown-checking proxy and its
 * "can't run during preview" handling.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct, type JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/analyzer_pb";

export type EnforcementLevel = "advisory" | "mandatory" | "disabled" | "remediate";

/** Wire values of `pulumirpc.EnforcementLevel`. */
const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "disabled", "remediate"];

/** A resource as the engine hands it to the analyzer. */
export interface AnalyzedResource {
  urn: string;
  type: string;
  name: string;
  /** Inputs (Analyze) or outputs (AnalyzeStack); unknowns as Pulumi's sentinel string. */
  properties: Record<string, unknown>;
  parent?: string;
  /** URNs this resource depends on. */
  dependencies?: string[];
  /** Property name -> URNs its value came from. */
  propertyDependencies?: Record<string, string[]>;
}

export interface Diagnostic {
  policyName: string;
  enforcementLevel: EnforcementLevel;
  message: string;
  urn: string;
}

export interface PolicyInfo {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  /** The config schema's properties, as published. */
  configSchema: Record<string, { default?: unknown } & Record<string, unknown>>;
}

/** Per-policy config as in a `--policy-pack-config` file: a level, or a level plus properties. */
export type PolicyPackConfig = Record<
  string,
  EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)
>;

export interface AnalyzerHostOptions {
  /** How long the host may take to type-check the pack and print its port (default 60 s). */
  startTimeoutInMs?: number;
}

export class AnalyzerHost {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: AnalyzerClient,
    private readonly stderr: () => string,
  ) {}

  /** Starts `run-policy-pack` for the pack in `packDir` and connects to it. */
  static async start(packDir: string, options: AnalyzerHostOptions = {}): Promise<AnalyzerHost> {
    // Resolved from the pack's folder, as the CLI does: an installed pack uses the project's copy.
    const entry = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
    // The engine address is required by the command line but never dialled by a policy pack.
    const child = spawn(process.execPath, [entry, "127.0.0.1:1", "."], {
      cwd: packDir,
      env: { ...process.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    try {
      const port = await firstLine(child, options.startTimeoutInMs ?? 60_000, () => stderr);
      const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      return new AnalyzerHost(child, client, () => stderr);
    } catch (error) {
      child.kill();
      throw error;
    }
  }

  async info(): Promise<{ name: string; version: string; policies: PolicyInfo[] }> {
    const info = await this.call<proto.AnalyzerInfo>((done) =>
      this.client.getAnalyzerInfo(new Empty(), done),
    );
    return {
      name: info.getName(),
      version: info.getVersion(),
      policies: info.getPoliciesList().map((policy) => ({
        name: policy.getName(),
        description: policy.getDescription(),
        enforcementLevel: LEVELS[policy.getEnforcementlevel()],
        configSchema: (policy.getConfigschema()?.getProperties()?.toJavaScript() ??
          {}) as PolicyInfo["configSchema"],
      })),
    };
  }

  /**
   * Configures every policy of the pack, as the engine does: each gets its default enforcement
   * level and its schema's defaults unless `config` says otherwise. (The analyzer treats a
   * policy left out of Configure as advisory, so a partial request would change levels.)
   */
  async configure(config: PolicyPackConfig = {}): Promise<void> {
    const { policies } = await this.info();
    const request = new proto.ConfigureAnalyzerRequest();
    for (const policy of policies) {
      const given = config[policy.name];
      const { enforcementLevel, ...properties } =
        typeof given === "string" ? { enforcementLevel: given } : (given ?? {});
      const withDefaults: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(policy.configSchema)) {
        if (schema.default !== undefined) withDefaults[key] = schema.default;
      }
      const policyConfig = new proto.PolicyConfig();
      policyConfig.setEnforcementlevel(LEVELS.indexOf(enforcementLevel ?? policy.enforcementLevel));
      policyConfig.setProperties(toStruct({ ...withDefaults, ...properties }));
      request.getPolicyconfigMap().set(policy.name, policyConfig);
    }
    await this.call((done) => this.client.configure(request, done));
  }

  /** Analyze: the resource policies over one resource's inputs. */
  async analyze(resource: AnalyzedResource): Promise<Diagnostic[]> {
    const request = new proto.AnalyzeRequest();
    request.setUrn(resource.urn);
    request.setType(resource.type);
    request.setName(resource.name);
    request.setProperties(toStruct(resource.properties));
    request.setOptions(emptyOptions(resource.parent));
    const response = await this.call<proto.AnalyzeResponse>((done) =>
      this.client.analyze(request, done),
    );
    // Resource policies report without a URN; the engine files them under the analyzed resource.
    return diagnosticsOf(response).map((diagnostic) => ({
      ...diagnostic,
      urn: diagnostic.urn || resource.urn,
    }));
  }

  /** AnalyzeStack: the stack policies over every resource's outputs. */
  async analyzeStack(resources: readonly AnalyzedResource[]): Promise<Diagnostic[]> {
    const request = new proto.AnalyzeStackRequest();
    for (const resource of resources) {
      const entry = new proto.AnalyzerResource();
      entry.setUrn(resource.urn);
      entry.setType(resource.type);
      entry.setName(resource.name);
      entry.setProperties(toStruct(resource.properties));
      entry.setOptions(emptyOptions(resource.parent));
      if (resource.parent) entry.setParent(resource.parent);
      entry.setDependenciesList(resource.dependencies ?? []);
      for (const [property, urns] of Object.entries(resource.propertyDependencies ?? {})) {
        const dependencies = new proto.AnalyzerPropertyDependencies();
        dependencies.setUrnsList(urns);
        entry.getPropertydependenciesMap().set(property, dependencies);
      }
      request.addResources(entry);
    }
    const response = await this.call<proto.AnalyzeResponse>((done) =>
      this.client.analyzeStack(request, done),
    );
    return diagnosticsOf(response);
  }

  /** Closes the connection and stops the host process. */
  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.kill();
    await exited;
  }

  private call<T>(
    invoke: (done: (error: grpc.ServiceError | null, value: T) => void) => void,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      invoke((error, value) => {
        if (!error) return resolve(value);
        const stderr = this.stderr().trim();
        reject(
          new Error(
            `Failed to call the policy analyzer: ${error.details || error.message}.` +
              (stderr ? ` Its stderr:\n${stderr}` : " It wrote nothing to stderr."),
          ),
        );
      }),
    );
  }
}

/** The host prints its port as the first line of stdout once the pack has loaded. */
function firstLine(
  child: ChildProcess,
  timeoutInMs: number,
  stderr: () => string,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let stdout = "";
    const fail = (reason: string) => {
      clearTimeout(timer);
      reject(
        new Error(
          `Failed to start the policy analyzer: ${reason}. Check that the pack type-checks (npx tsc -p <pack>/tsconfig.json). Its stderr:\n${stderr()}`,
        ),
      );
    };
    const timer = setTimeout(() => fail(`no port after ${timeoutInMs} ms`), timeoutInMs);
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline < 0) return;
      clearTimeout(timer);
      const port = stdout.slice(0, newline).trim();
      if (/^\d+$/.test(port)) resolve(port);
      else fail(`its first line was not a port: ${JSON.stringify(port)}`);
    });
    child.once("exit", (code, signal) => fail(`it exited (${signal ?? `code ${code}`})`));
  });
}

/** Struct cannot hold undefined; the engine drops such properties too. */
function toStruct(value: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(
    JSON.parse(JSON.stringify(value)) as Record<string, JavaScriptValue>,
  );
}

/** The analyzer refuses requests without options ("a more recent version of the CLI is required"). */
function emptyOptions(parent?: string): proto.AnalyzerResourceOptions {
  const options = new proto.AnalyzerResourceOptions();
  options.setCustomtimeouts(new proto.AnalyzerResourceOptions.CustomTimeouts());
  if (parent) options.setParent(parent);
  return options;
}

function diagnosticsOf(response: proto.AnalyzeResponse): Diagnostic[] {
  return response.getDiagnosticsList().map((diagnostic) => ({
    policyName: diagnostic.getPolicyname(),
    enforcementLevel: LEVELS[diagnostic.getEnforcementlevel()],
    message: diagnostic.getMessage(),
    urn: diagnostic.getUrn(),
  }));
}
