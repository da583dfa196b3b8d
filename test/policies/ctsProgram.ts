/**
 * A real Pulumi program built from the package's resource classes: one sync pair, HR tenant to
 * Fabrikam, both PartnerPolicy sides, a configuration, its job, a mapping and one group.
 * Options break it the way the policy pack must catch.
 */
import type * as pulumi from "@pulumi/pulumi";
import {
  Assignment,
  AttributeMapping,
  PartnerPolicy,
  SyncConfiguration,
  SyncJob,
} from "pulumi-entra-cts";
import { ALICE, SALES_GROUP, SOURCE, TARGET } from "./baseline";

export interface CtsProgramOptions {
  /** Leave automaticUserConsentInbound off the target side. */
  withoutTargetInboundRedemption?: boolean;
  /** Assign one user instead of the group. */
  assignSingleUser?: boolean;
  /** Leave notificationEmail unset. */
  withoutNotificationEmail?: boolean;
  /** Map displayName with an expression that does not parse. */
  brokenExpression?: boolean;
}

export function ctsProgram(options: CtsProgramOptions = {}): pulumi.Resource[] {
  const sourcePartner = new PartnerPolicy("hr-trusts-fabrikam", {
    tenantId: SOURCE,
    partnerTenantId: TARGET,
    automaticUserConsentOutbound: true,
  });
  const targetPartner = new PartnerPolicy("fabrikam-accepts-hr", {
    tenantId: TARGET,
    partnerTenantId: SOURCE,
    automaticUserConsentInbound: options.withoutTargetInboundRedemption ? undefined : true,
    userSyncInbound: true,
  });
  const configuration = new SyncConfiguration(
    "hr-to-fabrikam",
    {
      sourceTenantId: SOURCE,
      targetTenantId: TARGET,
      displayName: "Fabrikam",
      notificationEmail: options.withoutNotificationEmail ? undefined : "identity-ops@contoso.com",
    },
    { dependsOn: [sourcePartner, targetPartner] },
  );
  const job = new SyncJob("hr-to-fabrikam-job", {
    tenantId: SOURCE,
    servicePrincipalId: configuration.servicePrincipalId,
  });
  const mapping = new AttributeMapping("hr-to-fabrikam-mappings", {
    tenantId: SOURCE,
    servicePrincipalId: configuration.servicePrincipalId,
    jobId: job.jobId,
    mappings: [
      {
        targetAttribute: "displayName",
        expression: `Join(" ", [givenName], [surname]${options.brokenExpression ? "" : ")"}`,
      },
      { targetAttribute: "department", sourceAttribute: "department" },
    ],
  });
  const assignment = new Assignment(
    options.assignSingleUser ? "hr-to-fabrikam-alice" : "hr-to-fabrikam-sales",
    {
      tenantId: SOURCE,
      servicePrincipalId: configuration.servicePrincipalId,
      principalId: options.assignSingleUser ? ALICE : SALES_GROUP,
      principalType: options.assignSingleUser ? "User" : "Group",
    },
  );
  return [sourcePartner, targetPartner, configuration, job, mapping, assignment];
}
