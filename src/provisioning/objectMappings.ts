/**
 * Reads what a cycle needs from a job's synchronization schema (decisions/reference/graph-cts.md §5.7): the rule, its
 * user and group object mappings, their flow types, scoping filters and attribute mappings.
 */
import type { AttributeMappingSourceInput } from "../mapping";
import type { JsonObject, SyncJobRecord } from "../emulator/world/types";
import type { FilterGroup } from "./scopeFilter";

export interface AttributeMappingDocument {
  targetAttributeName: string;
  source: AttributeMappingSourceInput | null;
  defaultValue: string | null;
  /** Always | ObjectAddOnly | MultiValueAddOnly | ValueAddOnly | AttributeAddOnly. */
  flowType: string;
  matchingPriority: number;
}

export interface ObjectMappingDocument {
  name: string;
  enabled: boolean;
  flowTypes: ReadonlySet<string>;
  sourceObjectName: string;
  targetObjectName: string;
  attributeMappings: AttributeMappingDocument[];
  /** The scoping filter: leaving it deprovisions. */
  scopeGroups: FilterGroup[];
  /** The input filter: an early drop, no deprovisioning. */
  inputFilterGroups: FilterGroup[];
}

export interface JobMappings {
  ruleId: string;
  sourceDirectoryName: string;
  targetDirectoryName: string;
  schemaVersion: string | null;
  user?: ObjectMappingDocument;
  group?: ObjectMappingDocument;
}

const list = (value: unknown): JsonObject[] =>
  Array.isArray(value)
    ? value.filter((item): item is JsonObject => item !== null && typeof item === "object")
    : [];

/** "Add, Update, Delete" and "Add,Update,Delete" both occur (decisions/reference/graph-cts.md §11). */
export function parseFlowTypes(text: unknown): ReadonlySet<string> {
  return new Set(
    String(text ?? "")
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  );
}

function attributeMapping(mapping: JsonObject): AttributeMappingDocument {
  return {
    targetAttributeName: String(mapping.targetAttributeName),
    source: (mapping.source as AttributeMappingSourceInput | null | undefined) ?? null,
    defaultValue: typeof mapping.defaultValue === "string" ? mapping.defaultValue : null,
    flowType: typeof mapping.flowType === "string" ? mapping.flowType : "Always",
    matchingPriority: typeof mapping.matchingPriority === "number" ? mapping.matchingPriority : 0,
  };
}

function filterGroups(value: unknown): FilterGroup[] {
  return list(value).map((group) => ({
    name: String(group.name ?? ""),
    clauses: list(group.clauses).map((clause) => ({
      operatorName: String(clause.operatorName),
      sourceOperandName: String(clause.sourceOperandName),
      targetOperand: (clause.targetOperand as { values?: string[] } | null | undefined) ?? null,
    })),
  }));
}

function objectMapping(mapping: JsonObject): ObjectMappingDocument {
  const scope = (mapping.scope ?? null) as JsonObject | null;
  return {
    name: String(mapping.name ?? ""),
    enabled: mapping.enabled === true,
    flowTypes: parseFlowTypes(mapping.flowTypes),
    sourceObjectName: String(mapping.sourceObjectName),
    targetObjectName: String(mapping.targetObjectName),
    attributeMappings: list(mapping.attributeMappings).map(attributeMapping),
    scopeGroups: filterGroups(scope?.groups),
    inputFilterGroups: filterGroups(scope?.inputFilterGroups),
  };
}

/** The job's rule (the one mapping User -> User) with its user and group object mappings. */
export function readJobMappings(job: SyncJobRecord): JobMappings {
  const rules = list(job.schema.synchronizationRules);
  const mappingsOf = (rule: JsonObject) => list(rule.objectMappings).map(objectMapping);
  const rule =
    rules.find((candidate) =>
      mappingsOf(candidate).some((mapping) => mapping.sourceObjectName === "User"),
    ) ?? rules[0];
  const objectMappings = rule ? mappingsOf(rule) : [];
  const find = (name: string) =>
    objectMappings.find(
      (mapping) => mapping.sourceObjectName === name && mapping.targetObjectName === name,
    );
  return {
    ruleId: String(rule?.id ?? ""),
    sourceDirectoryName: String(rule?.sourceDirectoryName ?? "Azure Active Directory"),
    targetDirectoryName: String(
      rule?.targetDirectoryName ?? "Azure Active Directory (target tenant)",
    ),
    schemaVersion: typeof job.schema.version === "string" ? job.schema.version : null,
    user: find("User"),
    group: find("Group"),
  };
}

/** Attributes of `objectName` in `directoryName` that the schema declares multi-valued. */
export function multiValuedAttributes(
  job: SyncJobRecord,
  directoryName: string,
  objectName: string,
): Set<string> {
  const directory = list(job.schema.directories).find((d) => d.name === directoryName);
  const object = list(directory?.objects).find((o) => o.name === objectName);
  return new Set(
    list(object?.attributes)
      .filter((attribute) => attribute.multivalued === true && attribute.type !== "Reference")
      .map((attribute) => String(attribute.name)),
  );
}

/** Rule ids a provisionOnDemand request may name. */
export function ruleIds(job: SyncJobRecord): string[] {
  return list(job.schema.synchronizationRules).map((rule) => String(rule.id));
}
