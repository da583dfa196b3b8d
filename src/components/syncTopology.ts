import * as pulumi from "@pulumi/pulumi";
import type {
  AttributeMappingEntryArgs,
  InboundTrustArgs,
  ScopingFilterGroupArgs,
} from "../resources/args";
import { Assignment } from "../resources/assignment";
import { AttributeMapping } from "../resources/attributeMapping";
import { PartnerPolicy } from "../resources/partnerPolicy";
import { SyncConfiguration } from "../resources/syncConfiguration";
import { SyncJob } from "../resources/syncJob";

/** One direction of synchronization between two tenants named by their labels. */
export interface SyncPairArgs {
  /** Label (key of `tenants`) of the tenant users come from. */
  source: string;
  /** Label of the tenant users go to. */
  target: string;
  /** Display name of the configuration in the source tenant (default: the target's label). */
  displayName?: string;
  /** Source groups whose direct members are synchronized. At least one. */
  groupIds: pulumi.Input<string>[];
  /** Attribute mappings of the pair's User object mapping. */
  mappings?: AttributeMappingEntryArgs[];
  /** Scoping filter of the User object mapping. */
  scopingFilter?: ScopingFilterGroupArgs[];
  /** Soft-delete users who leave scope (default: the template's, which does). */
  deleteOutOfScope?: boolean;
  /** Quarantine e-mail. */
  notificationEmail?: string;
  /** Accidental-deletion threshold (default 500). */
  accidentalDeletionThreshold?: number;
  /** Run the job (default true). */
  enabled?: boolean;
}

export interface SyncTopologyArgs {
  /** Tenant ids (GUIDs) by a short label used in resource names, e.g. `{ contoso: "2f7e..." }`. */
  tenants: Record<string, string>;
  /** The directions to synchronize: see `hubAndSpoke` and `mesh`. */
  pairs: SyncPairArgs[];
  /** Inbound trust a tenant grants each partner it receives users from, by the tenant's label. */
  inboundTrust?: Record<string, InboundTrustArgs>;
}

/** Pairs from a hub to each spoke (and back, with `bidirectional`). */
export function hubAndSpoke(
  hub: string,
  spokes: string[],
  common: Omit<SyncPairArgs, "source" | "target">,
  options: { bidirectional?: boolean } = {},
): SyncPairArgs[] {
  const outbound = spokes.map((spoke) => ({ ...common, source: hub, target: spoke }));
  const inbound = options.bidirectional
    ? spokes.map((spoke) => ({ ...common, source: spoke, target: hub }))
    : [];
  return [...outbound, ...inbound];
}

/** Pairs in both directions between every two tenants. */
export function mesh(
  labels: string[],
  common: Omit<SyncPairArgs, "source" | "target">,
): SyncPairArgs[] {
  return labels.flatMap((source) =>
    labels.filter((target) => target !== source).map((target) => ({ ...common, source, target })),
  );
}

interface PartnerSettings {
  outbound: boolean;
  inbound: boolean;
}

/**
 * A set of tenants and the directions users synchronize between them: one PartnerPolicy per
 * tenant and partner (a tenant that both sends to and receives from a partner gets a single
 * policy with both settings, since a tenant has one partner configuration per partner), and per
 * direction a configuration, its group assignments, its job and its mappings.
 */
export class SyncTopology extends pulumi.ComponentResource {
  /** By `<tenant>-to-<partner>` label pair. */
  readonly partnerPolicies: Record<string, PartnerPolicy> = {};
  /** By `<source>-to-<target>`. */
  readonly configurations: Record<string, SyncConfiguration> = {};
  /** By `<source>-to-<target>`. */
  readonly jobs: Record<string, SyncJob> = {};

