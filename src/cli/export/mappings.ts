import type { AttributeMappingEntryArgs } from "../../resources/args";
import {
  MATCHING_ATTRIBUTE,
  canonicalEntry,
  entryOf,
  findObjectMapping,
  projectDeclarations,
  type Declarations,
} from "../../provider/schemaEdit";
import type { GraphObject } from "./snapshot";

/** What an AttributeMapping must declare so that a job's object mapping matches the live one. */
export interface MappingDifference {
  objectType: "User" | "Group";
  mappings: AttributeMappingEntryArgs[];
  scopingFilter?: Declarations["scopingFilter"];
  deleteOutOfScope?: boolean;
  enabled?: boolean;
  /** What differs but cannot be declared (a removed default mapping, the matching attribute). */
  inexpressible: string[];
}

type LiveMapping = Parameters<typeof entryOf>[0];

function mappingsOf(objectMapping: GraphObject | undefined): LiveMapping[] {
  return (objectMapping?.attributeMappings as LiveMapping[] | undefined) ?? [];
}

/**
 * Compares an object mapping with the template's: the target attributes whose mapping means
 * something else (decisions/0045: a resource owns just those), and the filter, Delete flow and
 * enabled flag when they differ. Undefined when nothing differs.
 */
export function differenceFromTemplate(
  live: GraphObject,
  template: GraphObject,
  objectType: "User" | "Group",
): MappingDifference | undefined {
  const liveMapping = findObjectMapping(live, objectType);
  const defaultMapping = findObjectMapping(template, objectType);
  if (!liveMapping) return undefined;
  const defaults = new Map(
    mappingsOf(defaultMapping).map((m) => [m.targetAttributeName, canonicalEntry(entryOf(m))]),
  );
  const owned: string[] = [];
  const inexpressible: string[] = [];
  for (const mapping of mappingsOf(liveMapping)) {
    const target = mapping.targetAttributeName;
    if (defaults.get(target) === canonicalEntry(entryOf(mapping))) continue;
    if (target === MATCHING_ATTRIBUTE)
      inexpressible.push(`the matching attribute ${target} was changed`);
    else owned.push(target);
  }
  const liveTargets = new Set(mappingsOf(liveMapping).map((m) => m.targetAttributeName));
  for (const target of defaults.keys())
    if (!liveTargets.has(target))
      inexpressible.push(`the template's mapping of ${target} was removed`);

  const all: Declarations = {
    objectType,
    mappings: [],
    scopingFilter: [],
    deleteOutOfScope: false,
    enabled: false,
  };
  const liveFlags = projectDeclarations(live, all, owned);
  const defaultFlags = projectDeclarations(template, all, []);
  const difference: MappingDifference = {
    objectType,
    mappings: liveFlags.mappings ?? [],
    inexpressible,
  };
  if (JSON.stringify(liveFlags.scopingFilter) !== JSON.stringify(defaultFlags.scopingFilter))
    difference.scopingFilter = liveFlags.scopingFilter;
  if (liveFlags.deleteOutOfScope !== defaultFlags.deleteOutOfScope)
    difference.deleteOutOfScope = liveFlags.deleteOutOfScope;
  if (liveFlags.enabled !== defaultFlags.enabled) difference.enabled = liveFlags.enabled;
  const declares =
    difference.mappings.length > 0 ||
    difference.scopingFilter !== undefined ||
    difference.deleteOutOfScope !== undefined ||
    difference.enabled !== undefined;
  return declares || inexpressible.length ? difference : undefined;
}
