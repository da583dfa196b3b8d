import { z } from "zod";
import type { GraphSession } from "../graph/client";
import { isGraphRequestError } from "../graph/errors";
import { CTS_JOB_TEMPLATE_ID, SYNC_CONSISTENCY_STATUSES } from "./ctsTemplate";
import { graphTime } from "./graphDefaults";
import { formatId, parseId } from "./ids";
import type { ResourceImplementation } from "./implementation";
import { checkWith, diffProperties, userProps, type Props } from "./properties";
import { orRollBack } from "./rollback";
import { sessionFor } from "./runtime";
import { deleteSettled } from "./settle";
import { guid, SERVICE_PRINCIPAL_ID_HINT } from "./schemas";

const RESOURCE = "SyncJob";
const RESTART_SCOPES = [
  "ConnectorDataStore",
  "Escrows",
  "Watermark",
  "QuarantineState",
  "Full",
  "ForceDeletes",
] as const;
const DEFAULT_RESTART_SCOPE = ["Watermark", "Escrows", "QuarantineState"];
const STATUS_KEYS = [
  "jobId",
  "scheduleState",
  "statusCode",
  "quarantineReason",
  "lastExecutionTime",
];

const inputsSchema = z
  .object({
    tenantId: guid("tenantId"),
    servicePrincipalId: guid("servicePrincipalId", SERVICE_PRINCIPAL_ID_HINT),
    enabled: z.boolean({ error: "enabled must be true (running) or false (paused)" }).optional(),
    restartTrigger: z.string().optional(),
    restartScope: z
      .array(
        z.enum(RESTART_SCOPES, {
          error: `restartScope entries must be among ${RESTART_SCOPES.join(", ")}`,
        }),
      )
      .min(1, 'restartScope must name at least one scope, e.g. ["ForceDeletes"]')
      .optional(),
    jobId: z.string().optional(),
    scheduleState: z.string().optional(),
    statusCode: z.string().optional(),
    quarantineReason: z.string().optional(),
    lastExecutionTime: z.string().optional(),
  })
  .strict();

function jobsPath(servicePrincipalId: string): string {
  return `/servicePrincipals/${servicePrincipalId}/synchronization/jobs`;
}

/** Status outputs from a Graph synchronizationJob. */
function statusOf(job: Props): Props {
  const schedule = (job.schedule as Props | undefined) ?? {};
  const status = (job.status as Props | undefined) ?? {};
  const quarantine = status.quarantine as Props | null | undefined;
  const lastExecution = status.lastExecution as Props | null | undefined;
  const out: Props = { jobId: job.id, scheduleState: schedule.state, statusCode: status.code };
  if (quarantine?.reason) out.quarantineReason = quarantine.reason;
  const lastExecutionTime = graphTime(lastExecution?.timeEnded);
  if (lastExecutionTime) out.lastExecutionTime = lastExecutionTime;
  return out;
}

async function control(
  session: GraphSession,
  sp: string,
  jobId: string,
  action: "start" | "pause",
  justCreated = false,
) {
  await session.call({
    operation: `${action} synchronization job ${jobId}`,
    method: "POST",
    path: `${jobsPath(sp)}/${encodeURIComponent(jobId)}/${action}`,
    consistencyStatuses: justCreated ? [404] : undefined,
  });
}

async function restart(session: GraphSession, sp: string, jobId: string, scope: readonly string[]) {
  await session.call({
    operation: `restart synchronization job ${jobId} (${scope.join(", ")})`,
    method: "POST",
    path: `${jobsPath(sp)}/${encodeURIComponent(jobId)}/restart`,
    body: { criteria: { resetScope: scope.join(", ") } },
  });
}

/** Creates the Azure2Azure job, or adopts the one an interrupted create left (never two). */
async function createOrAdopt(
  session: GraphSession,
  sp: string,
): Promise<{ job: Props; created: boolean }> {
  try {
    const job = await session.call<Props>({
      operation: `create the ${CTS_JOB_TEMPLATE_ID} synchronization job`,
      method: "POST",
      path: jobsPath(sp),
      body: { templateId: CTS_JOB_TEMPLATE_ID },
      consistencyStatuses: SYNC_CONSISTENCY_STATUSES.filter((status) => status !== 409),
    });
    return { job, created: true };
  } catch (error) {
    if (!isGraphRequestError(error) || error.statusCode !== 409) throw error;
    const jobs = await session.call<{ value: Props[] }>({
      operation: "list synchronization jobs",
      method: "GET",
      path: jobsPath(sp),
    });
    const existing = jobs.value.find((job) => job.templateId === CTS_JOB_TEMPLATE_ID);
    if (!existing) throw error;
    return { job: existing, created: false };
  }
}

