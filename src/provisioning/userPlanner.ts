/**
 * Plans the users of a cycle: scoping and matching, then attributes (with the manager reference
 * resolved to target users this plan keeps or creates), then deprovisioning of users that left
 * scope. Mappings and filters are compiled once per plan.
 */
import type { EvaluateOptions } from "../mapping";
import { compileMappings, referencedSourceAttributes } from "./attributeEvaluation";
import { reason, skipped } from "./entries";
import { entriesOfType } from "./jobMemory";
import type { PlannedEntry } from "./plan";
import { isSubject, type PlanContext } from "./planContext";
import type { SourceScope } from "./scope";
import { compileFilter } from "./scopeFilter";
import type { TargetUserIndex } from "./targetIndex";
import { externalUserPrincipalName, type TargetWriteContext } from "./targetValues";
import { multiValuedAttributes } from "./objectMappings";
import { userCandidates } from "./userCandidates";
import { planUserChange } from "./userChanges";
import { planUserDeletions } from "./userDeletions";

export interface UserPlan {
  entries: PlannedEntry[];
  /** Source user id -> target user id, for users that exist in the target after the plan. */
  provisioned: Map<string, string>;
}

function mappingDisabled(context: PlanContext, scope: SourceScope): UserPlan {
  const entries = scope.users
    .filter(({ user }) => isSubject(context, user.id))
    .map(({ user }) =>
      skipped(
        { objectType: "User", sourceId: user.id, sourceDisplayName: user.displayName },
        "other",
        reason(
          "EntityTypeNotSupported",
          "The user object mapping is disabled, so users are not synchronized. Enable it in the schema.",
        ),
      ),
    );
  return { entries, provisioned: new Map() };
}

/** Drops manager references to users whose create did not happen. */
function withoutUnresolvedManagers(entries: PlannedEntry[], notCreated: ReadonlySet<string>) {
  if (notCreated.size === 0) return;
  for (const entry of entries) {
    const dangling = entry.changes.find(
      (change) => change.name === "managerId" && notCreated.has(String(change.newValue)),
    );
    if (!dangling) continue;
    entry.changes = entry.changes.filter((change) => change !== dangling);
    if (entry.record) delete entry.record.managerId;
    if (entry.action === "update" && entry.changes.length === 0 && !entry.matchedBy) {
      entry.action = "noop";
    }
  }
}

export function planUsers(
  context: PlanContext,
  scope: SourceScope,
  index: TargetUserIndex,
): UserPlan {
  const objectMapping = context.mappings.user;
  if (!objectMapping?.enabled) return mappingDisabled(context, scope);
  const compiled = compileMappings(objectMapping);
  const options: EvaluateOptions = {
    now: new Date(context.now),
    defaultDomain: context.source.domain,
    // SelectUniqueValue asks whether a name is free in the target tenant.
    isUnique: (value, attribute) =>
      attribute !== "userPrincipalName" ||
      index.isUpnFree(externalUserPrincipalName(value, context.target.domain)),
  };
  const candidates = userCandidates(context, scope, index, {
    attributes: referencedSourceAttributes(objectMapping),
    inputFilter: compileFilter(objectMapping.inputFilterGroups),
    scopeFilter: compileFilter(objectMapping.scopeGroups),
    matching: compiled.find((mapping) => mapping.matching),
    options,
  });

  const provisioned = new Map<string, string>();
  for (const [sourceId, known] of entriesOfType(context.memory, "User")) {
    if (index.user(known.targetId)) provisioned.set(sourceId, known.targetId);
  }
  for (const user of candidates.matched) provisioned.set(user.subject.sourceId, user.targetId);
  const writeContext: TargetWriteContext = {
    targetDomain: context.target.domain,
    multiValued: multiValuedAttributes(
      context.job,
      context.mappings.targetDirectoryName,
      objectMapping.targetObjectName,
    ),
    resolveUser: (sourceId) => provisioned.get(sourceId),
  };
  const tools = {
    mappings: compiled.filter((mapping) => !mapping.matching),
    options,
    writeContext,
  };
  const changes = candidates.matched.map((user) => planUserChange(context, user, index, tools));

  const notCreated = new Set<string>();
  candidates.matched.forEach((user, position) => {
    if (!user.existing && changes[position].action !== "create") {
      notCreated.add(user.targetId);
      provisioned.delete(user.subject.sourceId);
    }
  });
  withoutUnresolvedManagers(changes, notCreated);
  const deletions = planUserDeletions(context, scope, candidates.outOfScope, index);
  for (const entry of deletions) if (entry.action === "delete") provisioned.delete(entry.sourceId);
  return {
    entries: [...candidates.settled, ...changes, ...deletions],
    provisioned,
  };
}
