/**
 * The second pass over users: evaluate every attribute mapping, then turn the values into a
 * create (a new B2B user, Member unless mapped otherwise) or an update of the changed properties,
 * respecting each mapping's flowType (ObjectAddOnly only on create) and the object mapping's flow
 * types. A UPN another target object holds fails the entry (decisions/reference/graph-cts.md §8.2; decisions/0052).
 */
import type { EvaluateOptions } from "../mapping";
import type { JsonObject } from "../emulator/world/types";
import type { CompiledMapping } from "./attributeEvaluation";
import { failed, reason, skipped } from "./entries";
import type { PlannedEntry, PropertyChange } from "./plan";
import type { PlanContext } from "./planContext";
import type { TargetUserIndex } from "./targetIndex";
import {
  alternativeSecurityId,
  isEmptyValue,
  sameValue,
  userWrite,
  type TargetWriteContext,
} from "./targetValues";
import type { MatchedUser } from "./userCandidates";

interface PropertyWrite {
  property: string;
  value: unknown;
  flowType: string;
}

type Evaluated = { writes: PropertyWrite[] } | { entry: PlannedEntry };

export interface ChangeTools {
  mappings: readonly CompiledMapping[];
  options: EvaluateOptions;
  writeContext: TargetWriteContext;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function evaluate(user: MatchedUser, tools: ChangeTools, intended: "create" | "update"): Evaluated {
  const writes: PropertyWrite[] = [];
  const target = user.existing
    ? { id: user.existing.id, displayName: user.existing.displayName }
    : undefined;
  for (const mapping of tools.mappings) {
    let outcome;
    try {
      outcome = mapping.evaluate(user.record, tools.options);
    } catch (error) {
      return {
        entry: failed(
          user.subject,
          intended,
          reason(
            "ExpressionEvaluationFailure",
            `The mapping for ${mapping.target} failed: ${messageOf(error)}. Fix the expression (POST .../schema/parseExpression tests it).`,
          ),
          target,
        ),
      };
    }
    if (outcome.kind === "ignoreObject") {
      return {
        entry: skipped(
          user.subject,
          intended,
          reason(
            "IgnoreObjectFlow",
            `The mapping for ${mapping.target} returned IgnoreObjectFlow, so ${user.subject.sourceDisplayName} is not synchronized.`,
          ),
          target,
        ),
      };
    }
    if (outcome.kind === "skipAttribute") continue;
    const write = userWrite(mapping.target, outcome.value, tools.writeContext);
    if (write.kind === "error") {
      return {
        entry: failed(user.subject, intended, reason(write.code, write.message), target),
      };
    }
    if (write.kind === "write") {
      writes.push({ property: write.property, value: write.value, flowType: mapping.flowType });
    }
  }
  return { writes };
}

function upnConflict(
  user: MatchedUser,
  upn: string,
  index: TargetUserIndex,
  intended: "create" | "update",
): PlannedEntry {
  const target = user.existing
    ? { id: user.existing.id, displayName: user.existing.displayName }
    : undefined;
  return failed(
    user.subject,
    intended,
    reason(
      "UserPrincipalNameConflict",
      `Another object with the same value for property userPrincipalName already exists: '${upn}' is held by target object ${index.upnOwner(upn)}. Rename or remove that object in the target tenant, or map userPrincipalName to a unique value.`,
    ),
    target,
  );
}

function planCreate(
  context: PlanContext,
  user: MatchedUser,
  writes: PropertyWrite[],
  index: TargetUserIndex,
): PlannedEntry {
  const created = new Date(context.now).toISOString();
  const record: JsonObject = { id: user.targetId, accountEnabled: true, userType: "Member" };
  for (const write of writes) record[write.property] = write.value;
  record.alternativeSecurityIds = [alternativeSecurityId(user.netId)];
  const changes: PropertyChange[] = [];
  for (const name in record) {
    if (name !== "id") changes.push({ name, oldValue: null, newValue: record[name] });
  }
  const upn = record.userPrincipalName;
  if (typeof upn !== "string" || upn === "" || typeof record.displayName !== "string") {
    return failed(
      user.subject,
      "create",
      reason(
        "MissingRequiredAttribute",
        "userPrincipalName and displayName are required to create a user. Map both attributes.",
      ),
    );
  }
  if (!index.isUpnFree(upn)) return upnConflict(user, upn, index, "create");
  index.claimUpn(user.targetId, upn);
  // Synchronized users are B2B users that redeemed automatically (decisions/0052).
  record.creationType = "Invitation";
  record.externalUserState = "Accepted";
  record.externalUserStateChangeDateTime = created;
  record.createdDateTime = created;
  record.deletedDateTime = null;
  return {
    ...user.subject,
    action: "create",
    intended: "create",
    targetId: user.targetId,
    targetDisplayName: record.displayName,
    record,
    changes,
  };
}

function mergedValues(current: unknown, value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const existing = Array.isArray(current) ? (current as unknown[]) : [];
  return [...existing, ...value.filter((item) => !existing.includes(item))];
}

function planUpdate(
  context: PlanContext,
  user: MatchedUser,
  writes: PropertyWrite[],
  index: TargetUserIndex,
): PlannedEntry {
  const existing = user.existing as JsonObject & { id: string; displayName: string };
  const changes: PropertyChange[] = [];
  const updates = context.mappings.user?.flowTypes.has("Update") ?? false;
  for (const write of updates ? writes : []) {
    const current = existing[write.property];
    if (write.flowType === "ObjectAddOnly") continue;
    if (
      (write.flowType === "AttributeAddOnly" || write.flowType === "ValueAddOnly") &&
      !isEmptyValue(current)
    ) {
      continue;
    }
    const value =
      write.flowType === "MultiValueAddOnly" ? mergedValues(current, write.value) : write.value;
    if (!sameValue(current, value))
      changes.push({ name: write.property, oldValue: current ?? null, newValue: value });
  }
  const upnChange = changes.find((change) => change.name === "userPrincipalName");
  if (upnChange) {
    const upn = String(upnChange.newValue);
    if (!index.isUpnFree(upn, existing.id)) return upnConflict(user, upn, index, "update");
    index.claimUpn(existing.id, upn, String(existing.userPrincipalName));
  }
  // Taking over an existing account (a B2B guest) is an update even when no value changes: from
  // now on the job manages it.
  const joins = user.matchedBy === "alternativeSecurityIds";
  return {
    ...user.subject,
    action: changes.length || joins ? "update" : "noop",
    intended: "update",
    targetId: existing.id,
    targetDisplayName: existing.displayName,
    matchedBy: user.matchedBy,
    changes,
  };
}

/** Plans the create or update of one matched user. */
export function planUserChange(
  context: PlanContext,
  user: MatchedUser,
  index: TargetUserIndex,
  tools: ChangeTools,
): PlannedEntry {
  const intended = user.existing ? "update" : "create";
  const evaluated = evaluate(user, tools, intended);
  if ("entry" in evaluated) return evaluated.entry;
  if (user.existing) return planUpdate(context, user, evaluated.writes, index);
  if (!context.mappings.user?.flowTypes.has("Add")) {
    return skipped(
      user.subject,
      "create",
      reason(
        "AddNotInFlowTypes",
        "The user object mapping's flowTypes do not include Add, so new users are not created. Add 'Add' to flowTypes.",
      ),
    );
  }
  return planCreate(context, user, evaluated.writes, index);
}
