/**
 * Synchronization templates, jobs (create/list/get/delete), the start/pause/restart state
 * machine, replication lag and permissions, driven in-process through the dispatcher.
 */
import {
  createTestWorld,
  CTS_TEMPLATE_ID,
  SOURCE_TENANT_ID,
  type TestWorld,
} from "./helpers/world";

/* eslint-disable @typescript-eslint/no-explicit-any -- Graph resources are free-form JSON */
type Resource = Record<string, any>;

const JOB_ID =
  /^Azure2Azure\.[0-9a-f]{32}\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Configuration {
  spId: string;
  appId: string;
}

async function instantiate(t: TestWorld, displayName = "Fabrikam"): Promise<Configuration> {
  const res = await t.call(
    SOURCE_TENANT_ID,
    "POST",
    `/applicationTemplates/${CTS_TEMPLATE_ID}/instantiate`,
    {
      displayName,
    },
  );
  expect(res.status).toBe(201);
  const sp = (res.body as { servicePrincipal: { id: string; appId: string } }).servicePrincipal;
  return { spId: sp.id, appId: sp.appId };
}

const sync = (spId: string) => `/servicePrincipals/${spId}/synchronization`;

async function createJob(t: TestWorld, spId: string): Promise<Resource> {
  const res = await t.call(SOURCE_TENANT_ID, "POST", `${sync(spId)}/jobs`, {
    templateId: "Azure2Azure",
  });
  expect(res.status).toBe(201);
  return res.body as Resource;
}

async function getJob(t: TestWorld, spId: string, jobId: string): Promise<Resource> {
  const res = await t.call(SOURCE_TENANT_ID, "GET", `${sync(spId)}/jobs/${jobId}`);
  expect(res.status).toBe(200);
  return res.body as Resource;
}

const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;
const errorMessage = (body: unknown) => (body as { error: { message: string } }).error.message;

let t: TestWorld;
let config: Configuration;

beforeEach(async () => {
  t = createTestWorld();
  config = await instantiate(t);
});

describe("templates", () => {
  it("offers Azure2Azure on a CTS configuration", async () => {
    const res = await t.call(SOURCE_TENANT_ID, "GET", `${sync(config.spId)}/templates`);
    expect(res.status).toBe(200);
    expect((res.body as { value: unknown[] }).value).toEqual([
      expect.objectContaining({
        id: "Azure2Azure",
        factoryTag: "Azure2Azure",
        default: true,
        discoverable: true,
        applicationId: config.appId,
        metadata: [],
      }),
    ]);
  });

  it("offers no template on a service principal not created from the CTS template", async () => {
    t.source.servicePrincipals.push({
      id: "0d0d0d0d-0000-4000-8000-000000000001",
      appId: "0d0d0d0d-0000-4000-8000-000000000002",
      displayName: "Some app",
      appRoles: [],
      appRoleAssignmentRequired: false,
    });
    const res = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      `${sync("0d0d0d0d-0000-4000-8000-000000000001")}/templates`,
    );
    expect(res.status).toBe(200);
    expect((res.body as { value: unknown[] }).value).toEqual([]);
  });

  it("serves the template's default schema with its directories", async () => {
    const res = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      `${sync(config.spId)}/templates/Azure2Azure/schema`,
    );
    expect(res.status).toBe(200);
    const schema = res.body as Resource;
    expect(schema.id).toBe("Azure2Azure");
    expect(schema.version).toBe("v1.2");
    expect(schema.directories.map((d: { name: string }) => d.name)).toEqual([
      "Azure Active Directory",
      "Azure Active Directory (target tenant)",
    ]);
  });

  it("answers 404 for an unknown template", async () => {
    const res = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      `${sync(config.spId)}/templates/BoxOutDelta/schema`,
    );
    expect(res.status).toBe(404);
  });

  it("resolves the service principal by appId='...'", async () => {
    const res = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      `/servicePrincipals(appId='${config.appId}')/synchronization/templates`,
    );
    expect(res.status).toBe(200);
    expect((res.body as { value: Array<{ id: string }> }).value[0].id).toBe("Azure2Azure");
  });

  it("answers 404 Request_ResourceNotFound for a service principal that does not exist", async () => {
    const res = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      `${sync("5e5e5e5e-0000-4000-8000-000000000000")}/templates`,
    );
    expect(res.status).toBe(404);
    expect(errorCode(res.body)).toBe("Request_ResourceNotFound");
  });

  it("answers 404 while the new service principal has not replicated", async () => {
    t.lag.enabled = true;
    const lagging = await instantiate(t, "Lagging");
    const before = await t.call(SOURCE_TENANT_ID, "GET", `${sync(lagging.spId)}/templates`);
    expect(before.status).toBe(404);
    t.lag.replicate();
    const after = await t.call(SOURCE_TENANT_ID, "GET", `${sync(lagging.spId)}/templates`);
    expect(after.status).toBe(200);
  });
});

