/**
 * `/servicePrincipals/{id}/appRoleAssignedTo`: assign users and groups to a CTS configuration,
 * list, get and remove assignments (decisions/reference/graph-cts.md §6). Errors for a wrong role and a duplicate
 * use the texts Graph answers (decision 0013).
 */
import { randomBytes } from "node:crypto";
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext } from "../../http/route";
import type { AppRoleAssignmentRecord, ServicePrincipalRecord } from "../../world/types";
import {
  applyFilter,
  collectionBody,
  entityBody,
  isGuid,
  paginate,
  rejectUnknownProperties,
  requireBodyObject,
} from "../odata";
import { findServicePrincipal, findUserOrGroup } from "./lookup";
import { ASSIGNMENT_CREATE, ASSIGNMENT_DELETE, ASSIGNMENT_READ } from "./permissions";
import { objectView, publicCopy } from "./projection";

const PATH = "/servicePrincipals/:id/appRoleAssignedTo";
const ASSIGNMENT_PROPERTIES = new Set(["principalId", "resourceId", "appRoleId", "principalType"]);

function contextFragment(sp: ServicePrincipalRecord, suffix = ""): string {
  return `servicePrincipals('${sp.id}')/appRoleAssignedTo${suffix}`;
}

function assignmentsOf(
  ctx: GraphRequestContext,
  sp: ServicePrincipalRecord,
): AppRoleAssignmentRecord[] {
  return ctx.tenant.appRoleAssignments.filter((a) => a.resourceId === sp.id && ctx.isVisible(a.id));
}

function findAssignment(ctx: GraphRequestContext, sp: ServicePrincipalRecord, id: string) {
  const found = assignmentsOf(ctx, sp).find((a) => a.id === id);
  if (!found) throw GraphError.notFound(id);
  return found;
}

function requireGuid(action: string, name: string, value: unknown): string {
  if (!isGuid(value)) {
    throw GraphError.badRequest(
      `Failed to ${action}: ${name} is required and must be an object id (GUID), got ${JSON.stringify(value ?? null)}.`,
    );
  }
  return value.toLowerCase();
}

function assign(ctx: GraphRequestContext) {
  const sp = findServicePrincipal(ctx, ctx.params.id);
  const action = `assign an app role on service principal ${sp.id}`;
  const body = requireBodyObject(ctx.body, action);
  rejectUnknownProperties(body, ASSIGNMENT_PROPERTIES);
  const principalId = requireGuid(action, "principalId", body.principalId);
  const resourceId = requireGuid(action, "resourceId", body.resourceId);
  const appRoleId = requireGuid(action, "appRoleId", body.appRoleId);
  if (resourceId !== sp.id.toLowerCase()) {
    throw GraphError.badRequest(
      `Failed to ${action}: resourceId ${resourceId} is not the service principal in the URL. Set resourceId to ${sp.id}.`,
    );
  }
  const role = sp.appRoles.find((r) => r.id.toLowerCase() === appRoleId);
  if (!role) {
    const known = sp.appRoles.map((r) => `${r.id} (${String(r.displayName)})`).join(", ");
    throw GraphError.badRequest(
      `Permission being assigned was not found on application '${sp.appId}'. Use an id from the service principal's appRoles: ${known || "none defined"}.`,
    );
  }
  const principal = findUserOrGroup(ctx, principalId);
  const duplicate = ctx.tenant.appRoleAssignments.some(
    (a) =>
      a.resourceId === sp.id && a.principalId === principal.record.id && a.appRoleId === role.id,
  );
  if (duplicate) {
    throw GraphError.badRequest(
      `Permission being assigned already exists on the object. ${principal.kind} ${principal.record.id} already has app role ${role.id} on service principal ${sp.id}.`,
    );
  }
  const assignment: AppRoleAssignmentRecord = {
    // Graph's ids are opaque base64url strings (43 characters), not GUIDs.
    id: randomBytes(32).toString("base64url"),
    deletedDateTime: null,
    appRoleId: role.id,
    createdDateTime: new Date(ctx.now()).toISOString(),
    principalDisplayName: principal.record.displayName,
    principalId: principal.record.id,
    principalType: principal.kind,
    resourceDisplayName: sp.displayName,
    resourceId: sp.id,
  };
  ctx.tenant.appRoleAssignments.push(assignment);
  ctx.markCreated(assignment.id);
  return {
    status: 201,
    body: entityBody(ctx, contextFragment(sp, "/$entity"), publicCopy(assignment)),
  };
}

export const appRoleAssignmentRoutes = [
  route("POST", PATH, ASSIGNMENT_CREATE, assign),
  route("GET", PATH, ASSIGNMENT_READ, (ctx) => {
    const sp = findServicePrincipal(ctx, ctx.params.id);
    const filtered = applyFilter(ctx, assignmentsOf(ctx, sp), {
      resource: "AppRoleAssignment",
      properties: ["principalId", "appRoleId", "principalType", "resourceId"],
    });
    const page = paginate(ctx, filtered);
    return {
      status: 200,
      body: collectionBody(ctx, contextFragment(sp), {
        ...page,
        items: page.items.map((a) => objectView(ctx, a)),
      }),
    };
  }),
  route("GET", `${PATH}/:assignmentId`, ASSIGNMENT_READ, (ctx) => {
    const sp = findServicePrincipal(ctx, ctx.params.id);
    return {
      status: 200,
      body: entityBody(
        ctx,
        contextFragment(sp, "/$entity"),
        objectView(ctx, findAssignment(ctx, sp, ctx.params.assignmentId)),
      ),
    };
  }),
  route("DELETE", `${PATH}/:assignmentId`, ASSIGNMENT_DELETE, (ctx) => {
    const sp = findServicePrincipal(ctx, ctx.params.id);
    const assignment = findAssignment(ctx, sp, ctx.params.assignmentId);
    const all = ctx.tenant.appRoleAssignments;
    all.splice(all.indexOf(assignment), 1);
    return { status: 204 };
  }),
];
