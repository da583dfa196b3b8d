/**
 * Puts a plan's changes into a copy of a world, the way the provider would write them: an
 * AttributeMapping edits the job's schema (what it no longer declares goes back to the template),
 * a SyncConfiguration rewrites the scope and deletion threshold in the saved secrets, an
 * Assignment adds or removes an appRoleAssignment. A change that depends on values the preview
 * does not know, or on a configuration that does not exist yet, is left out and named.
 */
import { applyDeclarations, restoreDefaults, type Declarations } from "../provider/schemaEdit";
import { declarationsOf } from "../provider/attributeMapping";
import type { AttributeMappingEntryArgs } from "../resources/args";
import type { SynchronizationRecord, TenantState, WorldState } from "../emulator/world/types";
import { unknownPaths, type ResourceChange } from "./previewPlan";

/** The configuration a change applies to. */
export interface JobKey {
  tenantId: string;
  servicePrincipalId: string;
  jobId?: string;
}

/** A change the report could not take into account, and why. */
export interface UnknowableChange {
  urn: string;
  reason: string;
}

export interface AppliedChanges {
  /** Every configuration a change touched (the jobs the report plans). */
  jobs: JobKey[];
  unknowable: UnknowableChange[];
}

type Props = Record<string, unknown>;
type Json = Record<string, unknown>;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** What `after` no longer declares of `before` (the provider restores it to the template). */
function released(before: Props, after: Props | undefined): Declarations {
  const kept = new Set(
    ((after?.mappings as AttributeMappingEntryArgs[] | undefined) ?? []).map(
      (entry) => entry.targetAttribute,
    ),
  );
  const dropIf = <K extends keyof Props>(key: K) =>
    after?.[key] === undefined ? before[key] : undefined;
  return {
    ...declarationsOf(before),
    mappings: ((before.mappings as AttributeMappingEntryArgs[] | undefined) ?? []).filter(
      (entry) => !kept.has(entry.targetAttribute),
    ),
    scopingFilter: dropIf("scopingFilter") as Declarations["scopingFilter"],
    deleteOutOfScope: dropIf("deleteOutOfScope") as boolean | undefined,
    enabled: dropIf("enabled") as boolean | undefined,
  };
}

function tenantOf(world: WorldState, tenantId: string): TenantState | undefined {
  return world.tenants.find((tenant) => same(tenant.id, tenantId));
}

function synchronizationOf(world: WorldState, key: JobKey): SynchronizationRecord | undefined {
  const tenant = tenantOf(world, key.tenantId);
  const id = Object.keys(tenant?.synchronization ?? {}).find((sp) =>
    same(sp, key.servicePrincipalId),
  );
  return id ? tenant?.synchronization[id] : undefined;
}

function keyOf(props: Props | undefined, tenantField: string): JobKey | undefined {
  const tenantId = text(props?.[tenantField]);
  const servicePrincipalId = text(props?.servicePrincipalId);
  if (!tenantId || !servicePrincipalId) return undefined;
  return { tenantId, servicePrincipalId, jobId: text(props?.jobId) };
}

export interface ApplyOptions {
  /** The template schema released declarations return to. */
  templateSchema: Json;
}

function applyAttributeMapping(
  world: WorldState,
  change: ResourceChange,
  options: ApplyOptions,
): JobKey | string {
  const props = change.after ?? change.before ?? {};
  const key = keyOf(props, "tenantId");
  if (!key || unknownPaths(key).length) {
    return "its configuration is created in this same update, so there is no job to read yet";
  }
  const job = synchronizationOf(world, key)?.jobs.find((candidate) =>
    key.jobId ? candidate.id === key.jobId : true,
  );
  if (!job)
    return `job ${key.jobId ?? "(any)"} does not exist on service principal ${key.servicePrincipalId}`;
  let schema = job.schema as Json;
  if (change.before && change.op !== "create") {
    schema = restoreDefaults(schema, options.templateSchema, released(change.before, change.after));
  }
  if (change.after) schema = applyDeclarations(schema, declarationsOf(change.after));
  job.schema = schema as typeof job.schema;
  return { ...key, jobId: job.id };
}

