/**
 * Groups: list, get, direct members (each with its @odata.type), and member add/remove through
 * `$ref` so tests can change membership as a portal user would. Only direct members count for
 * CTS scoping (decisions/reference/graph-cts.md §6), so there is no transitive listing here.
 */
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext } from "../../http/route";
import type { GroupRecord, JsonObject } from "../../world/types";
import { applyFilter, collectionBody, entityBody, paginate, requireBodyObject } from "../odata";
import { activeUsers, findGroup, findUserOrGroup, visibleGroups } from "./lookup";
import { GROUP_MEMBER_WRITE, GROUP_READ } from "./permissions";
import { groupView, userView } from "./projection";

const GROUP_FILTER = {
  resource: "Group",
  properties: ["id", "displayName", "mailNickname", "securityEnabled", "mailEnabled"],
};

function memberViews(ctx: GraphRequestContext, group: GroupRecord): JsonObject[] {
  const users = activeUsers(ctx);
  const groups = visibleGroups(ctx);
  const views: JsonObject[] = [];
  for (const id of group.memberIds) {
    const user = users.find((u) => u.id === id);
    if (user) {
      views.push({ "@odata.type": "#microsoft.graph.user", ...userView(ctx, user) });
      continue;
    }
    const nested = groups.find((g) => g.id === id);
    if (nested) views.push({ "@odata.type": "#microsoft.graph.group", ...groupView(ctx, nested) });
  }
  return views;
}

/** The object id in `{"@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}"}`. */
function referencedId(body: JsonObject, action: string): string {
  const ref = body["@odata.id"];
  const match = typeof ref === "string" ? /\/([^/]+?)\/?$/.exec(ref) : null;
  if (!match) {
    throw GraphError.badRequest(
      `Failed to ${action}: the body needs "@odata.id": "https://graph.microsoft.com/v1.0/directoryObjects/{id}".`,
    );
  }
  return match[1].replace(/^\{|\}$/g, "");
}

function addMember(ctx: GraphRequestContext) {
  const group = findGroup(ctx, ctx.params.id);
  const action = `add a member to group ${group.id}`;
  if (ctx.body === null || typeof ctx.body !== "object") requireBodyObject(ctx.body, action);
  const member = findUserOrGroup(ctx, referencedId(ctx.body as JsonObject, action));
  if (member.record.id === group.id) {
    throw GraphError.badRequest(`Failed to ${action}: a group cannot be a member of itself.`);
  }
  if (group.memberIds.includes(member.record.id)) {
    throw GraphError.badRequest(
      "One or more added object references already exist for the following modified properties: 'members'.",
    );
  }
  group.memberIds.push(member.record.id);
  return { status: 204 };
}

export const groupRoutes = [
  route("GET", "/groups", GROUP_READ, (ctx) => {
    const page = paginate(ctx, applyFilter(ctx, visibleGroups(ctx), GROUP_FILTER));
    return {
      status: 200,
      body: collectionBody(ctx, "groups", {
        ...page,
        items: page.items.map((g) => groupView(ctx, g)),
      }),
    };
  }),
  route("GET", "/groups/:id", GROUP_READ, (ctx) => ({
    status: 200,
    body: entityBody(ctx, "groups/$entity", groupView(ctx, findGroup(ctx, ctx.params.id))),
  })),
  route("GET", "/groups/:id/members", GROUP_READ, (ctx) => {
    const page = paginate(ctx, memberViews(ctx, findGroup(ctx, ctx.params.id)));
    return { status: 200, body: collectionBody(ctx, "directoryObjects", page) };
  }),
  route("POST", "/groups/:id/members/$ref", GROUP_MEMBER_WRITE, addMember),
  route("DELETE", "/groups/:id/members/:memberId/$ref", GROUP_MEMBER_WRITE, (ctx) => {
    const group = findGroup(ctx, ctx.params.id);
    const index = group.memberIds.findIndex(
      (id) => id.toLowerCase() === ctx.params.memberId.toLowerCase(),
    );
    if (index < 0) throw GraphError.notFound(ctx.params.memberId);
    group.memberIds.splice(index, 1);
    return { status: 204 };
  }),
];