describe("jobs", () => {
  it("creates a disabled Azure2Azure job in the observed shape", async () => {
    const res = await t.call(SOURCE_TENANT_ID, "POST", `${sync(config.spId)}/jobs`, {
      templateId: "Azure2Azure",
    });
    expect(res.status).toBe(201);
    const job = res.body as Resource;
    expect(job["@odata.context"]).toBe(
      `https://127.0.0.1:8443/v1.0/$metadata#servicePrincipals('${config.spId}')/synchronization/jobs/$entity`,
    );
    expect(job.id).toMatch(JOB_ID);
    expect(job.templateId).toBe("Azure2Azure");
    expect(job.schedule).toEqual({ expiration: null, interval: "PT40M", state: "Disabled" });
    expect(job.status).toEqual({
      countSuccessiveCompleteFailures: 0,
      escrowsPruned: false,
      code: "Paused",
      lastExecution: null,
      lastSuccessfulExecution: null,
      lastSuccessfulExecutionWithExports: null,
      quarantine: null,
      steadyStateFirstAchievedTime: "0001-01-01T00:00:00Z",
      steadyStateLastAchievedTime: "0001-01-01T00:00:00Z",
      troubleshootingUrl: null,
      progress: [],
      synchronizedEntryCountByType: [],
    });
    expect(job.synchronizationJobSettings).toEqual([
      { name: "AzureIngestionAttributeOptimization", value: "False" },
      { name: "LookaheadQueryEnabled", value: "False" },
    ]);
    expect(job).not.toHaveProperty("schema");
  });

  it("gives each job its own copy of the default schema, named after the job", async () => {
    const other = await instantiate(t, "Northwind");
    const first = await createJob(t, config.spId);
    const second = await createJob(t, other.spId);
    const stored = t.source.synchronization[config.spId].jobs[0].schema as { version: string };
    stored.version = "changed";
    const res = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      `${sync(other.spId)}/jobs/${second.id}/schema`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ id: second.id, version: "v1.2" }));
    expect(first.id).not.toBe(second.id);
  });

  it("refuses a template the configuration does not offer", async () => {
    const res = await t.call(SOURCE_TENANT_ID, "POST", `${sync(config.spId)}/jobs`, {
      templateId: "BoxOutDelta",
    });
    expect(res.status).toBe(400);
    expect(errorMessage(res.body)).toContain("'BoxOutDelta'");
    expect(t.source.synchronization[config.spId].jobs).toHaveLength(0);
  });

  it("refuses a create without templateId", async () => {
    const res = await t.call(SOURCE_TENANT_ID, "POST", `${sync(config.spId)}/jobs`, {});
    expect(res.status).toBe(400);
    expect(errorMessage(res.body)).toContain("templateId is required");
  });

  it("refuses a second job for the same template with 409", async () => {
    const first = await createJob(t, config.spId);
    const res = await t.call(SOURCE_TENANT_ID, "POST", `${sync(config.spId)}/jobs`, {
      templateId: "Azure2Azure",
    });
    expect(res.status).toBe(409);
    expect(errorCode(res.body)).toBe("Request_MultipleObjectsWithSameKeyValue");
    expect(errorMessage(res.body)).toContain(first.id);
  });

  it("lists jobs and filters them on templateId", async () => {
    const job = await createJob(t, config.spId);
    const all = await t.call(SOURCE_TENANT_ID, "GET", `${sync(config.spId)}/jobs`);
    expect((all.body as { value: Array<{ id: string }> }).value.map((j) => j.id)).toEqual([job.id]);
    const matching = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      `${sync(config.spId)}/jobs?$filter=templateId eq 'Azure2Azure'`,
    );
    expect((matching.body as { value: unknown[] }).value).toHaveLength(1);
    const other = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      `${sync(config.spId)}/jobs?$filter=templateId eq 'Other'`,
    );
    expect((other.body as { value: unknown[] }).value).toHaveLength(0);
  });

  it("refuses a $filter on a property it cannot filter", async () => {
    const res = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      `${sync(config.spId)}/jobs?$filter=id eq 'x'`,
    );
    expect(res.status).toBe(400);
  });

  it("gets a job by id", async () => {
    const job = await createJob(t, config.spId);
    const got = await getJob(t, config.spId, job.id);
    expect(got.id).toBe(job.id);
    expect(got.schedule.state).toBe("Disabled");
  });

  it("deletes a job: 204, then 404, and a new job can be created", async () => {
    const job = await createJob(t, config.spId);
    const deleted = await t.call(SOURCE_TENANT_ID, "DELETE", `${sync(config.spId)}/jobs/${job.id}`);
    expect(deleted.status).toBe(204);
    const gone = await t.call(SOURCE_TENANT_ID, "GET", `${sync(config.spId)}/jobs/${job.id}`);
    expect(gone.status).toBe(404);
    const again = await createJob(t, config.spId);
    expect(again.id).not.toBe(job.id);
  });

  it("answers 404 for a job that does not exist", async () => {
    const res = await t.call(
      SOURCE_TENANT_ID,
      "DELETE",
      `${sync(config.spId)}/jobs/Azure2Azure.nope`,
    );
    expect(res.status).toBe(404);
    expect(errorCode(res.body)).toBe("Request_ResourceNotFound");
  });

  it("hides a just-created job behind the replication-lag knob", async () => {
    t.lag.enabled = true;
    t.lag.replicate();
    const job = await createJob(t, config.spId);
    const hidden = await t.call(
      SOURCE_TENANT_ID,
      "POST",
      `${sync(config.spId)}/jobs/${job.id}/start`,
    );
    expect(hidden.status).toBe(404);
    t.lag.replicate();
    const visible = await t.call(
      SOURCE_TENANT_ID,
      "POST",
      `${sync(config.spId)}/jobs/${job.id}/start`,
    );
    expect(visible.status).toBe(204);
  });
});

