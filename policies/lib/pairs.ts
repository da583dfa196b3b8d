import type { PolicyConfigSchema, PolicyResource } from "@pulumi/policy";
import { readString, UNKNOWN, type Known } from "./known";
import { sameId } from "./ids";

/** A SyncConfiguration whose source and target tenants are known. */
export interface SyncPair {
  configuration: PolicyResource;
  sourceTenantId: string;
  targetTenantId: string;
}

/** The configuration's pair, or undefined while either tenant id is unknown or missing. */
export function syncPairOf(configuration: PolicyResource): SyncPair | undefined {
  const sourceTenantId = readString(configuration.props, "sourceTenantId");
  const targetTenantId = readString(configuration.props, "targetTenantId");
  if (typeof sourceTenantId !== "string" || typeof targetTenantId !== "string") return undefined;
  return { configuration, sourceTenantId, targetTenantId };
}

/** "SyncConfiguration 'hr-to-fabrikam' (source 1111..., target 2222...)" */
export function describePair(pair: SyncPair): string {
  return `SyncConfiguration '${pair.configuration.name}' (source ${pair.sourceTenantId}, target ${pair.targetTenantId})`;
}

/** One tenant of a pair: the source holds a PartnerPolicy about the target, and vice versa. */
export type PairSide = "source" | "target";

/** The tenant holding `side`'s PartnerPolicy, and the partner that PartnerPolicy names. */
export function sideOf(
  pair: SyncPair,
  side: PairSide,
): { tenantId: string; partnerTenantId: string } {
  return side === "source"
    ? { tenantId: pair.sourceTenantId, partnerTenantId: pair.targetTenantId }
    : { tenantId: pair.targetTenantId, partnerTenantId: pair.sourceTenantId };
}

/**
 * The PartnerPolicy resources held by `tenantId` about `partnerTenantId`. `undecided` is true
 * when some PartnerPolicy's tenant ids are not known yet: it might be the one looked for, so a
 * missing match is not (yet) a violation.
 */
export function partnerPoliciesFor(
  partnerPolicies: readonly PolicyResource[],
  tenantId: string,
  partnerTenantId: string,
): { matches: PolicyResource[]; undecided: boolean } {
  const matches: PolicyResource[] = [];
  let undecided = false;
  for (const partnerPolicy of partnerPolicies) {
    const holder = readString(partnerPolicy.props, "tenantId");
    const partner = readString(partnerPolicy.props, "partnerTenantId");
    if (!couldBe(holder, tenantId) || !couldBe(partner, partnerTenantId)) continue;
    if (holder === UNKNOWN || partner === UNKNOWN) undecided = true;
    else matches.push(partnerPolicy);
  }
  return { matches, undecided };
}

function couldBe(value: Known<string | undefined>, wanted: string): boolean {
  return value === UNKNOWN || (typeof value === "string" && sameId(value, wanted));
}

export interface ExternallyManagedPair {
  sourceTenantId: string;
  targetTenantId: string;
  /** Which side's PartnerPolicy lives outside this stack (default "both"). */
  side?: PairSide | "both";
}

/** Config schema of `externallyManagedPairs`, shared by the policies that honour it. */
export const externallyManagedPairsSchema: PolicyConfigSchema["properties"][string] = {
  type: "array",
  description:
    "Sync pairs whose PartnerPolicy for one side (or both) is managed outside this stack, e.g. by the partner tenant's own team.",
  items: {
    type: "object",
    properties: {
      sourceTenantId: { type: "string" },
      targetTenantId: { type: "string" },
      side: { type: "string", enum: ["source", "target", "both"], default: "both" },
    },
    required: ["sourceTenantId", "targetTenantId"],
  },
  default: [],
};

/** The sides of `pair` that the config declares externally managed. */
export function externallyManagedSides(
  pairs: readonly ExternallyManagedPair[],
  pair: SyncPair,
): Set<PairSide> {
  const sides = new Set<PairSide>();
  for (const entry of pairs) {
    const matches =
      sameId(entry.sourceTenantId, pair.sourceTenantId) &&
      sameId(entry.targetTenantId, pair.targetTenantId);
    if (!matches) continue;
    const side = entry.side ?? "both";
    if (side !== "target") sides.add("source");
    if (side !== "source") sides.add("target");
  }
  return sides;
}
