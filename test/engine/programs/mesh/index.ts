import * as pulumi from "@pulumi/pulumi";
import * as cts from "pulumi-entra-cts";

// Every tenant synchronizes its pilot group into every other tenant.
const config = new pulumi.Config();
const tenants = config.requireObject<Record<string, string>>("tenants");

const topology = new cts.SyncTopology("mesh", {
  tenants,
  pairs: cts.mesh(Object.keys(tenants), {
    groupIds: [config.require("groupId")],
    notificationEmail: "identity-ops@contoso.com",
    mappings: [{ targetAttribute: "userType", constant: "Member", apply: "onCreate" }],
  }),
});

export const jobCount = Object.keys(topology.jobs).length;
