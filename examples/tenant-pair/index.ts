import * as pulumi from "@pulumi/pulumi";
import * as cts from "pulumi-entra-cts";

const config = new pulumi.Config();
const source = config.require("sourceTenantId");
const target = config.require("targetTenantId");
const pilotGroupId = config.require("pilotGroupId");

// Target side: accept users from the source, and redeem their invitations automatically.
const targetSide = new cts.PartnerPolicy("fabrikam-accepts-contoso", {
  tenantId: target,
  partnerTenantId: source,
  automaticUserConsentInbound: true,
  userSyncInbound: true,
});

// Source side: suppress the consent prompt for our users in the target.
const sourceSide = new cts.PartnerPolicy("contoso-sends-to-fabrikam", {
  tenantId: source,
  partnerTenantId: target,
  automaticUserConsentOutbound: true,
});

// The configuration in the source tenant. Its test connection needs both sides first.
const configuration = new cts.SyncConfiguration(
  "contoso-to-fabrikam",
  {
    sourceTenantId: source,
    targetTenantId: target,
    displayName: "Fabrikam",
    scope: "assigned",
    notificationEmail: "identity-ops@contoso.com",
    accidentalDeletionThreshold: 50,
  },
  { dependsOn: [targetSide, sourceSide] },
);

// Only the pilot group's direct members are in scope.
const pilot = new cts.Assignment("pilot-group", {
  tenantId: source,
  servicePrincipalId: configuration.servicePrincipalId,
  principalId: pilotGroupId,
  principalType: "Group",
  appRoleId: configuration.appRoleId,
});

const job = new cts.SyncJob(
  "contoso-to-fabrikam",
  { tenantId: source, servicePrincipalId: configuration.servicePrincipalId, enabled: true },
  { dependsOn: [pilot] },
);

new cts.AttributeMapping("user-shape", {
  tenantId: source,
  servicePrincipalId: configuration.servicePrincipalId,
  jobId: job.jobId,
  mappings: [
    {
      targetAttribute: "displayName",
      expression: 'Join(" ", [givenName], [surname], "(Contoso)")',
    },
    { targetAttribute: "userType", constant: "Member", apply: "onCreate" },
    { targetAttribute: "companyName", constant: "Contoso" },
  ],
  deleteOutOfScope: true,
});

export const servicePrincipalId = configuration.servicePrincipalId;
export const jobId = job.jobId;
export const jobStatus = job.statusCode;
