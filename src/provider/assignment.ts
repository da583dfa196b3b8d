import { z } from "zod";
import type { GraphSession } from "../graph/client";
import { formatId, parseId } from "./ids";
import type { ResourceImplementation } from "./implementation";
import { checkWith, diffProperties, userProps, type Props } from "./properties";
import { sessionFor } from "./runtime";
import { deleteSettled } from "./settle";
import { guid, SERVICE_PRINCIPAL_ID_HINT } from "./schemas";
import { msiamAccessRoleId } from "./ctsTemplate";

const RESOURCE = "Assignment";

const inputsSchema = z
  .object({
    tenantId: guid("tenantId"),
    servicePrincipalId: guid("servicePrincipalId", SERVICE_PRINCIPAL_ID_HINT),
    principalId: guid(
      "principalId",
      "(the object id of the group or user); find it on the group's or user's Overview page in the Entra admin center",
    ),
    principalType: z.enum(["Group", "User"], { error: 'principalType must be "Group" or "User"' }),
    appRoleId: guid(
      "appRoleId",
      "(an app role's id); leave it out to assign the configuration's msiam_access role, or use SyncConfiguration.appRoleId",
    ).optional(),
    assignmentId: z.string().optional(),
    principalDisplayName: z.string().optional(),
  })
  .strict();

function assignmentsPath(servicePrincipalId: string): string {
  return `/servicePrincipals/${servicePrincipalId}/appRoleAssignedTo`;
}

async function msiamAccessRole(session: GraphSession, servicePrincipalId: string): Promise<string> {
  const sp = await session.call<Props>({
    operation: `read the app roles of configuration ${servicePrincipalId}`,
    method: "GET",
    path: `/servicePrincipals/${servicePrincipalId}`,
    query: { $select: "id,appRoles" },
    consistencyStatuses: [404],
  });
  const id = msiamAccessRoleId(sp.appRoles);
  if (!id) {
    throw new Error(
      `${RESOURCE}: configuration ${servicePrincipalId} has no msiam_access app role to assign.`,
    );
  }
  return id;
}

function outputsOf(assignment: Props): Props {
  return {
    assignmentId: assignment.id,
    appRoleId: assignment.appRoleId,
    principalDisplayName: assignment.principalDisplayName,
  };
}

export const assignment: ResourceImplementation = {
  async check(_olds, news) {
    return checkWith(RESOURCE, inputsSchema, news, undefined, [
      "tenantId",
      "servicePrincipalId",
      "principalId",
      "appRoleId",
    ]);
  },

  async diff(_id, olds, news) {
    // An app role assignment cannot be changed in place: any change is a new assignment. An
    // undeclared appRoleId means "msiam_access", which is what the old one resolved to.
    const effective = news.appRoleId === undefined ? { ...news, appRoleId: olds.appRoleId } : news;
    return diffProperties(olds, effective, {
      replaceOn: ["tenantId", "servicePrincipalId", "principalId", "principalType", "appRoleId"],
      ignore: ["assignmentId", "principalDisplayName"],
    });
  },

  async create(raw) {
    const props = userProps(raw);
    const tenantId = props.tenantId as string;
    const sp = props.servicePrincipalId as string;
    const session = sessionFor(tenantId);
    const appRoleId =
      (props.appRoleId as string | undefined) ?? (await msiamAccessRole(session, sp));
    const created = await session.call<Props>({
      operation: `assign ${String(props.principalType).toLowerCase()} ${String(props.principalId)} to configuration ${sp}`,
      method: "POST",
      path: assignmentsPath(sp),
      body: { principalId: props.principalId, resourceId: sp, appRoleId },
      consistencyStatuses: [404],
    });
    if (created.principalType !== props.principalType) {
      // Undo: the declared type is what reviews and the policy pack judged.
      await session.call({
        operation: `remove the mistyped assignment ${String(created.id)}`,
        method: "DELETE",
        path: `${assignmentsPath(sp)}/${encodeURIComponent(String(created.id))}`,
        notFoundIsEmpty: true,
      });
      throw new Error(
        `${RESOURCE}: principal ${String(props.principalId)} is a ${String(created.principalType)}, not a ${String(props.principalType)}. ` +
          `Set principalType: "${String(created.principalType)}" or assign the intended object.`,
      );
    }
    return {
      id: formatId({ tenantId, servicePrincipalId: sp, assignmentId: created.id as string }),
      outs: { ...props, ...outputsOf(created) },
    };
  },

  async read(id, raw) {
    const declared = userProps(raw);
    const parsed = parseId(RESOURCE, id, ["tenantId", "servicePrincipalId", "assignmentId"]);
    const live = await sessionFor(parsed.tenantId).call<Props | undefined>({
      operation: `read assignment ${parsed.assignmentId}`,
      method: "GET",
      path: `${assignmentsPath(parsed.servicePrincipalId!)}/${encodeURIComponent(parsed.assignmentId!)}`,
      notFoundIsEmpty: true,
    });
    if (!live) return { id: "", props: {} };
    const inputs: Props = {
      ...declared,
      tenantId: parsed.tenantId,
      servicePrincipalId: parsed.servicePrincipalId,
      principalId: live.principalId,
      principalType: live.principalType,
    };
    if (declared.appRoleId !== undefined) inputs.appRoleId = live.appRoleId;
    delete inputs.assignmentId;
    delete inputs.principalDisplayName;
    return { id, props: { ...inputs, ...outputsOf(live) }, inputs };
  },

  async update(_id, rawOlds, rawNews) {
    // Nothing is updatable in place (diff replaces); keep the outputs.
    const olds = userProps(rawOlds);
    return {
      outs: {
        ...userProps(rawNews),
        assignmentId: olds.assignmentId,
        appRoleId: olds.appRoleId,
        principalDisplayName: olds.principalDisplayName,
      },
    };
  },

  async delete(id) {
    const parsed = parseId(RESOURCE, id, ["tenantId", "servicePrincipalId", "assignmentId"]);
    await deleteSettled(sessionFor(parsed.tenantId), {
      operation: `remove assignment ${parsed.assignmentId}`,
      path: `${assignmentsPath(parsed.servicePrincipalId!)}/${encodeURIComponent(parsed.assignmentId!)}`,
    });
  },
};
