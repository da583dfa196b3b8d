/**
 * A cycle's plan: for every source object the engine looked at, what it will do in the target
 * tenant and why. Planning reads the world and writes nothing, so the same plan serves a cycle
 * (which then applies it) and the preview (which only reports it).
 */
import type { JsonObject } from "../emulator/world/types";
import type { ProvisionedObjectType } from "./jobMemory";

export type PlannedAction = "create" | "update" | "delete" | "skip" | "fail" | "noop";

/**
 * The provisioningAction an entry is logged under (Graph's enum also has `disable`, which CTS
 * does not use: a user disabled in the source is an update of accountEnabled, ED-OVW).
 */
export type ProvisioningAction = "create" | "update" | "delete" | "other";

export interface PropertyChange {
  /** The target property (Graph's name, e.g. mobilePhone). */
  name: string;
  oldValue: unknown;
  newValue: unknown;
}

/** Why an object is skipped or failed: a code the logs carry and a sentence saying what to do. */
export interface EntryReason {
  code: string;
  message: string;
}

/** The scoping step of the logs: each check and whether it passed. */
export interface ScopingTrace {
  passed: boolean;
  details: Record<string, string>;
}

export interface PlannedEntry {
  action: PlannedAction;
  objectType: ProvisionedObjectType;
  /** What the entry would have done, for skips and failures. */
  intended: ProvisioningAction;
  sourceId: string;
  sourceDisplayName: string;
  /** The existing target object, or the id a create will give the new one. */
  targetId?: string;
  targetDisplayName?: string;
  /** How the target object was found. */
  matchedBy?: "memory" | "alternativeSecurityIds";
  /** For creates: the full object to add (with `id`). */
  record?: JsonObject;
  /** For creates and updates: every property written; for deletes the soft-delete marker. */
  changes: PropertyChange[];
  reason?: EntryReason;
  scoping?: ScopingTrace;
  /** For groups: member target ids after the change (only members this job manages change). */
  memberIds?: string[];
}

export interface CyclePlan {
  sourceTenantId: string;
  targetTenantId: string;
  servicePrincipalId: string;
  jobId: string;
  users: PlannedEntry[];
  groups: PlannedEntry[];
  /** Objects the plan deletes (users and groups). */
  deletions: number;
  /** The accidental-deletion threshold, when prevention is on. */
  deleteThreshold?: number;
  /** True when deletions exceed the threshold and no ForceDeletes restart allows them. */
  deletionsHeld: boolean;
}

export const entriesOf = (plan: CyclePlan): PlannedEntry[] => [...plan.users, ...plan.groups];
