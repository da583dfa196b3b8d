/**
 * The first pass over users: for every user in scope, build the engine's view of it, apply the
 * input filter and the scoping filter, compute the matching value and find the target user it
 * matches: the one this job already manages, else the active target user whose
 * alternativeSecurityIds carry the source netId (an existing B2B guest is taken over, not
 * duplicated), else none (a create).
 */
import type { EvaluateOptions, ExpressionSource } from "../mapping";
import type { UserRecord } from "../emulator/world/types";
import type { CompiledMapping } from "./attributeEvaluation";
import { failed, reason, skipped, type EntrySubject } from "./entries";
import type { PlannedEntry, ScopingTrace } from "./plan";
import { isSubject, type PlanContext } from "./planContext";
import type { SourceScope } from "./scope";
import type { FilterVerdict } from "./scopeFilter";
import { userSourceRecord } from "./sourceRecord";
import type { TargetUserIndex } from "./targetIndex";

/** A user that passed scoping and matching: pass two computes its attributes. */
export interface MatchedUser {
  subject: EntrySubject;
  record: ExpressionSource;
  netId: string;
  /** The target user to update, or undefined for a create. */
  existing?: UserRecord;
  matchedBy?: "memory" | "alternativeSecurityIds";
  /** The existing user's id, or the id a create gives the new user. */
  targetId: string;
}

export interface UserCandidates {
  matched: MatchedUser[];
  /** Skips and failures decided in this pass. */
  settled: PlannedEntry[];
  /** Managed source users whose scoping filter failed (failed clause): they left scope. */
  outOfScope: Map<string, string>;
}

export interface CandidateTools {
  attributes: readonly string[];
  inputFilter: (record: ExpressionSource) => FilterVerdict;
  scopeFilter: (record: ExpressionSource) => FilterVerdict;
  matching?: CompiledMapping;
  options: EvaluateOptions;
}

const yesNo = (value: boolean) => (value ? "True" : "False");

function scopingTrace(
  context: PlanContext,
  assigned: boolean,
  input: FilterVerdict,
  scope: FilterVerdict,
): ScopingTrace {
  const details: Record<string, string> = {
    "Active in the source system": "True",
    "Assigned to the application": yesNo(assigned),
    "Sync all users": yesNo(context.settings.syncAll),
  };
  for (const clause of [...input.clauses, ...scope.clauses]) {
    details[clause.label] = yesNo(clause.passed);
  }
  return { passed: input.passed && scope.passed, details };
}

function findTarget(
  context: PlanContext,
  user: UserRecord,
  netId: string,
  index: TargetUserIndex,
): { existing?: UserRecord; matchedBy?: MatchedUser["matchedBy"]; duplicates?: UserRecord[] } {
  const known = context.memory.entries[user.id];
  const remembered = known?.objectType === "User" ? index.user(known.targetId) : undefined;
  if (remembered) return { existing: remembered, matchedBy: "memory" };
  const matches = index.matching(netId);
  if (matches.length > 1) return { duplicates: matches };
  if (matches.length === 1) return { existing: matches[0], matchedBy: "alternativeSecurityIds" };
  return {};
}

/** The soft-deleted target user this job manages for `sourceId`, if that is where it is. */
function softDeletedTarget(context: PlanContext, sourceId: string): UserRecord | undefined {
  const known = context.memory.entries[sourceId];
  if (known?.objectType !== "User") return undefined;
  const wanted = known.targetId.toLowerCase();
  return context.target.users.find(
    (candidate) => candidate.deletedDateTime && candidate.id.toLowerCase() === wanted,
  );
}

export function userCandidates(
  context: PlanContext,
  scope: SourceScope,
  index: TargetUserIndex,
  tools: CandidateTools,
): UserCandidates {
  const result: UserCandidates = { matched: [], settled: [], outOfScope: new Map() };
  for (const { user, assigned } of scope.users) {
    if (!isSubject(context, user.id)) continue;
    const record = userSourceRecord(user, tools.attributes, { assigned });
    const input = tools.inputFilter(record);
    const filter = tools.scopeFilter(record);
    const subject: EntrySubject = {
      objectType: "User",
      sourceId: user.id,
      sourceDisplayName: user.displayName,
      scoping: scopingTrace(context, assigned, input, filter),
    };
    if (!input.passed) {
      result.settled.push(
        skipped(
          subject,
          "other",
          reason(
            "NotInScope",
            `The input filter '${input.failed}' is False, so ${user.displayName} is not synchronized (guests and other external users of the source are never synchronized).`,
          ),
        ),
      );
      continue;
    }
    if (!filter.passed) {
      const failedClause = filter.failed ?? "scoping filter";
      // A user the job manages left scope (deprovisioning decides); anyone else is skipped.
      if (context.memory.entries[user.id]) result.outOfScope.set(user.id, failedClause);
      else {
        result.settled.push(
          skipped(
            subject,
            "other",
            reason(
              "NotInScope",
              `The scoping filter ${failedClause} is False, so ${user.displayName} is not synchronized.`,
            ),
          ),
        );
      }
      continue;
    }
    if (!tools.matching) {
      result.settled.push(
        failed(
          subject,
          "create",
          reason(
            "MatchingAttributeMissing",
            "The user object mapping has no matching attribute. Restore the template's alternativeSecurityIds mapping (DELETE .../schema resets the schema).",
          ),
        ),
      );
      continue;
    }
    const matchingValue = tools.matching.evaluate(record, tools.options);
    const netId =
      matchingValue.kind === "value" && typeof matchingValue.value === "string"
        ? matchingValue.value
        : "";
    if (netId === "") {
      result.settled.push(
        skipped(
          subject,
          "other",
          reason(
            "MatchingAttributeNone",
            `alternativeSecurityIds evaluates to None for ${user.displayName} (the user has no netId, e.g. SMS sign-in is enabled), so the user cannot be synchronized. Disable SMS sign-in for the user.`,
          ),
        ),
      );
      continue;
    }
    const found = findTarget(context, user, netId, index);
    if (found.duplicates) {
      result.settled.push(
        failed(
          subject,
          "update",
          reason(
            "DuplicateTargetEntries",
            `More than one target user matches ${user.displayName} on alternativeSecurityIds (${found.duplicates.map((u) => u.id).join(", ")}). Remove the extra accounts in the target tenant.`,
          ),
        ),
      );
      continue;
    }
    const softDeleted = found.existing ? undefined : softDeletedTarget(context, user.id);
    if (softDeleted) {
      // Entra does not restore a managed user an administrator soft-deleted in the target
      // (troubleshooting: "Recently deleted user in the target tenant is not restored"), nor
      // create a second one; a manual restore lets the next cycle update it (decisions/0096).
      result.settled.push(
        skipped(
          subject,
          "update",
          reason(
            "TargetUserSoftDeleted",
            `The target user ${softDeleted.id} that this job manages for ${user.displayName} is soft-deleted in the target tenant, and cross-tenant synchronization does not restore it. Restore it in the target tenant (POST /directory/deletedItems/${softDeleted.id}/restore); the next cycle then updates it.`,
          ),
          { id: softDeleted.id, displayName: softDeleted.displayName },
        ),
      );
      continue;
    }
    result.matched.push({
      subject,
      record,
      netId,
      existing: found.existing,
      matchedBy: found.matchedBy,
      targetId: found.existing?.id ?? context.newId(),
    });
  }
  return result;
}
