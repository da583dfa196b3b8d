import type { PolicyConfigSchema, ResourceValidationPolicy } from "@pulumi/policy";
import { configWithDefaults } from "../lib/config";
import { readString, UNKNOWN } from "../lib/known";
import { isResource } from "../lib/resources";

export interface NotificationEmailConfig {
  /** Domains the address must belong to; empty allows any domain. */
  allowedDomains: string[];
}

export const notificationEmailSchema: PolicyConfigSchema = {
  properties: {
    allowedDomains: {
      type: "array",
      items: { type: "string" },
      default: [],
      description:
        "Domains the notification address must belong to (e.g. a team mailbox domain); empty allows any.",
    },
  },
};

/** One address: Graph's `Recipients` format for several addresses is undocumented (decisions/reference/graph-cts.md §5.2). */
const EMAIL = /^[^\s@;,]+@([^\s@;,]+\.[^\s@;,]+)$/;

/**
 * A quarantined job stops syncing silently: joiners are not created and leavers keep access in
 * the target. The notification e-mail is the only push signal Entra sends.
 */
export const notificationEmail: ResourceValidationPolicy = {
  name: "cts-notification-email",
  description:
    "SyncConfigurations set notificationEmail to one e-mail address, so someone hears when the job is quarantined.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: notificationEmailSchema,
  remediationSteps: "Set notificationEmail to a monitored mailbox, e.g. the identity team's.",
  validateResource: (args, reportViolation) => {
    if (!isResource(args.type, "SyncConfiguration")) return;
    const config = configWithDefaults<NotificationEmailConfig>(
      notificationEmailSchema,
      args.getConfig(),
    );
    const address = readString(args.props, "notificationEmail");
    if (address === UNKNOWN) return;
    if (address === undefined || address.trim() === "") {
      reportViolation(
        `SyncConfiguration '${args.name}' has no notificationEmail: nobody is told when its job is quarantined. Set notificationEmail to a monitored mailbox.`,
      );
      return;
    }
    const match = EMAIL.exec(address.trim());
    if (!match) {
      reportViolation(
        `SyncConfiguration '${args.name}' has notificationEmail "${address}", which is not one e-mail address. Set a single address such as "identity-team@contoso.com".`,
      );
      return;
    }
    const domain = match[1].toLowerCase();
    const allowed = config.allowedDomains.map((entry) => entry.toLowerCase());
    if (allowed.length > 0 && !allowed.includes(domain)) {
      reportViolation(
        `SyncConfiguration '${args.name}' sends notifications to ${address}, outside the allowed domains (${config.allowedDomains.join(", ")}). Use a mailbox in one of them.`,
      );
    }
  },
};
