/**
 * pulumi-entra-cts: Microsoft Entra ID cross-tenant synchronization as code.
 * Every public name is exported here.
 */
export * from "./resources";
