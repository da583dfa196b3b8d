import type * as pulumi from "@pulumi/pulumi";

/** What each resource implements: the dynamic provider interface without `configure`. */
export type ResourceImplementation = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;
