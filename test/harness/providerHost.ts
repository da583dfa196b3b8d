import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
// The engine's own stubs, shipped inside the SDK.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const providerPb = require("@pulumi/pulumi/proto/provider_pb");

const ROOT = path.resolve(__dirname, "..", "..");

/** The value the engine sends for a property not known yet during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Props = Record<string, unknown>;

/** A Struct the way the engine builds one: properties without a value are simply absent. */
function struct(props: Props): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(props)));
}

export interface CheckAnswer {
  inputs: Props;
  failures: Array<{ property: string; reason: string }>;
}

export interface DiffAnswer {
  /** 0 unknown, 1 none, 2 some. */
  changes: number;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** Serializes a provider the way `dynamic.Resource` does for `__provider`. */
export async function serializeProvider(
  provider: pulumi.dynamic.ResourceProvider,
): Promise<string> {
  const serialized = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialized.text;
}

/**
 * Pulumi's own dynamic-provider host (`@pulumi/pulumi/cmd/dynamic-provider`) driven over gRPC as
 * the engine drives it: Configure once, then Check/Diff/Create/Read/Update/Delete with the
 * serialized provider in `__provider`.
 */
export class ProviderHost {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: InstanceType<typeof providerGrpc.ResourceProviderClient>,
    readonly stderr: string[],
  ) {}

  /** The host's process id (benchmarks read its CPU time). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(
    options: { env?: NodeJS.ProcessEnv; config?: Record<string, string> } = {},
  ): Promise<ProviderHost> {
    const entry = require.resolve("@pulumi/pulumi/cmd/dynamic-provider");
    const child = spawn(process.execPath, [entry, "127.0.0.1:1"], {
      cwd: ROOT,
      env: {
        ...process.env,
        PULUMI_NODEJS_PROJECT: "entra-cts-tests",
        PULUMI_NODEJS_STACK: "test",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stderr: string[] = [];
    child.stderr!.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
    const port = await new Promise<string>((resolve, reject) => {
      const lines = readline.createInterface({ input: child.stdout! });
      lines.once("line", (line) => resolve(line.trim()));
      child.once("exit", (code) =>
        reject(new Error(`provider host exited (${code}): ${stderr.join("")}`)),
      );
    });
    const client = new providerGrpc.ResourceProviderClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createInsecure(),
    );
    const host = new ProviderHost(child, client, stderr);
    const configure = new providerPb.ConfigureRequest();
    configure.setArgs(Struct.fromJavaScript((options.config ?? {}) as never));
    configure.setAcceptsecrets(true);
    await host.invoke("configure", configure);
    return host;
  }

  private invoke<T>(method: string, request: unknown): Promise<T> {
    return new Promise((resolve, reject) =>
      this.client[method](request, (error: grpc.ServiceError | null, response: T) =>
        error ? reject(error) : resolve(response),
      ),
    );
  }

  async check(urn: string, olds: Props, news: Props): Promise<CheckAnswer> {
    const request = new providerPb.CheckRequest();
    request.setUrn(urn);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    const response = await this.invoke<{
      getInputs(): Struct;
      getFailuresList(): Array<{ getProperty(): string; getReason(): string }>;
    }>("check", request);
    return {
      inputs: response.getInputs().toJavaScript() as Props,
      failures: response
        .getFailuresList()
        .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(urn: string, id: string, olds: Props, news: Props): Promise<DiffAnswer> {
    const request = new providerPb.DiffRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    const response = await this.invoke<{
      getChanges(): number;
      getReplacesList(): string[];
      getDeletebeforereplace(): boolean;
    }>("diff", request);
    return {
      changes: response.getChanges(),
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  async create(urn: string, properties: Props): Promise<{ id: string; properties: Props }> {
    const request = new providerPb.CreateRequest();
    request.setUrn(urn);
    request.setProperties(struct(properties));
    const response = await this.invoke<{ getId(): string; getProperties(): Struct }>(
      "create",
      request,
    );
    return { id: response.getId(), properties: response.getProperties().toJavaScript() as Props };
  }

  async read(
    urn: string,
    id: string,
    properties: Props,
    inputs?: Props,
  ): Promise<{ id: string; properties: Props; inputs?: Props }> {
    const request = new providerPb.ReadRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setProperties(struct(properties));
    if (inputs) request.setInputs(struct(inputs));
    const response = await this.invoke<{
      getId(): string;
      getProperties(): Struct | undefined;
      getInputs(): Struct | undefined;
    }>("read", request);
    return {
      id: response.getId(),
      properties: (response.getProperties()?.toJavaScript() ?? {}) as Props,
      inputs: response.getInputs()?.toJavaScript() as Props | undefined,
    };
  }

  async update(urn: string, id: string, olds: Props, news: Props): Promise<Props> {
    const request = new providerPb.UpdateRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setOlds(struct(olds));
    request.setNews(struct(news));
    const response = await this.invoke<{ getProperties(): Struct }>("update", request);
    return response.getProperties().toJavaScript() as Props;
  }

  async delete(urn: string, id: string, properties: Props): Promise<void> {
    const request = new providerPb.DeleteRequest();
    request.setUrn(urn);
    request.setId(id);
    request.setProperties(struct(properties));
    await this.invoke("delete", request);
  }

  async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.kill("SIGTERM");
      await exited;
    }
  }
}

/** A URN for a resource of ours, as the engine would name it. */
export function urnOf(type: string, name: string): string {
  return `urn:pulumi:test::entra-cts-tests::pulumi-nodejs:dynamic/entra-cts:${type}::${name}`;
}
