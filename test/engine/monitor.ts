/**
 * The engine's side of the program protocol: one gRPC server that is both the ResourceMonitor
 * and the Engine service a Pulumi program talks to (`PULUMI_MONITOR`/`PULUMI_ENGINE`, the
 * `--monitor`/`--engine` arguments of `@pulumi/pulumi/cmd/run`). It decodes requests and hands
 * them to a Deployment; state and provider calls live there.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct, type JavaScriptValue } from "google-protobuf/google/protobuf/struct_pb";
import * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import * as resourceGrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resourceProto from "@pulumi/pulumi/proto/resource_pb";
import type { Props } from "./wire";

/** A RegisterResource request, decoded. */
export interface Registration {
  type: string;
  name: string;
  /** Parent URN ('' for the stack itself). */
  parent: string;
  custom: boolean;
  /** Inputs as the SDK sent them: secrets in envelopes, unknowns as the sentinel. */
  inputs: Props;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  importId: string;
  deleteBeforeReplace: boolean;
  ignoreChanges: string[];
}

export interface MonitorHandlers {
  /** Answers the URN, the id ('' when unknown) and the outputs (wire form). */
  register(registration: Registration): Promise<{ urn: string; id: string; outputs: Props }>;
  registerOutputs(urn: string, outputs: Props): void;
  log(severity: number, message: string, urn: string): void;
}

/**
 * Features the monitor claims. Secrets must be true, or the SDK sends them in plain text; the
 * rest are off because our programs do not use them and the engine here does not implement them
 * (a program that needs one fails loudly instead of being half-served).
 */
const FEATURES: Record<string, boolean> = {
  secrets: true,
  resourceReferences: false,
  outputValues: false,
  deletedWith: true,
  aliasSpecs: true,
};

export interface RunningMonitor {
  address: string;
  stop(): Promise<void>;
}

type Callback<T> = (error: grpc.ServiceError | null, value?: T) => void;

function failure(error: unknown): grpc.ServiceError {
  const message = error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(message), {
    code: grpc.status.UNKNOWN,
    details: message,
    metadata: new grpc.Metadata(),
  });
}

function struct(props: Props): Struct {
  return Struct.fromJavaScript(
    JSON.parse(JSON.stringify(props)) as Record<string, JavaScriptValue>,
  );
}

export async function startMonitor(handlers: MonitorHandlers): Promise<RunningMonitor> {
  const server = new grpc.Server();
  let root = "";
  server.addService(resourceGrpc.ResourceMonitorService, {
    supportsFeature(
      call: grpc.ServerUnaryCall<resourceProto.SupportsFeatureRequest, unknown>,
      done: Callback<resourceProto.SupportsFeatureResponse>,
    ) {
      const response = new resourceProto.SupportsFeatureResponse();
      response.setHassupport(FEATURES[call.request.getId()] ?? false);
      done(null, response);
    },
    registerResource(
      call: grpc.ServerUnaryCall<resourceProto.RegisterResourceRequest, unknown>,
      done: Callback<resourceProto.RegisterResourceResponse>,
    ) {
      const request = call.request;
      const propertyDependencies: Record<string, string[]> = {};
      request.getPropertydependenciesMap().forEach((value, key) => {
        propertyDependencies[key] = value.getUrnsList();
      });
      handlers
        .register({
          type: request.getType(),
          name: request.getName(),
          parent: request.getParent(),
          custom: request.getCustom(),
          inputs: (request.getObject()?.toJavaScript() ?? {}) as Props,
          dependencies: request.getDependenciesList(),
          propertyDependencies,
          importId: request.getImportid(),
          deleteBeforeReplace: request.getDeletebeforereplace(),
          ignoreChanges: request.getIgnorechangesList(),
        })
        .then(({ urn, id, outputs }) => {
          const response = new resourceProto.RegisterResourceResponse();
          response.setUrn(urn);
          response.setId(id);
          response.setObject(struct(outputs));
          done(null, response);
        })
        .catch((error) => done(failure(error)));
    },
    registerResourceOutputs(
      call: grpc.ServerUnaryCall<resourceProto.RegisterResourceOutputsRequest, unknown>,
      done: Callback<Empty>,
    ) {
      handlers.registerOutputs(
        call.request.getUrn(),
        (call.request.getOutputs()?.toJavaScript() ?? {}) as Props,
      );
      done(null, new Empty());
    },
    signalAndWaitForShutdown(_call: unknown, done: Callback<Empty>) {
      done(null, new Empty());
    },
  });
  server.addService(engineGrpc.EngineService, {
    log(call: grpc.ServerUnaryCall<engineProto.LogRequest, unknown>, done: Callback<Empty>) {
      handlers.log(call.request.getSeverity(), call.request.getMessage(), call.request.getUrn());
      done(null, new Empty());
    },
    getRootResource(_call: unknown, done: Callback<engineProto.GetRootResourceResponse>) {
      const response = new engineProto.GetRootResourceResponse();
      response.setUrn(root);
      done(null, response);
    },
    setRootResource(
      call: grpc.ServerUnaryCall<engineProto.SetRootResourceRequest, unknown>,
      done: Callback<engineProto.SetRootResourceResponse>,
    ) {
      root = call.request.getUrn();
      done(null, new engineProto.SetRootResourceResponse());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return {
    address: `127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
      }),
  };
}