  constructor(name: string, args: SyncTopologyArgs, opts?: pulumi.ComponentResourceOptions) {
    super("entra-cts:index:SyncTopology", name, {}, opts);
    const tenantId = (label: string): string => {
      const id = args.tenants[label];
      if (!id)
        throw new Error(
          `SyncTopology '${name}': pair names tenant '${label}', which is not in tenants.`,
        );
      return id;
    };
    const settings = new Map<string, PartnerSettings>();
    const touch = (tenant: string, partner: string) => {
      const key = `${tenant}-to-${partner}`;
      if (!settings.has(key)) settings.set(key, { outbound: false, inbound: false });
      return settings.get(key)!;
    };
    const names = new Set<string>();
    for (const pair of args.pairs) {
      // Configurations are found again by their name in the source tenant (decisions/0044).
      const configurationName = `${pair.source}/${pair.displayName ?? pair.target}`;
      if (names.has(configurationName)) {
        throw new Error(
          `SyncTopology '${name}': two pairs from ${pair.source} share the displayName '${pair.displayName ?? pair.target}'; give each target its own.`,
        );
      }
      names.add(configurationName);
      if (pair.source === pair.target)
        throw new Error(
          `SyncTopology '${name}': a pair needs two tenants, got ${pair.source} twice.`,
        );
      if (pair.groupIds.length === 0)
        throw new Error(
          `SyncTopology '${name}': pair ${pair.source}-to-${pair.target} needs at least one group.`,
        );
      touch(pair.source, pair.target).outbound = true;
      touch(pair.target, pair.source).inbound = true;
    }
    for (const [key, { outbound, inbound }] of settings) {
      const [tenant, partner] = key.split("-to-");
      this.partnerPolicies[key] = new PartnerPolicy(
        `${name}-${tenant}-partner-${partner}`,
        {
          tenantId: tenantId(tenant),
          partnerTenantId: tenantId(partner),
          ...(outbound ? { automaticUserConsentOutbound: true } : {}),
          ...(inbound ? { automaticUserConsentInbound: true, userSyncInbound: true } : {}),
          ...(inbound && args.inboundTrust?.[tenant]
            ? { inboundTrust: args.inboundTrust[tenant] }
            : {}),
        },
        { parent: this },
      );
    }
    for (const pair of args.pairs) {
      const key = `${pair.source}-to-${pair.target}`;
      const source = tenantId(pair.source);
      const configuration = new SyncConfiguration(
        `${name}-${key}`,
        {
          sourceTenantId: source,
          targetTenantId: tenantId(pair.target),
          displayName: pair.displayName ?? pair.target,
          scope: "assigned",
          notificationEmail: pair.notificationEmail,
          accidentalDeletionThreshold: pair.accidentalDeletionThreshold,
        },
        {
          parent: this,
          dependsOn: [
            this.partnerPolicies[key],
            this.partnerPolicies[`${pair.target}-to-${pair.source}`],
          ],
        },
      );
      const assignments = pair.groupIds.map(
        (groupId, index) =>
          new Assignment(
            `${name}-${key}-group-${index}`,
            {
              tenantId: source,
              servicePrincipalId: configuration.servicePrincipalId,
              principalId: groupId,
              principalType: "Group",
              appRoleId: configuration.appRoleId,
            },
            { parent: this },
          ),
      );
      const job = new SyncJob(
        `${name}-${key}`,
        {
          tenantId: source,
          servicePrincipalId: configuration.servicePrincipalId,
          enabled: pair.enabled ?? true,
        },
        { parent: this, dependsOn: assignments },
      );
      if (pair.mappings || pair.scopingFilter || pair.deleteOutOfScope !== undefined) {
        new AttributeMapping(
          `${name}-${key}`,
          {
            tenantId: source,
            servicePrincipalId: configuration.servicePrincipalId,
            jobId: job.jobId,
            mappings: pair.mappings,
            scopingFilter: pair.scopingFilter,
            deleteOutOfScope: pair.deleteOutOfScope,
          },
          { parent: this },
        );
      }
      this.configurations[key] = configuration;
      this.jobs[key] = job;
    }
    this.registerOutputs({});
  }
}
