/** Synchronization jobs: create, list, get, delete (decisions/reference/graph-cts.md §5.4). */
import { GraphError } from "../../http/graphError";
import { route, type GraphRoute } from "../../http/route";
import { applyFilter, type FilterSchema } from "../odata";
import { createJobRecord, jobResource, newJobId } from "./jobRecord";
import { SYNC_READ_PERMISSIONS, SYNC_WRITE_PERMISSIONS } from "./permissions";
import {
  findJob,
  objectBody,
  resolveSynchronization,
  synchronizationContext,
} from "./servicePrincipalSync";
import { requireTemplate, templateSchema } from "./templateCatalogue";

const jobs = "/servicePrincipals/:id/synchronization/jobs";

/** The list filters on the template, as the support wiki's `templateId eq '...'` does. */
const JOB_FILTER: FilterSchema = { resource: "synchronizationJob", properties: ["templateId"] };

export const jobRoutes: readonly GraphRoute[] = [
  route("POST", jobs, SYNC_WRITE_PERMISSIONS, (ctx) => {
    const action = "create the synchronization job";
    const { sp, sync } = resolveSynchronization(ctx, "write");
    const templateId = objectBody(ctx, action).templateId;
    if (typeof templateId !== "string" || templateId === "") {
      throw GraphError.badRequest(
        `Failed to ${action}: templateId is required. Send {"templateId": "Azure2Azure"}.`,
      );
    }
    requireTemplate(sp, templateId, action, 400);
    // "Only one sync instance can exist between a source and a target" (decisions/0017).
    const existing = sync.jobs.find((job) => job.templateId === templateId);
    if (existing) {
      throw GraphError.conflict(
        `Failed to ${action}: service principal '${sp.id}' already has job '${existing.id}' for template '${templateId}'. Reuse it, or delete it first.`,
      );
    }
    const id = newJobId(templateId);
    const job = createJobRecord(id, templateId, templateSchema(templateId, id));
    sync.jobs.push(job);
    ctx.markCreated(job.id);
    return {
      status: 201,
      body: {
        "@odata.context": synchronizationContext(ctx, sp, "jobs/$entity"),
        ...jobResource(job),
      },
    };
  }),

  route("GET", jobs, SYNC_READ_PERMISSIONS, (ctx) => {
    const { sp, sync } = resolveSynchronization(ctx, "read");
    return {
      status: 200,
      body: {
        "@odata.context": synchronizationContext(ctx, sp, "jobs"),
        value: applyFilter(ctx, sync.jobs.map(jobResource), JOB_FILTER),
      },
    };
  }),

  route("GET", `${jobs}/:jobId`, SYNC_READ_PERMISSIONS, (ctx) => {
    const { sp, sync } = resolveSynchronization(ctx, "read");
    const job = findJob(ctx, sync);
    return {
      status: 200,
      body: {
        "@odata.context": synchronizationContext(ctx, sp, "jobs/$entity"),
        ...jobResource(job),
      },
    };
  }),

  // Stops synchronization and discards the job's state and schema; secrets stay on the SP.
  route("DELETE", `${jobs}/:jobId`, SYNC_WRITE_PERMISSIONS, (ctx) => {
    const { sync } = resolveSynchronization(ctx, "write");
    const job = findJob(ctx, sync);
    sync.jobs.splice(sync.jobs.indexOf(job), 1);
    return { status: 204 };
  }),
];