function notificationSettings(current: string | undefined): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(current ?? "{}");
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function applySyncConfiguration(world: WorldState, change: ResourceChange): JobKey | string {
  const props = change.after;
  if (!props) {
    return "deleting a configuration stops synchronization; users already provisioned stay in the target";
  }
  const key = keyOf({ ...change.before, ...props }, "sourceTenantId");
  if (!key || change.op === "create") {
    return "the configuration is created in this update: its first cycle provisions everyone in scope (run the report again after it exists)";
  }
  const synchronization = synchronizationOf(world, key);
  if (!synchronization) return `service principal ${key.servicePrincipalId} has no synchronization`;
  const secrets = synchronization.secrets;
  if (props.scope !== undefined) secrets.SyncAll = props.scope === "all" ? "true" : "false";
  if (
    props.accidentalDeletionPrevention !== undefined ||
    props.accidentalDeletionThreshold !== undefined
  ) {
    const notification = notificationSettings(secrets.SyncNotificationSettings);
    if (props.accidentalDeletionPrevention !== undefined)
      notification.DeleteThresholdEnabled = props.accidentalDeletionPrevention;
    if (props.accidentalDeletionThreshold !== undefined)
      notification.DeleteThresholdValue = props.accidentalDeletionThreshold;
    secrets.SyncNotificationSettings = JSON.stringify(notification);
  }
  return key;
}

function applyAssignment(world: WorldState, change: ResourceChange): JobKey | string {
  const props = change.after ?? change.before ?? {};
  const key = keyOf(props, "tenantId");
  const principalId = text(props.principalId);
  if (!key || !principalId) return "the configuration or the principal is created in this update";
  const tenant = tenantOf(world, key.tenantId);
  if (!tenant) return `tenant ${key.tenantId} is not readable`;
  const matches = (record: { resourceId: string; principalId: string }) =>
    same(record.resourceId, key.servicePrincipalId) && same(record.principalId, principalId);
  if (change.before && change.op !== "create") {
    tenant.appRoleAssignments = tenant.appRoleAssignments.filter((record) => !matches(record));
  }
  if (change.after) {
    tenant.appRoleAssignments.push({
      id: `impact-${principalId}`,
      appRoleId: text(props.appRoleId) ?? "",
      principalId,
      principalType: (text(props.principalType) ?? "User") as "User" | "Group",
      principalDisplayName: "",
      resourceId: key.servicePrincipalId,
      resourceDisplayName: "",
      createdDateTime: new Date(0).toISOString(),
    });
  }
  return key;
}

/** Applies `changes` to `world` (mutated: pass a copy). */
export function applyChanges(
  world: WorldState,
  changes: readonly ResourceChange[],
  options: ApplyOptions,
): AppliedChanges {
  const jobs: JobKey[] = [];
  const unknowable: UnknowableChange[] = [];
  for (const change of changes) {
    if (change.op === "same") {
      const key = keyOf(
        change.after,
        change.kind === "SyncConfiguration" ? "sourceTenantId" : "tenantId",
      );
      if (key && !unknownPaths(key).length) jobs.push(key);
      continue;
    }
    const unknown = unknownPaths(change.after ?? {});
    if (unknown.length) {
      unknowable.push({
        urn: change.urn,
        reason: `the preview does not know ${unknown.join(", ")} yet; this change is left out`,
      });
      continue;
    }
    const outcome =
      change.kind === "AttributeMapping"
        ? applyAttributeMapping(world, change, options)
        : change.kind === "SyncConfiguration"
          ? applySyncConfiguration(world, change)
          : applyAssignment(world, change);
    if (typeof outcome === "string") unknowable.push({ urn: change.urn, reason: outcome });
    else jobs.push(outcome);
  }
  return { jobs: dedupe(jobs), unknowable };
}

function dedupe(keys: JobKey[]): JobKey[] {
  const byId = new Map<string, JobKey>();
  for (const key of keys) {
    const id = `${key.tenantId}/${key.servicePrincipalId}`.toLowerCase();
    const known = byId.get(id);
    if (!known || (!known.jobId && key.jobId)) byId.set(id, key);
  }
  return [...byId.values()];
}
