import * as pulumi from "@pulumi/pulumi";
import { refuseForbiddenKeys } from "../provider/forbiddenKeys";
import { providerShim } from "../provider/shim";
import type { B2BSettingArgs, InboundTrustArgs, PartnerPolicyArgs } from "./args";
import { TYPE_MODULE } from "./typeTokens";

export type { PartnerPolicyArgs } from "./args";

const provider = providerShim("PartnerPolicy");

/**
 * One tenant's cross-tenant access configuration for a partner tenant: automatic redemption
 * (automatic user consent), inbound user and group sync, inbound trust and B2B settings.
 *
 * A sync pair needs two: in the source tenant for the target (automaticUserConsentOutbound), and
 * in the target tenant for the source (automaticUserConsentInbound and userSyncInbound).
 *
 * Import: `{ import: "tenants/<tenantId>/partners/<partnerTenantId>" }`.
 *
 * @example
 * new PartnerPolicy("fabrikam-trusts-contoso", {
 *   tenantId: fabrikamTenantId,
 *   partnerTenantId: contosoTenantId,
 *   automaticUserConsentInbound: true,
 *   userSyncInbound: true,
 * });
 */
export class PartnerPolicy extends pulumi.dynamic.Resource {
  /** Tenant holding the configuration. */
  declare readonly tenantId: pulumi.Output<string>;
  /** The partner tenant. */
  declare readonly partnerTenantId: pulumi.Output<string>;
  /** Whether invitations from the partner are redeemed automatically (inbound automatic user consent). */
  declare readonly automaticUserConsentInbound: pulumi.Output<boolean | undefined>;
  /** Whether this tenant's users skip the consent prompt in the partner (outbound automatic user consent). */
  declare readonly automaticUserConsentOutbound: pulumi.Output<boolean | undefined>;
  /** Whether users from the partner may be synchronized into this tenant. */
  declare readonly userSyncInbound: pulumi.Output<boolean | undefined>;
  /** Whether groups from the partner may be synchronized into this tenant (beta). */
  declare readonly groupSyncInbound: pulumi.Output<boolean | undefined>;
  /** Which MFA and device claims from the partner are trusted. */
  declare readonly inboundTrust: pulumi.Output<InboundTrustArgs | undefined>;
  /** Who in the partner may be invited into this tenant, and to which applications. */
  declare readonly b2bCollaborationInbound: pulumi.Output<B2BSettingArgs | undefined>;
  /** Who in this tenant may be invited into the partner, and to which applications. */
  declare readonly b2bCollaborationOutbound: pulumi.Output<B2BSettingArgs | undefined>;
  /** Whether the partner tenant is in the same multitenant organization (read-only). */
  declare readonly isInMultiTenantOrganization: pulumi.Output<boolean | undefined>;

  constructor(name: string, args: PartnerPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    refuseForbiddenKeys("PartnerPolicy", args);
    super(
      provider,
      name,
      { isInMultiTenantOrganization: undefined, ...args },
      opts,
      TYPE_MODULE,
      "PartnerPolicy",
    );
  }
}
