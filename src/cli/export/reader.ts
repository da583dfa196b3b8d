import type { GraphCall, GraphSession } from "../../graph/client";
import { isGraphRequestError } from "../../graph/errors";
import { CTS_JOB_TEMPLATE_ID, CTS_TEMPLATE_ID } from "../../provider/ctsTemplate";
import { Pool } from "./pool";
import type { ConfigurationSnapshot, GraphObject, LeftOut, TenantSnapshot } from "./snapshot";

const PARTNERS = "/policies/crossTenantAccessPolicy/partners";

/** Reports progress: one call per finished Graph read. */
export type ReadProgress = (tenantId: string, done: string) => void;

/** Every page of a collection: follows `@odata.nextLink` through the same session. */
async function listAll(session: GraphSession, call: GraphCall): Promise<GraphObject[]> {
  const items: GraphObject[] = [];
  let next: GraphCall | undefined = call;
  while (next) {
    const page: { value?: GraphObject[]; "@odata.nextLink"?: string } = await session.call(next);
    items.push(...(page.value ?? []));
    const link = page["@odata.nextLink"];
    next = link ? followLink(call, link) : undefined;
  }
  return items;
}

function followLink(call: GraphCall, link: string): GraphCall {
  const url = new URL(link);
  const path = url.pathname.replace(/^\/(v1\.0|beta)(?=\/)/, "");
  return { ...call, path, query: Object.fromEntries(url.searchParams) };
}

/** Why a read failed, in one line: Graph's error names the permission that fixes it. */
function reasonOf(error: unknown): string {
  if (isGraphRequestError(error)) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Reads everything the package manages in one tenant, `concurrency` requests at a time. A read
 * that fails leaves that object (or that part of the tenant) out and says why; the rest goes on.
 */
export async function readTenant(
  session: GraphSession,
  label: string,
  concurrency: number,
  leftOut: LeftOut[],
  progress: ReadProgress = () => undefined,
): Promise<TenantSnapshot> {
  const tenantId = session.tenantId;
  const pool = new Pool(concurrency);
  const snapshot: TenantSnapshot = { tenantId, label, partners: [], configurations: [] };
  const read = async <T>(what: string, task: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await pool.run(task);
    } catch (error) {
      leftOut.push({ tenantId, what, reason: reasonOf(error) });
      return undefined;
    } finally {
      progress(tenantId, what);
    }
  };

  // Three lists, in parallel: partners, and the applications and service principals made from
  // the CTS template (one list of each rather than a look-up per configuration).
  const [partners, applications, servicePrincipals] = await Promise.all([
    read("partner configurations", () =>
      listAll(session, {
        operation: "list the partner configurations",
        method: "GET",
        path: PARTNERS,
        // beta: groupSyncInbound is a beta property of the identity-sync policy.
        version: "beta",
        query: { $expand: "identitySynchronization" },
      }),
    ),
    read("cross-tenant synchronization configurations", () =>
      listAll(session, {
        operation: "list the cross-tenant synchronization configurations",
        method: "GET",
        path: "/applications",
        query: { $filter: `applicationTemplateId eq '${CTS_TEMPLATE_ID}'` },
      }),
    ),
    read("service principals of the configurations", () =>
      listAll(session, {
        operation: "list the service principals of the cross-tenant synchronization configurations",
        method: "GET",
        path: "/servicePrincipals",
        query: { $filter: `applicationTemplateId eq '${CTS_TEMPLATE_ID}'` },
      }),
    ),
  ]);
  const byAppId = new Map((servicePrincipals ?? []).map((sp) => [String(sp.appId), sp]));
  snapshot.partners = (partners ?? []).map((partner) => ({ partner }));

  const configurations = await Promise.all(
    (applications ?? []).map((application) =>
      readConfiguration(session, application, byAppId.get(String(application.appId)), read),
    ),
  );
  snapshot.configurations = configurations.filter(
    (c): c is ConfigurationSnapshot => c !== undefined,
  );
  // The defaults mappings are compared with: the template's schema as Graph serves it to this
  // tenant (one read), rather than a copy of it that could age.
  const withJob = snapshot.configurations.find((c) => c.schemas.size > 0);
  if (withJob) {
    const sp = String(withJob.servicePrincipal.id);
    snapshot.templateSchema = await read(`the ${CTS_JOB_TEMPLATE_ID} template schema`, () =>
      session.call<GraphObject>({
        operation: `read the ${CTS_JOB_TEMPLATE_ID} template schema`,
        method: "GET",
        path: `/servicePrincipals/${sp}/synchronization/templates/${CTS_JOB_TEMPLATE_ID}/schema`,
      }),
    );
  }
  return snapshot;
}

async function readConfiguration(
  session: GraphSession,
  application: GraphObject,
  listed: GraphObject | undefined,
  read: <T>(what: string, task: () => Promise<T>) => Promise<T | undefined>,
): Promise<ConfigurationSnapshot | undefined> {
  const name = `configuration '${String(application.displayName)}'`;
  // Listed with the others, unless it was created after that list (or the list failed).
  const servicePrincipal =
    listed ??
    (
      await read(`${name}: its service principal`, () =>
        listAll(session, {
          operation: `read the service principal of ${name}`,
          method: "GET",
          path: "/servicePrincipals",
          query: { $filter: `appId eq '${String(application.appId)}'` },
        }),
      )
    )?.[0];
  if (!servicePrincipal) return undefined;
  const sp = String(servicePrincipal.id);
  const base = `/servicePrincipals/${sp}`;
  const [secrets, jobs, assignments] = await Promise.all([
    read(`${name}: its synchronization settings`, () =>
      session
        .call<{ value: Array<{ key: string; value: string }> }>({
          operation: `read the synchronization settings of ${name}`,
          method: "GET",
          path: `${base}/synchronization/secrets`,
        })
        .then((answer) => answer.value ?? []),
    ),
    read(`${name}: its synchronization jobs`, () =>
      listAll(session, {
        operation: `list the synchronization jobs of ${name}`,
        method: "GET",
        path: `${base}/synchronization/jobs`,
      }),
    ),
    read(`${name}: its assignments`, () =>
      listAll(session, {
        operation: `list the assignments of ${name}`,
        method: "GET",
        path: `${base}/appRoleAssignedTo`,
      }),
    ),
  ]);
  if (!secrets) return undefined;
  const schemas = new Map<string, GraphObject>();
  await Promise.all(
    (jobs ?? [])
      .filter((job) => job.templateId === CTS_JOB_TEMPLATE_ID)
      .map(async (job) => {
        const jobId = String(job.id);
        const schema = await read(`${name}: the attribute mappings of job ${jobId}`, () =>
          session.call<GraphObject>({
            operation: `read the synchronization schema of job ${jobId} of ${name}`,
            method: "GET",
            path: `${base}/synchronization/jobs/${encodeURIComponent(jobId)}/schema`,
          }),
        );
        if (schema) schemas.set(jobId, schema);
      }),
  );
  return {
    application,
    servicePrincipal,
    secrets,
    jobs: jobs ?? [],
    schemas,
    assignments: assignments ?? [],
  };
}
