/** Applications: list with $filter, get by id or appId, update, delete with cascade (decisions/reference/graph-cts.md §§4.3, 7). */
import { route } from "../../http/route";
import { applyFilter, collectionBody, entityBody, paginate } from "../odata";
import { findApplication } from "./lookup";
import { applyObjectPatch } from "./objectPatch";
import { requireOwnerOrTenantWide } from "./ownership";
import { APPLICATION_READ, APPLICATION_WRITE } from "./permissions";
import { objectView } from "./projection";
import { softDeleteApplication } from "./softDelete";

export const APPLICATION_FILTER = {
  resource: "Application",
  properties: ["id", "appId", "displayName", "applicationTemplateId", "signInAudience"],
};

export const applicationRoutes = [
  route("GET", "/applications", APPLICATION_READ, (ctx) => {
    const visible = ctx.tenant.applications.filter((a) => ctx.isVisible(a.id));
    const page = paginate(ctx, applyFilter(ctx, visible, APPLICATION_FILTER));
    return {
      status: 200,
      body: collectionBody(ctx, "applications", {
        ...page,
        items: page.items.map((a) => objectView(ctx, a)),
      }),
    };
  }),
  route("GET", "/applications/:id", APPLICATION_READ, (ctx) => ({
    status: 200,
    body: entityBody(
      ctx,
      "applications/$entity",
      objectView(ctx, findApplication(ctx, ctx.params.id)),
    ),
  })),
  route("PATCH", "/applications/:id", APPLICATION_WRITE, (ctx) => {
    const app = findApplication(ctx, ctx.params.id);
    requireOwnerOrTenantWide(ctx, [app]);
    applyObjectPatch(app, ctx.body, `update application ${app.id}`);
    // The service principal shows its application's name as appDisplayName.
    for (const sp of ctx.tenant.servicePrincipals.filter((s) => s.appId === app.appId)) {
      sp.appDisplayName = app.displayName;
    }
    return { status: 204 };
  }),
  route("DELETE", "/applications/:id", APPLICATION_WRITE, (ctx) => {
    const app = findApplication(ctx, ctx.params.id);
    requireOwnerOrTenantWide(ctx, [app]);
    softDeleteApplication(ctx, app);
    return { status: 204 };
  }),
];
