/**
 * Service principals: list with $filter, get by id or appId, update, delete (decisions/reference/graph-cts.md §§4.3, 7).
 * Deleting the SP leaves its application registration behind.
 */
import { route } from "../../http/route";
import { applyFilter, collectionBody, entityBody, paginate } from "../odata";
import { findServicePrincipal } from "./lookup";
import { applyObjectPatch } from "./objectPatch";
import { requireOwnerOrTenantWide } from "./ownership";
import { APPLICATION_READ, APPLICATION_WRITE, SERVICE_PRINCIPAL_UPDATE } from "./permissions";
import { objectView } from "./projection";
import { softDeleteServicePrincipal } from "./softDelete";

export const SERVICE_PRINCIPAL_FILTER = {
  resource: "ServicePrincipal",
  properties: [
    "id",
    "appId",
    "displayName",
    "applicationTemplateId",
    "servicePrincipalType",
    "appOwnerOrganizationId",
    "accountEnabled",
  ],
};

export const servicePrincipalRoutes = [
  route("GET", "/servicePrincipals", APPLICATION_READ, (ctx) => {
    const visible = ctx.tenant.servicePrincipals.filter((s) => ctx.isVisible(s.id));
    const page = paginate(ctx, applyFilter(ctx, visible, SERVICE_PRINCIPAL_FILTER));
    return {
      status: 200,
      body: collectionBody(ctx, "servicePrincipals", {
        ...page,
        items: page.items.map((s) => objectView(ctx, s)),
      }),
    };
  }),
  route("GET", "/servicePrincipals/:id", APPLICATION_READ, (ctx) => ({
    status: 200,
    body: entityBody(
      ctx,
      "servicePrincipals/$entity",
      objectView(ctx, findServicePrincipal(ctx, ctx.params.id)),
    ),
  })),
  route("PATCH", "/servicePrincipals/:id", SERVICE_PRINCIPAL_UPDATE, (ctx) => {
    const sp = findServicePrincipal(ctx, ctx.params.id);
    requireOwnerOrTenantWide(ctx, [sp, ctx.tenant.applications.find((a) => a.appId === sp.appId)]);
    applyObjectPatch(sp, ctx.body, `update service principal ${sp.id}`);
    return { status: 204 };
  }),
  route("DELETE", "/servicePrincipals/:id", APPLICATION_WRITE, (ctx) => {
    const sp = findServicePrincipal(ctx, ctx.params.id);
    const app = ctx.tenant.applications.find((a) => a.appId === sp.appId);
    requireOwnerOrTenantWide(ctx, [sp, app]);
    softDeleteServicePrincipal(ctx, sp);
    return { status: 204 };
  }),
];
