import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import { includesId } from "../lib/ids";
import { read, readBoolean, readString, UNKNOWN } from "../lib/known";
import { isResource } from "../lib/resources";

export interface TrustAllowlistConfig {
  /** Partner tenants whose MFA and device claims may be trusted. */
  trustedTenantIds: string[];
}

export const trustAllowlistSchema: PolicyConfigSchema = {
  properties: {
    trustedTenantIds: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Partner tenant ids whose MFA and device claims may be trusted.",
    },
  },
};

const TRUST_CLAIMS = [
  { property: "isMfaAccepted", claim: "MFA" },
  { property: "isCompliantDeviceAccepted", claim: "compliant-device" },
  { property: "isHybridAzureADJoinedDeviceAccepted", claim: "hybrid-joined-device" },
] as const;

/**
 * Trusting a partner's MFA and device claims lets its users satisfy this tenant's Conditional
 * Access with checks done elsewhere. Community guides recommend ticking every box; that choice
 * should be a reviewed list, not a copied default.
 */
export const trustAllowlist: ResourceValidationPolicy = {
  name: "cts-trust-allowlist",
  description:
    "PartnerPolicy inboundTrust accepts MFA and device claims only from tenants in the trustedTenantIds allowlist.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: trustAllowlistSchema,
  remediationSteps:
    "Set the inboundTrust flags to false for this partner, or add the partner tenant id to trustedTenantIds after review.",
  validateResource: (args, reportViolation) => {
    if (!isResource(args.type, "PartnerPolicy")) return;
    const config = configWithDefaults<TrustAllowlistConfig>(trustAllowlistSchema, args.getConfig());
    const partnerTenantId = readString(args.props, "partnerTenantId");
    if (partnerTenantId === UNKNOWN) return;
    if (partnerTenantId !== undefined && includesId(config.trustedTenantIds, partnerTenantId))
      return;
    const inboundTrust = read(args.props, "inboundTrust");
    for (const { property, claim } of TRUST_CLAIMS) {
      if (readBoolean(inboundTrust, property) !== true) continue;
      reportViolation(
        `PartnerPolicy '${args.name}' trusts ${claim} claims from partner ${partnerTenantId ?? "(no partnerTenantId)"}, which is not in trustedTenantIds. Set inboundTrust.${property}: false, or add the partner to trustedTenantIds of cts-trust-allowlist.`,
      );
    }
  },
};