describe("the job state machine", () => {
  let jobId: string;
  const control = (action: string, body?: unknown) =>
    t.call(SOURCE_TENANT_ID, "POST", `${sync(config.spId)}/jobs/${jobId}/${action}`, body);
  const record = () => t.source.synchronization[config.spId].jobs[0];

  beforeEach(async () => {
    jobId = (await createJob(t, config.spId)).id;
  });

  it("start makes the job Active / NotRun with an empty last execution", async () => {
    expect((await control("start")).status).toBe(204);
    const job = await getJob(t, config.spId, jobId);
    expect(job.schedule.state).toBe("Active");
    expect(job.status.code).toBe("NotRun");
    expect(job.status.troubleshootingUrl).toBe("");
    expect(job.status.lastExecution).toEqual(
      expect.objectContaining({
        state: "Failed",
        timeBegan: "0001-01-01T00:00:00Z",
        timeEnded: "0001-01-01T00:00:00Z",
        countExported: 0,
        error: { code: "None", message: "", tenantActionable: false },
      }),
    );
  });

  it("is allowed before any credentials were saved", async () => {
    expect(t.source.synchronization[config.spId].secrets).toEqual({});
    expect((await control("start")).status).toBe(204);
  });

  it("pause makes the job Paused / Paused and start resumes it", async () => {
    await control("start");
    expect((await control("pause")).status).toBe(204);
    let job = await getJob(t, config.spId, jobId);
    expect(job.schedule.state).toBe("Paused");
    expect(job.status.code).toBe("Paused");
    await control("start");
    job = await getJob(t, config.spId, jobId);
    expect(job.schedule.state).toBe("Active");
    expect(job.status.code).toBe("NotRun");
  });

  it("start lifts a quarantine", async () => {
    Object.assign(record().status, {
      code: "Quarantine",
      quarantine: { reason: "EncounteredQuarantineException" },
    });
    record().schedule.state = "Active";
    await control("start");
    const job = await getJob(t, config.spId, jobId);
    expect(job.status.quarantine).toBeNull();
    expect(job.status.code).toBe("NotRun");
  });

  it("start on a running job leaves its status alone", async () => {
    record().schedule.state = "Active";
    record().status.code = "Active";
    await control("start");
    expect((await getJob(t, config.spId, jobId)).status.code).toBe("Active");
  });

  it("restart with QuarantineState lifts the quarantine and reactivates the job", async () => {
    Object.assign(record().status, {
      code: "Quarantine",
      quarantine: { reason: "TooManyDeletes" },
    });
    const res = await control("restart", {
      criteria: { resetScope: "Watermark, Escrows, QuarantineState" },
    });
    expect(res.status).toBe(204);
    const job = await getJob(t, config.spId, jobId);
    expect(job.schedule.state).toBe("Active");
    expect(job.status.code).toBe("NotRun");
    expect(job.status.quarantine).toBeNull();
    expect(record().pendingRestartScope).toBe("Escrows, Watermark, QuarantineState");
  });

  it("restart without QuarantineState keeps the quarantine record", async () => {
    Object.assign(record().status, {
      code: "Quarantine",
      quarantine: { reason: "TooManyDeletes" },
    });
    await control("restart", { criteria: { resetScope: "Watermark" } });
    expect((await getJob(t, config.spId, jobId)).status.quarantine).toEqual({
      reason: "TooManyDeletes",
    });
  });

  it("restart with Full lifts the quarantine", async () => {
    Object.assign(record().status, {
      code: "Quarantine",
      quarantine: { reason: "TooManyDeletes" },
    });
    await control("restart", { criteria: { resetScope: "Full" } });
    expect((await getJob(t, config.spId, jobId)).status.quarantine).toBeNull();
    expect(record().pendingRestartScope).toBe("Full");
  });

  it("restart remembers ForceDeletes for the next provisioning cycle", async () => {
    await control("restart", { criteria: { resetScope: "ForceDeletes" } });
    expect(record().pendingRestartScope).toBe("ForceDeletes");
    await control("restart", { criteria: { resetScope: "QuarantineState" } });
    expect(record().pendingRestartScope).toBe("QuarantineState, ForceDeletes");
  });

  it("restart without criteria behaves like the portal's restart", async () => {
    Object.assign(record().status, {
      code: "Quarantine",
      quarantine: { reason: "TooManyDeletes" },
    });
    expect((await control("restart")).status).toBe(204);
    expect((await getJob(t, config.spId, jobId)).status.quarantine).toBeNull();
    expect(record().pendingRestartScope).toBe("Escrows, Watermark, QuarantineState");
  });

  it("restart refuses an unknown flag and changes nothing", async () => {
    const res = await control("restart", { criteria: { resetScope: "Watermark, Everything" } });
    expect(res.status).toBe(400);
    expect(errorMessage(res.body)).toContain("'Everything'");
    expect(record().schedule.state).toBe("Disabled");
    expect(record().pendingRestartScope).toBeUndefined();
  });

  it("restart refuses flags in the wrong case", async () => {
    const res = await control("restart", { criteria: { resetScope: "watermark" } });
    expect(res.status).toBe(400);
  });
});

