import { PolicyPack } from "@pulumi/policy";
import { allPolicies } from "./rules";

// Constructing the pack starts the analyzer's gRPC server: keep this file to this one statement.
new PolicyPack("entra-cts", {
  description:
    "Guards Microsoft Entra cross-tenant synchronization stacks built with pulumi-entra-cts: automatic redemption on both sides, group-based scope, and safe sync settings.",
  policies: allPolicies,
});
