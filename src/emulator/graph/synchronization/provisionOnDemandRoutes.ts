/**
 * POST .../jobs/{jobId}/provisionOnDemand (decisions/reference/graph-cts.md §5.6): 200 + stringKeyStringValuePair.
 * Limited to 5 requests per 10 seconds per job; the 6th answers 429 with Retry-After
 * (decisions/0056). The provisioning itself is the cycle engine's (src/emulator/provisioning).
 */
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext, type GraphRoute } from "../../http/route";
import type { JsonObject } from "../../world/types";
import { selectJob } from "../../provisioning/jobSelection";
import { ruleIds } from "../../../provisioning/objectMappings";
import { provisionOnDemand, type OnDemandSubject } from "../../provisioning/onDemand";
import { ON_DEMAND_LIMIT, takeOnDemandSlot } from "../../provisioning/onDemandThrottle";
import { SYNC_WRITE_PERMISSIONS } from "./permissions";
import { findJob, objectBody, resolveSynchronization } from "./servicePrincipalSync";

const ACTION = "provision on demand";
/** The portal provisions a group with at most 5 of its members at a time. */
const MAX_LINKED_MEMBERS = 5;

const invalid = (reason: string, remedy: string) =>
  GraphError.badRequest(`Failed to ${ACTION}: ${reason}. ${remedy}`);

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const BODY_EXAMPLE =
  'Send {"parameters": [{"ruleId": "<schema rule id>", "subjects": [{"objectId": "<user id>", "objectTypeName": "User"}]}]}';

function requestedSubject(
  ctx: GraphRequestContext,
  rules: string[],
): Omit<OnDemandSubject, "displayName"> {
  const parameters = objectBody(ctx, ACTION).parameters;
  if (!Array.isArray(parameters) || parameters.length !== 1 || !isObject(parameters[0])) {
    throw invalid("the body needs exactly one entry in 'parameters'", BODY_EXAMPLE);
  }
  const { ruleId, subjects } = parameters[0];
  if (typeof ruleId !== "string" || !rules.includes(ruleId)) {
    throw invalid(
      `ruleId '${String(ruleId)}' is not a rule of the job's schema`,
      `Use one of: ${rules.join(", ")} (GET .../jobs/{jobId}/schema lists synchronizationRules)`,
    );
  }
  if (!Array.isArray(subjects) || subjects.length !== 1 || !isObject(subjects[0])) {
    throw invalid("provisionOnDemand takes exactly one subject", BODY_EXAMPLE);
  }
  const { objectId, objectTypeName, links } = subjects[0];
  if (typeof objectId !== "string" || (objectTypeName !== "User" && objectTypeName !== "Group")) {
    throw invalid(
      "the subject needs an objectId and an objectTypeName of 'User' or 'Group'",
      BODY_EXAMPLE,
    );
  }
  const members = isObject(links) && Array.isArray(links.members) ? links.members : [];
  if (objectTypeName === "User" && members.length > 0) {
    throw invalid("links.members is only for a Group subject", "Leave links out for a user");
  }
  if (members.length > MAX_LINKED_MEMBERS) {
    throw invalid(
      `links.members names ${members.length} members`,
      `Provision at most ${MAX_LINKED_MEMBERS} members of a group at a time`,
    );
  }
  const memberIds = members.map((member, index) => {
    if (!isObject(member) || typeof member.objectId !== "string") {
      throw invalid(`links.members[${index}] needs an objectId`, "Name each member by object id");
    }
    return member.objectId;
  });
  return { objectId, objectTypeName, memberIds };
}

/** The subject's display name; 404 when the source object does not exist (or was deleted). */
function subjectDisplayName(
  ctx: GraphRequestContext,
  subject: Omit<OnDemandSubject, "displayName">,
) {
  const wanted = subject.objectId.toLowerCase();
  const record =
    subject.objectTypeName === "User"
      ? ctx.tenant.users.find((user) => user.id.toLowerCase() === wanted && !user.deletedDateTime)
      : ctx.tenant.groups.find((group) => group.id.toLowerCase() === wanted);
  if (!record || !ctx.isVisible(record.id)) throw GraphError.notFound(subject.objectId);
  return { id: record.id, displayName: record.displayName };
}

export const provisionOnDemandRoutes: readonly GraphRoute[] = [
  route(
    "POST",
    "/servicePrincipals/:id/synchronization/jobs/:jobId/provisionOnDemand",
    SYNC_WRITE_PERMISSIONS,
    (ctx) => {
      const { sp, sync } = resolveSynchronization(ctx, "write");
      const job = findJob(ctx, sync);
      const slot = takeOnDemandSlot(ctx.world, `${ctx.tenant.id}/${sp.id}/${job.id}`, ctx.now());
      if (!slot.allowed) {
        throw new GraphError(
          429,
          "TooManyRequests",
          `Failed to ${ACTION}: the limit of ${ON_DEMAND_LIMIT.requests} requests per ${ON_DEMAND_LIMIT.windowMs / 1000} seconds for this job is reached. Retry after ${slot.retryAfterSeconds} seconds.`,
          undefined,
          { "Retry-After": String(slot.retryAfterSeconds) },
        );
      }
      const requested = requestedSubject(ctx, ruleIds(job));
      const found = subjectDisplayName(ctx, requested);
      const selected = selectJob(
        ctx.world,
        { tenantId: ctx.tenant.id, servicePrincipalId: sp.id, jobId: job.id },
        ACTION,
      );
      const result = provisionOnDemand({
        world: ctx.world,
        selected,
        subject: { ...requested, objectId: found.id, displayName: found.displayName },
        now: ctx.now(),
        caller: { appId: ctx.caller.appId, displayName: ctx.caller.displayName },
        onCreated: ctx.markCreated,
      });
      return {
        status: 200,
        body: {
          "@odata.context": `${ctx.graphBaseUrl}/$metadata#microsoft.graph.stringKeyStringValuePair`,
          key: result.key,
          value: result.value,
        },
      };
    },
  ),
];
