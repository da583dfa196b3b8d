import * as pulumi from "@pulumi/pulumi";
import * as cts from "pulumi-entra-cts";

const config = new pulumi.Config();
const tenants = config.requireObject<Record<string, string>>("tenants");
const [hub, ...spokes] = Object.keys(tenants);

// One PartnerPolicy per tenant and partner, one configuration, assignment, job and mapping set
// per direction. Use `cts.mesh(labels, ...)` for every tenant to every other instead.
const topology = new cts.SyncTopology("staff", {
  tenants,
  pairs: cts.hubAndSpoke(hub, spokes, {
    groupIds: [config.require("hubGroupId")],
    notificationEmail: "identity-ops@contoso.com",
    accidentalDeletionThreshold: 100,
    mappings: [
      { targetAttribute: "companyName", constant: hub },
      { targetAttribute: "userType", constant: "Member", apply: "onCreate" },
    ],
  }),
});

export const jobs = Object.fromEntries(
  Object.entries(topology.jobs).map(([key, job]) => [key, job.statusCode]),
);
