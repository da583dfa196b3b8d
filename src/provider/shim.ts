import type * as pulumi from "@pulumi/pulumi";
import type { ResourceName } from "../resources/typeTokens";

/**
 * The module the serialized providers load at run time. Requiring the package by name (rather
 * than closing over our functions) keeps `__provider` tiny, keeps credentials and code out of
 * the state file, and makes every resource in the provider process share one runtime (sessions,
 * token caches, schema locks). It resolves from the project's node_modules, where the user
 * installed this package.
 */
export const PROVIDER_MODULE = "pulumi-entra-cts/provider";

/**
 * A dynamic provider whose every method forwards to the implementation of `name` in the
 * installed package. Only `name` and the module id are captured when Pulumi serializes it.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- run-time loading by package name is the design (decisions/0040) */
export function providerShim(name: ResourceName): pulumi.dynamic.ResourceProvider {
  const moduleId = PROVIDER_MODULE;
  const load = () => require(moduleId).implementationOf(name);
  return {
    async configure(request) {
      require(moduleId).configure(request);
    },
    async check(olds, news) {
      return load().check(olds, news);
    },
    async diff(id, olds, news) {
      return load().diff(id, olds, news);
    },
    async create(inputs) {
      return load().create(inputs);
    },
    async read(id, props) {
      return load().read(id, props);
    },
    async update(id, olds, news) {
      return load().update(id, olds, news);
    },
    async delete(id, props) {
      return load().delete(id, props);
    },
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */
