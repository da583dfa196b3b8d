import { CTS_JOB_TEMPLATE_ID, msiamAccessRoleId } from "../../provider/ctsTemplate";
import { formatId } from "../../provider/ids";
import { settingsFromSecrets } from "../../provider/syncSecrets";
import type { ResourceName } from "../../resources/typeTokens";
import { differenceFromTemplate } from "./mappings";
import type { ConfigurationSnapshot, GraphObject, LeftOut, TenantSnapshot } from "./snapshot";

/** A value in the program that is not a literal: a stack config entry or another resource's output. */
export type Reference =
  | { kind: "config"; key: string; value: string }
  | { kind: "output"; variable: string; output: string; value: string };

export type Value =
  string | number | boolean | null | Reference | Value[] | { [key: string]: Value };

/** One resource of the generated program. */
export interface ExportedResource {
  type: ResourceName;
  /** Pulumi resource name. */
  name: string;
  /** TypeScript variable that holds it. */
  variable: string;
  /** The `import` option: the provider's self-describing id (decisions/0041). */
  importId: string;
  inputs: Record<string, Value>;
  /** One line above the resource saying what it is. */
  comment: string;
}

export interface ExportModel {
  /** Tenant config keys, in order of first use: key -> tenant id. */
  config: Map<string, string>;
  resources: ExportedResource[];
  leftOut: LeftOut[];
}

function isReference(value: unknown): value is Reference {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    ((value as { kind?: unknown }).kind === "config" ||
      (value as { kind?: unknown }).kind === "output")
  );
}

/** The literal a value stands for (what Graph holds), references replaced by their values. */
export function resolveValue(value: Value): unknown {
  if (isReference(value)) return value.value;
  if (Array.isArray(value)) return value.map(resolveValue);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveValue(v)]));
  return value;
}

export { isReference };

function slug(text: string): string {
  const words = text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  return words.length ? words.join("-") : "unnamed";
}

function camel(name: string): string {
  const parts = name.split("-");
  const text = parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join("");
  return /^[0-9]/.test(text) ? `r${text}` : text;
}

/** Builds the program's resources from what was read; what cannot be expressed goes to leftOut. */
export function buildModel(snapshots: TenantSnapshot[], leftOut: LeftOut[]): ExportModel {
  const config = new Map<string, string>();
  const labels = new Map<string, string>();
  for (const snapshot of snapshots) labels.set(snapshot.tenantId.toLowerCase(), snapshot.label);
  let partnerCount = 0;
  const tenantRef = (tenantId: string): Reference => {
    const id = tenantId.toLowerCase();
    let label = labels.get(id);
    if (!label) {
      label = `partner${++partnerCount}`;
      labels.set(id, label);
    }
    const key = `${label}TenantId`;
    config.set(key, id);
    return { kind: "config", key, value: id };
  };
  const names = new Set<string>();
  const unique = (base: string): string => {
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
    names.add(name);
    return name;
  };
  const labelOf = (tenantId: string) => {
    tenantRef(tenantId);
    return labels.get(tenantId.toLowerCase())!;
  };

  const resources: ExportedResource[] = [];
  const add = (resource: Omit<ExportedResource, "variable">) => {
    const name = unique(resource.name);
    resources.push({ ...resource, name, variable: camel(name) });
    return resources[resources.length - 1];
  };

  for (const snapshot of snapshots) {
    for (const { partner } of snapshot.partners) {
      const partnerTenantId = String(partner.tenantId).toLowerCase();
      add({
        type: "PartnerPolicy",
        name: `${slug(snapshot.label)}-partner-${slug(labelOf(partnerTenantId))}`,
        importId: formatId({ tenantId: snapshot.tenantId, partnerTenantId }),
        inputs: partnerInputs(partner, tenantRef(snapshot.tenantId), tenantRef(partnerTenantId)),
        comment: `Partner configuration in ${snapshot.label} for ${labelOf(partnerTenantId)}.`,
      });
    }
  }
  for (const snapshot of snapshots) {
    for (const configuration of snapshot.configurations) {
      addConfiguration(snapshot, configuration, tenantRef, add, leftOut, slug);
    }
  }
  return { config, resources, leftOut };
}

function partnerInputs(
  partner: GraphObject,
  tenant: Reference,
  partnerTenant: Reference,
): Record<string, Value> {
  const inputs: Record<string, Value> = { tenantId: tenant, partnerTenantId: partnerTenant };
  const consent = (partner.automaticUserConsentSettings as GraphObject | null) ?? {};
  inputs.automaticUserConsentInbound = consent.inboundAllowed === true;
  inputs.automaticUserConsentOutbound = consent.outboundAllowed === true;
  const sync = partner.identitySynchronization as GraphObject | null | undefined;
  if (sync) {
    inputs.userSyncInbound =
      (sync.userSyncInbound as GraphObject | null | undefined)?.isSyncAllowed === true;
    const groups = sync.groupSyncInbound as GraphObject | null | undefined;
    if (groups?.isSyncAllowed === true) inputs.groupSyncInbound = true;
    if (typeof sync.displayName === "string") inputs.identitySyncDisplayName = sync.displayName;
  }
  const trust = partner.inboundTrust as GraphObject | null | undefined;
  if (trust) {
    inputs.inboundTrust = {
      isMfaAccepted: trust.isMfaAccepted === true,
      isCompliantDeviceAccepted: trust.isCompliantDeviceAccepted === true,
      isHybridAzureADJoinedDeviceAccepted: trust.isHybridAzureADJoinedDeviceAccepted === true,
    };
  }
  for (const key of ["b2bCollaborationInbound", "b2bCollaborationOutbound"]) {
    const setting = partner[key] as GraphObject | null | undefined;
    if (!setting) continue;
    const kept: Record<string, Value> = {};
    for (const part of ["usersAndGroups", "applications"]) {
      const value = setting[part] as GraphObject | null | undefined;
      if (value) kept[part] = JSON.parse(JSON.stringify(value)) as Value;
    }
    if (Object.keys(kept).length) inputs[key] = kept;
  }
  return inputs;
}

function addConfiguration(
  snapshot: TenantSnapshot,
  configuration: ConfigurationSnapshot,
  tenantRef: (tenantId: string) => Reference,
  add: (resource: Omit<ExportedResource, "variable">) => ExportedResource,
  leftOut: LeftOut[],
  slugOf: (text: string) => string,
): void {
  const { application, servicePrincipal, secrets } = configuration;
  const displayName = String(application.displayName ?? servicePrincipal.displayName);
  const sp = String(servicePrincipal.id);
  const settings = settingsFromSecrets(secrets);
  if (!settings.targetTenantId) {
    leftOut.push({
      tenantId: snapshot.tenantId,
      what: `configuration '${displayName}' (service principal ${sp})`,
      reason:
        "it has no target tenant saved (an unfinished setup); finish it in the portal or delete it, then export again",
    });
    return;
  }
  const inputs: Record<string, Value> = {
    sourceTenantId: tenantRef(snapshot.tenantId),
    targetTenantId: tenantRef(settings.targetTenantId),
    displayName,
    scope: settings.scope ?? "assigned",
  };
  if (settings.notificationEmail) inputs.notificationEmail = settings.notificationEmail;
  inputs.accidentalDeletionPrevention = settings.accidentalDeletionPrevention ?? false;
  if (settings.accidentalDeletionThreshold !== undefined)
    inputs.accidentalDeletionThreshold = settings.accidentalDeletionThreshold;
  const base = slugOf(displayName);
  const config = add({
    type: "SyncConfiguration",
    name: base,
    importId: formatId({ tenantId: snapshot.tenantId, servicePrincipalId: sp }),
    inputs,
    comment: `Cross-tenant synchronization configuration '${displayName}' in ${snapshot.label}.`,
  });
  const spRef: Reference = {
    kind: "output",
    variable: config.variable,
    output: "servicePrincipalId",
    value: sp,
  };

  for (const job of configuration.jobs) {
    const jobId = String(job.id);
    if (job.templateId !== CTS_JOB_TEMPLATE_ID) {
      leftOut.push({
        tenantId: snapshot.tenantId,
        what: `job ${jobId} of configuration '${displayName}'`,
        reason: `its template is '${String(job.templateId)}', not ${CTS_JOB_TEMPLATE_ID}; SyncJob manages ${CTS_JOB_TEMPLATE_ID} jobs only`,
      });
      continue;
    }
    const schedule = job.schedule as GraphObject | undefined;
    const jobResource = add({
      type: "SyncJob",
      name: `${base}-job`,
      importId: formatId({ tenantId: snapshot.tenantId, servicePrincipalId: sp, jobId }),
      inputs: {
        tenantId: tenantRef(snapshot.tenantId),
        servicePrincipalId: spRef,
        enabled: schedule?.state === "Active",
      },
      comment: `Its job (state when exported: ${String(schedule?.state ?? "unknown")}, ${String((job.status as GraphObject | undefined)?.code ?? "no status")}).`,
    });
    addMappings(snapshot, configuration, jobId, jobResource, spRef, tenantRef, add, leftOut);
  }

  const msiam = msiamAccessRoleId(servicePrincipal.appRoles);
  for (const assignment of configuration.assignments) {
    const principalType = assignment.principalType;
    const principal = String(assignment.principalDisplayName ?? assignment.principalId);
    if (principalType !== "Group" && principalType !== "User") {
      leftOut.push({
        tenantId: snapshot.tenantId,
        what: `assignment of ${String(principalType)} '${principal}' to configuration '${displayName}'`,
        reason: "Assignment manages users and groups only",
      });
      continue;
    }
    const inputs: Record<string, Value> = {
      tenantId: tenantRef(snapshot.tenantId),
      servicePrincipalId: spRef,
      principalId: String(assignment.principalId),
      principalType,
    };
    // Unset means msiam_access, the configuration's own role; any other role stays literal.
    if (assignment.appRoleId !== msiam) inputs.appRoleId = String(assignment.appRoleId);
    add({
      type: "Assignment",
      name: `${base}-${slugOf(principal)}`,
      importId: formatId({
        tenantId: snapshot.tenantId,
        servicePrincipalId: sp,
        assignmentId: String(assignment.id),
      }),
      inputs,
      comment: `${principalType} '${principal}' assigned to '${displayName}'.`,
    });
  }
}

/** One AttributeMapping per object type whose mapping differs from the template's defaults. */
function addMappings(
  snapshot: TenantSnapshot,
  configuration: ConfigurationSnapshot,
  jobId: string,
  job: ExportedResource,
  spRef: Reference,
  tenantRef: (tenantId: string) => Reference,
  add: (resource: Omit<ExportedResource, "variable">) => ExportedResource,
  leftOut: LeftOut[],
): void {
  const schema = configuration.schemas.get(jobId);
  if (!schema) return; // its read failed, and is already listed
  const displayName = String(configuration.application.displayName);
  if (!snapshot.templateSchema) {
    leftOut.push({
      tenantId: snapshot.tenantId,
      what: `attribute mappings of job ${jobId} of configuration '${displayName}'`,
      reason: "the template's default schema could not be read to compare them with",
    });
    return;
  }
  const sp = String(configuration.servicePrincipal.id);
  for (const objectType of ["User", "Group"] as const) {
    const difference = differenceFromTemplate(schema, snapshot.templateSchema, objectType);
    if (!difference) continue;
    for (const item of difference.inexpressible)
      leftOut.push({
        tenantId: snapshot.tenantId,
        what: `${objectType} mapping of configuration '${displayName}'`,
        reason: `${item}; AttributeMapping can change mappings but not remove them`,
      });
    const inputs: Record<string, Value> = {
      tenantId: tenantRef(snapshot.tenantId),
      servicePrincipalId: spRef,
      jobId: { kind: "output", variable: job.variable, output: "jobId", value: jobId },
      objectType,
    };
    if (difference.mappings.length)
      inputs.mappings = JSON.parse(JSON.stringify(difference.mappings)) as Value;
    if (difference.scopingFilter !== undefined)
      inputs.scopingFilter = JSON.parse(JSON.stringify(difference.scopingFilter)) as Value;
    if (difference.deleteOutOfScope !== undefined)
      inputs.deleteOutOfScope = difference.deleteOutOfScope;
    if (difference.enabled !== undefined) inputs.enabled = difference.enabled;
    if (Object.keys(inputs).length === 4) continue; // only inexpressible differences
    add({
      type: "AttributeMapping",
      name: `${job.name.replace(/-job$/, "")}-${objectType.toLowerCase()}-mapping`,
      importId: formatId({
        tenantId: snapshot.tenantId,
        servicePrincipalId: sp,
        jobId,
        objectType,
        attributes: difference.mappings.map((m) => m.targetAttribute),
      }),
      inputs,
      comment: `${objectType} mapping of '${displayName}' where it differs from the template's defaults.`,
    });
  }
}