export const syncJob: ResourceImplementation = {
  async check(_olds, news) {
    const checked = checkWith(RESOURCE, inputsSchema, news, undefined, [
      "tenantId",
      "servicePrincipalId",
    ]);
    return { ...checked, inputs: { enabled: true, ...checked.inputs } };
  },

  async diff(_id, olds, news) {
    const result = diffProperties(olds, news, {
      replaceOn: ["tenantId", "servicePrincipalId"],
      ignore: ["restartScope", ...STATUS_KEYS],
    });
    return result;
  },

  async create(raw) {
    const props: Props = { enabled: true, ...userProps(raw) };
    const tenantId = props.tenantId as string;
    const sp = props.servicePrincipalId as string;
    const session = sessionFor(tenantId);
    const { job, created } = await createOrAdopt(session, sp);
    const jobId = job.id as string;
    let status = statusOf(job);
    const running = status.scheduleState === "Active";
    if (props.enabled && !running) {
      // Leave no job behind that the program does not know about; an adopted job stays.
      const made = created
        ? {
            what: `synchronization job ${jobId}`,
            path: `${jobsPath(sp)}/${encodeURIComponent(jobId)}`,
          }
        : undefined;
      // A job adopted after a 409 was made moments ago by the create that failed, so it lags
      // like a new one: its start waits out 404 the same way (decisions/0082).
      await orRollBack(session, made, () => control(session, sp, jobId, "start", true));
      // The documented state right after start; refresh reads the real one later.
      status = { ...status, scheduleState: "Active", statusCode: "NotRun" };
    } else if (!props.enabled && running) {
      await control(session, sp, jobId, "pause");
      status = { ...status, scheduleState: "Paused", statusCode: "Paused" };
    }
    return {
      id: formatId({ tenantId, servicePrincipalId: sp, jobId }),
      outs: { ...props, ...status },
    };
  },

  async read(id, raw) {
    const declared = userProps(raw);
    const parsed = parseId(RESOURCE, id, ["tenantId", "servicePrincipalId", "jobId"]);
    const job = await sessionFor(parsed.tenantId).call<Props | undefined>({
      operation: `read synchronization job ${parsed.jobId}`,
      method: "GET",
      path: `${jobsPath(parsed.servicePrincipalId!)}/${encodeURIComponent(parsed.jobId!)}`,
      notFoundIsEmpty: true,
    });
    if (!job) return { id: "", props: {} };
    const status = statusOf(job);
    const inputs: Props = {
      ...Object.fromEntries(Object.entries(declared).filter(([key]) => !STATUS_KEYS.includes(key))),
      tenantId: parsed.tenantId,
      servicePrincipalId: parsed.servicePrincipalId,
      enabled: status.scheduleState === "Active",
    };
    return { id, props: { ...inputs, ...status }, inputs };
  },

  async update(_id, rawOlds, rawNews) {
    const olds = userProps(rawOlds);
    const news: Props = { enabled: true, ...userProps(rawNews) };
    const session = sessionFor(news.tenantId as string);
    const sp = news.servicePrincipalId as string;
    const jobId = olds.jobId as string;
    let status: Props = Object.fromEntries(STATUS_KEYS.map((key) => [key, olds[key]]));
    const triggered =
      news.restartTrigger !== undefined && news.restartTrigger !== olds.restartTrigger;
    if (triggered) {
      await restart(
        session,
        sp,
        jobId,
        (news.restartScope as string[] | undefined) ?? DEFAULT_RESTART_SCOPE,
      );
      status = {
        ...status,
        scheduleState: "Active",
        statusCode: "NotRun",
        quarantineReason: undefined,
      };
    }
    const running = status.scheduleState === "Active";
    if (news.enabled && !running) {
      await control(session, sp, jobId, "start");
      status = {
        ...status,
        scheduleState: "Active",
        statusCode: "NotRun",
        quarantineReason: undefined,
      };
    } else if (!news.enabled && running) {
      await control(session, sp, jobId, "pause");
      status = { ...status, scheduleState: "Paused", statusCode: "Paused" };
    }
    return { outs: { ...news, ...status } };
  },

  async delete(id) {
    const parsed = parseId(RESOURCE, id, ["tenantId", "servicePrincipalId", "jobId"]);
    await deleteSettled(sessionFor(parsed.tenantId), {
      operation: `delete synchronization job ${parsed.jobId}`,
      path: `${jobsPath(parsed.servicePrincipalId!)}/${encodeURIComponent(parsed.jobId!)}`,
    });
  },
};
