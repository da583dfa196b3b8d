/** GET .../synchronization/templates, one template, and its schema (decisions/reference/graph-cts.md §5.1). */
import { route, type GraphRoute } from "../../http/route";
import { SYNC_READ_PERMISSIONS } from "./permissions";
import { resolveSynchronization, synchronizationContext } from "./servicePrincipalSync";
import { requireTemplate, templateSchema, templatesOf } from "./templateCatalogue";

const base = "/servicePrincipals/:id/synchronization/templates";

export const templateRoutes: readonly GraphRoute[] = [
  route("GET", base, SYNC_READ_PERMISSIONS, (ctx) => {
    const { sp } = resolveSynchronization(ctx, "read");
    return {
      status: 200,
      body: {
        "@odata.context": synchronizationContext(ctx, sp, "templates"),
        value: templatesOf(sp),
      },
    };
  }),

  route("GET", `${base}/:templateId`, SYNC_READ_PERMISSIONS, (ctx) => {
    const { sp } = resolveSynchronization(ctx, "read");
    const template = requireTemplate(sp, ctx.params.templateId, "get the template", 404);
    return {
      status: 200,
      body: { "@odata.context": synchronizationContext(ctx, sp, "templates/$entity"), ...template },
    };
  }),

  route("GET", `${base}/:templateId/schema`, SYNC_READ_PERMISSIONS, (ctx) => {
    const { sp } = resolveSynchronization(ctx, "read");
    const templateId = ctx.params.templateId;
    requireTemplate(sp, templateId, "get the template schema", 404);
    return {
      status: 200,
      body: {
        "@odata.context": synchronizationContext(
          ctx,
          sp,
          `templates('${templateId}')/schema/$entity`,
        ),
        ...templateSchema(templateId, templateId),
      },
    };
  }),
];
