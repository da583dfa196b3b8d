/**
 * A job's synchronizationSchema: GET (whole document with directories), PUT (validated full
 * replace, version bumped), DELETE (reset to the template default); and the filterOperators and
 * functions catalogues on job and template schemas (decisions/reference/graph-cts.md §5.7).
 */
import { route, type GraphRequestContext, type GraphRoute } from "../../http/route";
import { expressionProblem } from "./expressionLanguage";
import { filterOperators } from "./filterOperators";
import { functionSchemas } from "./functionCatalogue";
import { SYNC_READ_PERMISSIONS, SYNC_WRITE_PERMISSIONS } from "./permissions";
import { nextSchemaVersion, validateSchema } from "./schemaValidation";
import { findJob, resolveSynchronization, synchronizationContext } from "./servicePrincipalSync";
import { requireTemplate, templateSchema } from "./templateCatalogue";

const jobSchema = "/servicePrincipals/:id/synchronization/jobs/:jobId/schema";
const templateSchemaPath = "/servicePrincipals/:id/synchronization/templates/:templateId/schema";

/** Resolves the schema's owner (job or template) so catalogue routes 404 like the schema does. */
function requireJobOrTemplate(ctx: GraphRequestContext): void {
  const { sp, sync } = resolveSynchronization(ctx, "read");
  if (ctx.params.jobId !== undefined) findJob(ctx, sync);
  else requireTemplate(sp, ctx.params.templateId, "read the template schema", 404);
}

const catalogue = (fragment: string, items: () => unknown[]) => (ctx: GraphRequestContext) => {
  requireJobOrTemplate(ctx);
  return {
    status: 200,
    body: {
      "@odata.context": `${ctx.graphBaseUrl}/$metadata#Collection(${fragment})`,
      value: items(),
    },
  };
};

export const schemaRoutes: readonly GraphRoute[] = [
  route("GET", jobSchema, SYNC_READ_PERMISSIONS, (ctx) => {
    const { sp, sync } = resolveSynchronization(ctx, "read");
    const job = findJob(ctx, sync);
    return {
      status: 200,
      body: {
        "@odata.context": synchronizationContext(ctx, sp, `jobs('${job.id}')/schema/$entity`),
        ...structuredClone(job.schema),
      },
    };
  }),

  route("PUT", jobSchema, SYNC_WRITE_PERMISSIONS, (ctx) => {
    const { sync } = resolveSynchronization(ctx, "write");
    const job = findJob(ctx, sync);
    const candidate = validateSchema(ctx.body, {
      template: templateSchema(job.templateId, job.id),
      expressionProblem,
    });
    // Full replace; id and version are the service's, whatever the body says.
    job.schema = {
      id: job.id,
      version: nextSchemaVersion(job.schema.version),
      synchronizationRules: structuredClone(candidate.synchronizationRules),
      directories: structuredClone(candidate.directories),
    };
    return { status: 204 };
  }),

  route("DELETE", jobSchema, SYNC_WRITE_PERMISSIONS, (ctx) => {
    const { sync } = resolveSynchronization(ctx, "write");
    const job = findJob(ctx, sync);
    job.schema = templateSchema(job.templateId, job.id);
    return { status: 204 };
  }),

  route(
    "GET",
    `${jobSchema}/filterOperators`,
    SYNC_READ_PERMISSIONS,
    catalogue("microsoft.graph.filterOperatorSchema", filterOperators),
  ),
  route(
    "GET",
    `${templateSchemaPath}/filterOperators`,
    SYNC_READ_PERMISSIONS,
    catalogue("microsoft.graph.filterOperatorSchema", filterOperators),
  ),
  route(
    "GET",
    `${jobSchema}/functions`,
    SYNC_READ_PERMISSIONS,
    catalogue("microsoft.graph.attributeMappingFunctionSchema", functionSchemas),
  ),
  route(
    "GET",
    `${templateSchemaPath}/functions`,
    SYNC_READ_PERMISSIONS,
    catalogue("microsoft.graph.attributeMappingFunctionSchema", functionSchemas),
  ),
];
