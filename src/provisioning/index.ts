/**
 * The provisioning planner: for a pair of tenants, a configuration's job, its mappings, scope and
 * memory, what a cycle will create, update, delete, skip or fail on, and whether the accidental
 * deletion threshold holds the deletions. It reads and writes nothing else, so the emulator's
 * cycles (which apply its plans) and the impact report (which only counts them) cannot disagree.
 */
export { planCycle } from "./planCycle";
export type { PlanRequest } from "./planCycle";
export type { PlannedJob } from "./planContext";
export type { CyclePlan, PlannedAction, PlannedEntry, PropertyChange } from "./plan";
export { readSyncSettings, DEFAULT_DELETE_THRESHOLD } from "./syncSettings";
export type { SyncSettings } from "./syncSettings";
export { emptyMemory, peekJobMemory } from "./jobMemory";
export { referencedSourceAttributes } from "./attributeEvaluation";
export { readJobMappings } from "./objectMappings";
