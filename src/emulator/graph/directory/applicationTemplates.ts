/**
 * Application templates: GET the CTS template and instantiate it (decisions/reference/graph-cts.md §4.2). Only the
 * cross-tenant synchronization template is in the emulator's gallery; other ids answer 404.
 */
import { GraphError } from "../../http/graphError";
import { route, type GraphRequestContext } from "../../http/route";
import { contextUrl, entityBody, rejectUnknownProperties, requireBodyObject } from "../odata";
import { CTS_TEMPLATE_ID, ctsApplicationTemplate, instantiateCtsTemplate } from "./ctsTemplate";
import { ANY_TOKEN, INSTANTIATE } from "./permissions";
import { objectView, publicCopy } from "./projection";

const INSTANTIATE_PARAMETERS = new Set(["displayName", "serviceManagementReference"]);

function requireCtsTemplate(templateId: string): void {
  if (templateId.toLowerCase() !== CTS_TEMPLATE_ID) throw GraphError.notFound(templateId);
}

function instantiate(ctx: GraphRequestContext) {
  requireCtsTemplate(ctx.params.templateId);
  const action = "instantiate the cross-tenant synchronization template";
  const body = requireBodyObject(ctx.body, action);
  rejectUnknownProperties(body, INSTANTIATE_PARAMETERS);
  const { displayName, serviceManagementReference } = body;
  if (typeof displayName !== "string" || displayName.trim() === "") {
    throw GraphError.badRequest(
      `Failed to ${action}: displayName is required. Name the configuration, e.g. after the target tenant.`,
    );
  }
  if (serviceManagementReference != null && typeof serviceManagementReference !== "string") {
    throw GraphError.badRequest(
      `Failed to ${action}: serviceManagementReference must be a string when given.`,
    );
  }
  const { application, servicePrincipal } = instantiateCtsTemplate({
    displayName,
    serviceManagementReference: serviceManagementReference ?? null,
    tenantId: ctx.tenant.id,
    tenantDomain: ctx.tenant.domain,
    createdDateTime: new Date(ctx.now()).toISOString(),
  });
  // The calling app owns what it creates, which is what Application.ReadWrite.OwnedBy needs
  // for later calls on this configuration.
  application.ownerIds = [ctx.caller.servicePrincipalId];
  servicePrincipal.ownerIds = [ctx.caller.servicePrincipalId];
  ctx.tenant.applications.push(application);
  ctx.tenant.servicePrincipals.push(servicePrincipal);
  ctx.tenant.synchronization[servicePrincipal.id] = { secrets: {}, jobs: [] };
  ctx.markCreated(application.id);
  ctx.markCreated(servicePrincipal.id);
  return {
    status: 201,
    body: {
      "@odata.context": contextUrl(ctx, "microsoft.graph.applicationServicePrincipal"),
      application: publicCopy(application),
      servicePrincipal: publicCopy(servicePrincipal),
    },
  };
}

export const applicationTemplateRoutes = [
  route("GET", "/applicationTemplates/:templateId", ANY_TOKEN, (ctx) => {
    requireCtsTemplate(ctx.params.templateId);
    return {
      status: 200,
      body: entityBody(
        ctx,
        "applicationTemplates/$entity",
        objectView(ctx, ctsApplicationTemplate),
      ),
    };
  }),
  route("POST", "/applicationTemplates/:templateId/instantiate", INSTANTIATE, instantiate),
];
