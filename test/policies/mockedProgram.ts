/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` and records each resource registration
 * as the engine would receive it: type, name, inputs (unknowns as Pulumi's sentinel during a
 * preview), dependencies and property dependencies, plus the outputs the mock "provider"
 * answered. The mocks' `newResource` does not see dependencies, so the registration request is
 * read at the mock monitor, which gets the SDK's request unchanged.
 */
import * as pulumi from "@pulumi/pulumi";
import { getMonitor } from "@pulumi/pulumi/runtime/settings";
import { TYPE_TOKENS } from "pulumi-entra-cts";
import type { AnalyzedResource } from "../harness/analyzer";

export interface RegisteredResource {
  urn: string;
  type: string;
  name: string;
  parent?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

/** What the provider computes on create, by type (fixed ids so assertions can name them). */
function providerOutputs(type: string, name: string): Record<string, unknown> {
  const id = (prefix: string) => `${prefix}${hash(name)}-0000-4000-8000-000000000000`;
  switch (type) {
    case TYPE_TOKENS.SyncConfiguration:
      return {
        applicationObjectId: id("a"),
        appId: id("b"),
        servicePrincipalId: id("c"),
        appRoleId: id("d"),
      };
    case TYPE_TOKENS.SyncJob:
      return { jobId: `Azure2Azure.${hash(name)}`, scheduleState: "Active", statusCode: "Active" };
    case TYPE_TOKENS.Assignment:
      return { assignmentId: id("e"), principalDisplayName: name };
    case TYPE_TOKENS.PartnerPolicy:
      return { isInMultiTenantOrganization: false };
    default:
      return {};
  }
}

/** Seven hex digits from a name, so each resource gets its own GUIDs. */
function hash(name: string): string {
  let value = 7;
  for (const char of name) value = (value * 31 + char.charCodeAt(0)) >>> 0;
  return value.toString(16).padStart(7, "0").slice(-7);
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): {
    forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void;
  };
}

interface RegisterResponse {
  getUrn(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

type Callback = (error: unknown, response?: RegisterResponse) => void;

/**
 * Runs `program` (which returns the resources it created) as a preview or an update, and returns
 * the registrations in order.
 */
export async function runMockedProgram(
  program: () => pulumi.Resource[],
  { preview }: { preview: boolean },
): Promise<RegisteredResource[]> {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({
        id: preview ? undefined : `${args.name}-id`,
        // A preview creates nothing: outputs are the inputs, computed ones stay unknown.
        state: preview ? args.inputs : { ...args.inputs, ...providerOutputs(args.type, args.name) },
      }),
      call: () => ({}),
    },
    "cts-stack",
    "dev",
    preview,
  );
  const registered: RegisteredResource[] = [];
  const monitor = getMonitor() as unknown as {
    registerResource(request: RegisterRequest, callback: Callback): void;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) =>
    register(request, (error, response) => {
      if (!error && response) registered.push(recordOf(request, response));
      callback(error, response);
    });

  const resources = program();
  await Promise.all(resources.map((resource) => settled(resource.urn)));
  return registered;
}

function recordOf(request: RegisterRequest, response: RegisterResponse): RegisteredResource {
  const propertyDependencies: Record<string, string[]> = {};
  request
    .getPropertydependenciesMap()
    .forEach((value, key) => (propertyDependencies[key] = value.getUrnsList()));
  return {
    urn: response.getUrn(),
    type: request.getType(),
    name: request.getName(),
    parent: request.getParent() || undefined,
    inputs: request.getObject()?.toJavaScript() ?? {},
    outputs: response.getObject()?.toJavaScript() ?? {},
    dependencies: request.getDependenciesList(),
    propertyDependencies,
  };
}

function settled<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((value) => resolve(value)));
}

/** Analyze gets each resource's inputs. */
export function forAnalyze(resource: RegisteredResource): AnalyzedResource {
  return { ...resource, properties: resource.inputs };
}

/** AnalyzeStack gets each resource's outputs (after the preview or the update). */
export function forAnalyzeStack(resource: RegisteredResource): AnalyzedResource {
  return { ...resource, properties: resource.outputs };
}