describe("permissions", () => {
  const ownedBy = ["Application.ReadWrite.OwnedBy"];

  it("lets Synchronization.Read.All read but not write", async () => {
    const job = await createJob(t, config.spId);
    const read = ["Synchronization.Read.All"];
    t.source.callers[0].roles = read;
    expect(
      (
        await t.call(
          SOURCE_TENANT_ID,
          "GET",
          `${sync(config.spId)}/jobs/${job.id}`,
          undefined,
          read,
        )
      ).status,
    ).toBe(200);
    const start = await t.call(
      SOURCE_TENANT_ID,
      "POST",
      `${sync(config.spId)}/jobs/${job.id}/start`,
      undefined,
      read,
    );
    expect(start.status).toBe(403);
    expect(errorCode(start.body)).toBe("Authorization_RequestDenied");
  });

  it("refuses a caller with no synchronization permission", async () => {
    const roles = ["Policy.Read.All"];
    t.source.callers[0].roles = roles;
    const res = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      `${sync(config.spId)}/jobs`,
      undefined,
      roles,
    );
    expect(res.status).toBe(403);
  });

  it("lets Application.ReadWrite.OwnedBy manage a configuration its app instantiated", async () => {
    t.source.callers[0].roles = ownedBy;
    const res = await t.call(
      SOURCE_TENANT_ID,
      "POST",
      `${sync(config.spId)}/jobs`,
      { templateId: "Azure2Azure" },
      ownedBy,
    );
    expect(res.status).toBe(201);
  });

  it("refuses Application.ReadWrite.OwnedBy on a configuration another app owns", async () => {
    t.source.servicePrincipals[0].ownerIds = ["0e0e0e0e-0000-4000-8000-000000000000"];
    t.source.applications[0].ownerIds = ["0e0e0e0e-0000-4000-8000-000000000000"];
    t.source.callers[0].roles = ownedBy;
    const create = await t.call(
      SOURCE_TENANT_ID,
      "POST",
      `${sync(config.spId)}/jobs`,
      { templateId: "Azure2Azure" },
      ownedBy,
    );
    expect(create.status).toBe(403);
    expect(errorCode(create.body)).toBe("Authorization_RequestDenied");
    const list = await t.call(
      SOURCE_TENANT_ID,
      "GET",
      `${sync(config.spId)}/jobs`,
      undefined,
      ownedBy,
    );
    expect(list.status).toBe(403);
  });

  it("lets Synchronization.ReadWrite.All manage any configuration", async () => {
    t.source.servicePrincipals[0].ownerIds = [];
    t.source.applications[0].ownerIds = [];
    const roles = ["Synchronization.ReadWrite.All"];
    t.source.callers[0].roles = roles;
    const res = await t.call(
      SOURCE_TENANT_ID,
      "POST",
      `${sync(config.spId)}/jobs`,
      { templateId: "Azure2Azure" },
      roles,
    );
    expect(res.status).toBe(201);
  });
});
