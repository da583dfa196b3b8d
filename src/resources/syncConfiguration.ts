import * as pulumi from "@pulumi/pulumi";
import { refuseForbiddenKeys } from "../provider/forbiddenKeys";
import { providerShim } from "../provider/shim";
import type { SyncConfigurationArgs } from "./args";
import { TYPE_MODULE } from "./typeTokens";

export type { SyncConfigurationArgs } from "./args";

const provider = providerShim("SyncConfiguration");

/**
 * A cross-tenant synchronization configuration in the source tenant: the application and service
 * principal instantiated from the CTS gallery template, with its target tenant, scope,
 * notification e-mail and accidental-deletion settings (the synchronization secrets).
 *
 * Import: `{ import: "tenants/<sourceTenantId>/servicePrincipals/<servicePrincipalId>" }`.
 *
 * @example
 * const config = new SyncConfiguration("contoso-to-fabrikam", {
 *   sourceTenantId: contoso,
 *   targetTenantId: fabrikam,
 *   displayName: "Fabrikam",
 *   notificationEmail: "identity-ops@contoso.com",
 * }, { dependsOn: [sourcePartner, targetPartner] });
 */
export class SyncConfiguration extends pulumi.dynamic.Resource {
  /** Tenant users are synchronized from; the configuration lives here. */
  declare readonly sourceTenantId: pulumi.Output<string>;
  /** Tenant users are synchronized into. */
  declare readonly targetTenantId: pulumi.Output<string>;
  /** Display name of the configuration (its application) in the source tenant. */
  declare readonly displayName: pulumi.Output<string>;
  /** `assigned`: only assigned users and groups are in scope; `all`: every user in the source tenant. */
  declare readonly scope: pulumi.Output<"assigned" | "all">;
  /** Where Entra sends quarantine and failure notifications. */
  declare readonly notificationEmail: pulumi.Output<string | undefined>;
  /** Whether a cycle stops when it would delete more users than the threshold. */
  declare readonly accidentalDeletionPrevention: pulumi.Output<boolean>;
  /** How many deletions in one cycle quarantine the job instead, when prevention is on. */
  declare readonly accidentalDeletionThreshold: pulumi.Output<number>;
  /** Object id of the application. */
  declare readonly applicationObjectId: pulumi.Output<string>;
  /** Application (client) id. */
  declare readonly appId: pulumi.Output<string>;
  /** Object id of the service principal: the key of jobs, mappings and assignments. */
  declare readonly servicePrincipalId: pulumi.Output<string>;
  /** Id of the `msiam_access` app role that assignments use. */
  declare readonly appRoleId: pulumi.Output<string>;

  constructor(name: string, args: SyncConfigurationArgs, opts?: pulumi.CustomResourceOptions) {
    refuseForbiddenKeys("SyncConfiguration", args);
    super(
      provider,
      name,
      {
        applicationObjectId: undefined,
        appId: undefined,
        servicePrincipalId: undefined,
        appRoleId: undefined,
        ...args,
      },
      opts,
      TYPE_MODULE,
      "SyncConfiguration",
    );
  }
}
