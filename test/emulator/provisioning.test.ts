/**
 * Provisioning cycles, provisionOnDemand and the preview over the default world (Contoso -> Fabrikam), set up the way a user does it:
 * partner policies on both sides, a configuration from the CTS template, a job, saved secrets, an
 * assignment, start; then cycles run and the target tenant, the job status and the provisioning
 * logs are read back through Graph. Driven in-process through the dispatcher.
 */
import { createTestWorld, type TestWorld } from "./helpers/world";
import {
  ADELE_SOURCE_NET_ID,
  CONTOSO_GROUPS,
  CONTOSO_USERS,
  DEFAULT_SOURCE_TENANT_ID as SOURCE,
  DEFAULT_TARGET_TENANT_ID as TARGET,
  FABRIKAM_USERS,
  defaultWorld,
} from "../../src/emulator/fixtures/defaultWorld";
import { USER_INBOUND_USER_RULE_ID } from "../../src/emulator/fixtures/azure2azureSchema";
import { previewProvisioning, runCycle, type CycleReport } from "../../src/emulator/provisioning";
import type { DispatchResult } from "../../src/emulator/http/dispatch";
import type { UserRecord } from "../../src/emulator/world/types";

/* eslint-disable @typescript-eslint/no-explicit-any -- Graph resources are free-form JSON */
type Json = Record<string, any>;

const CTS_TEMPLATE_ID = "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7";
const PILOT = [
  CONTOSO_USERS.adele,
  CONTOSO_USERS.alex,
  CONTOSO_USERS.megan,
  CONTOSO_USERS.nestor,
  CONTOSO_USERS.lee,
];

interface Pair {
  t: TestWorld;
  spId: string;
  jobId: string;
  appRoleId: string;
}

function expectStatus(res: DispatchResult, status: number): Json {
  if (res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return (res.body ?? {}) as Json;
}

/** The test world's dispatcher over the default Contoso/Fabrikam world. */
function defaultTestWorld(): TestWorld {
  const t = createTestWorld();
  t.world.tenants.splice(0, t.world.tenants.length, ...defaultWorld().tenants);
  return t;
}

async function allowSyncBetweenTenants(t: TestWorld): Promise<void> {
  const partners = "/policies/crossTenantAccessPolicy/partners";
  expectStatus(await t.call(TARGET, "POST", partners, { tenantId: SOURCE }), 201);
  expectStatus(
    await t.call(TARGET, "PUT", `${partners}/${SOURCE}/identitySynchronization`, {
      userSyncInbound: { isSyncAllowed: true },
    }),
    204,
  );
  expectStatus(
    await t.call(TARGET, "PATCH", `${partners}/${SOURCE}`, {
      automaticUserConsentSettings: { inboundAllowed: true },
    }),
    204,
  );
  expectStatus(await t.call(SOURCE, "POST", partners, { tenantId: TARGET }), 201);
  expectStatus(
    await t.call(SOURCE, "PATCH", `${partners}/${TARGET}`, {
      automaticUserConsentSettings: { outboundAllowed: true },
    }),
    204,
  );
}

interface PairOptions {
  /** Principals assigned to the configuration (default: the CTS Pilot group). */
  assign?: string[];
  /** Extra secrets, e.g. SyncNotificationSettings. */
  secrets?: Array<{ key: string; value: string }>;
  /** Save CompanyId/AuthenticationType (default true). */
  credentials?: boolean;
  start?: boolean;
}

async function setUpPair(t: TestWorld, options: PairOptions = {}): Promise<Pair> {
  await allowSyncBetweenTenants(t);
  const created = expectStatus(
    await t.call(SOURCE, "POST", `/applicationTemplates/${CTS_TEMPLATE_ID}/instantiate`, {
      displayName: "Fabrikam",
    }),
    201,
  );
  const sp = created.servicePrincipal;
  const sync = `/servicePrincipals/${sp.id}/synchronization`;
  const job = expectStatus(
    await t.call(SOURCE, "POST", `${sync}/jobs`, { templateId: "Azure2Azure" }),
    201,
  );
  const credentials =
    options.credentials === false
      ? []
      : [
          { key: "AuthenticationType", value: "SyncPolicy" },
          { key: "CompanyId", value: TARGET },
        ];
  expectStatus(
    await t.call(SOURCE, "PUT", `${sync}/secrets`, {
      value: [...credentials, { key: "SyncAll", value: "false" }, ...(options.secrets ?? [])],
    }),
    204,
  );
  const pair: Pair = { t, spId: sp.id, jobId: job.id, appRoleId: sp.appRoles[0].id };
  for (const principalId of options.assign ?? [CONTOSO_GROUPS.pilot]) {
    await assign(pair, principalId);
  }
  if (options.start !== false) {
    expectStatus(await t.call(SOURCE, "POST", `${sync}/jobs/${job.id}/start`), 204);
  }
  return pair;
}

async function assign(pair: Pair, principalId: string): Promise<string> {
  const assignment = expectStatus(
    await pair.t.call(SOURCE, "POST", `/servicePrincipals/${pair.spId}/appRoleAssignedTo`, {
      principalId,
      resourceId: pair.spId,
      appRoleId: pair.appRoleId,
    }),
    201,
  );
  return assignment.id;
}

const cycle = (pair: Pair): CycleReport =>
  runCycle(
    pair.t.world,
    { tenantId: SOURCE, servicePrincipalId: pair.spId, jobId: pair.jobId },
    { now: () => pair.t.clock.now },
  );

const jobPath = (pair: Pair, suffix = "") =>
  `/servicePrincipals/${pair.spId}/synchronization/jobs/${pair.jobId}${suffix}`;

async function getJob(pair: Pair): Promise<Json> {
  return expectStatus(await pair.t.call(SOURCE, "GET", jobPath(pair)), 200);
}

async function getSchema(pair: Pair): Promise<Json> {
  const { "@odata.context": _context, ...schema } = expectStatus(
    await pair.t.call(SOURCE, "GET", jobPath(pair, "/schema")),
    200,
  );
  return schema;
}

/** GETs the schema, lets `edit` change the user mapping, PUTs it back. */
async function editUserMapping(pair: Pair, edit: (mapping: Json) => void): Promise<void> {
  const schema = await getSchema(pair);
  edit(schema.synchronizationRules[0].objectMappings[0]);
  expectStatus(await pair.t.call(SOURCE, "PUT", jobPath(pair, "/schema"), schema), 204);
}

function attributeMapping(objectMapping: Json, target: string): Json {
  return objectMapping.attributeMappings.find((m: Json) => m.targetAttributeName === target);
}

async function provisioningLogs(pair: Pair, filter?: string): Promise<Json[]> {
  const query = new URLSearchParams({ $top: "1000" });
  if (filter) query.set("$filter", filter);
  return expectStatus(await pair.t.call(SOURCE, "GET", `/auditLogs/provisioning?${query}`), 200)
    .value;
}

/** Active target users that CTS matches to a source netId. */
function targetUsersFor(t: TestWorld, netId: string): UserRecord[] {
  return t
    .tenant(TARGET)
    .users.filter(
      (user) =>
        !user.deletedDateTime && user.alternativeSecurityIds?.some((id) => id.key === netId),
    );
}

function sourceUser(t: TestWorld, id: string): UserRecord {
  return t.tenant(SOURCE).users.find((user) => user.id === id) as UserRecord;
}

/** The one active target user synchronized from source user `id`. */
function syncedUser(t: TestWorld, id: string): UserRecord {
  const matches = targetUsersFor(t, sourceUser(t, id).netId as string);
  expect(matches).toHaveLength(1);
  return matches[0];
}

async function getTargetUser(t: TestWorld, id: string): Promise<DispatchResult> {
  return t.call(TARGET, "GET", `/beta/users/${id}`);
}

let t: TestWorld;

beforeEach(() => {
  t = defaultTestWorld();
});

describe("a pilot group", () => {
  it("creates the group's members in the target as B2B members with the mapped attributes", async () => {
    const pair = await setUpPair(t);
    const before = t.tenant(TARGET).users.length;

    const report = cycle(pair);

    expect(report.outcome).toBe("Succeeded");
    // Alex, Megan, Nestor and Lee are new; Adele already exists as a guest and is taken over.
    expect(report.changes).toMatchObject({ created: 4, updated: 1, failed: 0, deleted: 0 });
    expect(t.tenant(TARGET).users).toHaveLength(before + 4);
    const alex = syncedUser(t, CONTOSO_USERS.alex);
    const res = await getTargetUser(t, alex.id);
    const view = expectStatus(res, 200);
    expect(view).toMatchObject({
      displayName: "Alex Wilber",
      userPrincipalName: "alexw_contoso.onmicrosoft.com#EXT#@fabrikam.onmicrosoft.com",
      mail: "alexw@contoso.onmicrosoft.com",
      userType: "Member",
      accountEnabled: true,
      department: "Marketing",
      jobTitle: "Marketing Assistant",
      companyName: "Contoso",
      // The engine's mobile / telephoneNumber land on Graph's mobilePhone / businessPhones.
      mobilePhone: sourceUser(t, CONTOSO_USERS.alex).mobilePhone,
      businessPhones: sourceUser(t, CONTOSO_USERS.alex).businessPhones,
      showInAddressList: true,
      creationType: "Invitation",
    });
  });

  it("resolves the manager only to users the job provisions", async () => {
    const pair = await setUpPair(t);
    cycle(pair);
    const alex = syncedUser(t, CONTOSO_USERS.alex);
    const megan = syncedUser(t, CONTOSO_USERS.megan);
    // Alex's manager Megan is in the pilot; Megan's manager Patti is not.
    expect(alex.managerId).toBe(megan.id);
    expect(megan.managerId ?? null).toBeNull();
  });

  it("turns the job Active with execution counts, steady state and entry counts", async () => {
    const pair = await setUpPair(t);
    expect((await getJob(pair)).status.code).toBe("NotRun");
    t.clock.now = Date.parse("2026-01-15T10:05:00Z");
    const report = cycle(pair);

    const { status } = await getJob(pair);
    expect(status.code).toBe("Active");
    expect(status.quarantine).toBeNull();
    expect(status.lastExecution).toMatchObject({
      activityIdentifier: report.cycleId,
      state: "Succeeded",
      countExported: 5,
      countEscrowed: 0,
      // Five users and the assigned group (skipped: the group mapping is disabled).
      countEntitled: 6,
      countEntitledForProvisioning: 5,
      timeBegan: "2026-01-15T10:05:00.000Z",
      error: { code: "None" },
    });
    expect(status.lastSuccessfulExecution.activityIdentifier).toBe(report.cycleId);
    expect(status.lastSuccessfulExecutionWithExports.activityIdentifier).toBe(report.cycleId);
    expect(status.steadyStateFirstAchievedTime).toBe("2026-01-15T10:05:00.000Z");
    expect(status.synchronizedEntryCountByType).toEqual([{ key: "user to User", value: 5 }]);
  });

  it("writes one provisioning log entry per export, readable at /auditLogs/provisioning", async () => {
    const pair = await setUpPair(t);
    const report = cycle(pair);

    const logs = await provisioningLogs(
      pair,
      `jobId eq '${pair.jobId}' and provisioningStatusInfo/status eq 'success'`,
    );
    expect(logs).toHaveLength(5);
    expect(logs.filter((e) => e.provisioningAction === "create")).toHaveLength(4);
    const created = logs.find((e) => e.sourceIdentity.id === CONTOSO_USERS.alex);
    expect(created).toMatchObject({
      jobId: pair.jobId,
      cycleId: report.cycleId,
      provisioningAction: "create",
      servicePrincipal: { id: pair.spId, displayName: "Fabrikam" },
      sourceIdentity: { displayName: "Alex Wilber", identityType: "User" },
      targetIdentity: { id: syncedUser(t, CONTOSO_USERS.alex).id, identityType: "User" },
      provisioningStatusInfo: { status: "success", errorInformation: null },
    });
    expect(created?.provisioningSteps.map((s: Json) => s.provisioningStepType)).toEqual([
      "import",
      "scoping",
      "matching",
      "processing",
      "export",
    ]);
    expect(created?.modifiedProperties).toEqual(
      expect.arrayContaining([
        { displayName: "department", oldValue: null, newValue: "Marketing" },
      ]),
    );
  });

  it("changes nothing and logs nothing on a second cycle without source changes", async () => {
    const pair = await setUpPair(t);
    cycle(pair);
    const logged = t.tenant(SOURCE).provisioningLogs.length;
    const users = JSON.stringify(t.tenant(TARGET).users);

    const second = cycle(pair);

    expect(second.outcome).toBe("Succeeded");
    expect(second.changes).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    expect(t.tenant(SOURCE).provisioningLogs).toHaveLength(logged);
    expect(JSON.stringify(t.tenant(TARGET).users)).toBe(users);
  });

  it("does not reach members of a nested group", async () => {
    // All Staff holds the non-engineering users directly and the group Engineering as a member.
    const pair = await setUpPair(t, { assign: [CONTOSO_GROUPS.allStaff] });
    cycle(pair);
    expect(targetUsersFor(t, sourceUser(t, CONTOSO_USERS.debra).netId as string)).toHaveLength(1);
    expect(targetUsersFor(t, sourceUser(t, CONTOSO_USERS.johanna).netId as string)).toHaveLength(0);
  });
});

describe("what the service skips", () => {
  it("skips the source's guests and users without a netId, and logs each skip once", async () => {
    const pair = await setUpPair(t, {
      assign: [CONTOSO_USERS.guest, CONTOSO_USERS.pradeep, CONTOSO_USERS.rosa],
    });
    const report = cycle(pair);

    expect(report.changes).toMatchObject({ created: 1, skipped: 2 });
    expect(targetUsersFor(t, "1003DB22790E1359")).toHaveLength(0);
    const logs = await provisioningLogs(pair, "provisioningStatusInfo/status eq 'skipped'");
    const bySource = Object.fromEntries(logs.map((e) => [e.sourceIdentity.id, e]));
    expect(bySource[CONTOSO_USERS.guest].provisioningStatusInfo.errorInformation.errorCode).toBe(
      "NotInScope",
    );
    expect(
      bySource[CONTOSO_USERS.guest].provisioningSteps.find(
        (s: Json) => s.provisioningStepType === "scoping",
      ).details["Filter external users.alternativeSecurityIds EQUALS 'None'"],
    ).toBe("False");
    expect(bySource[CONTOSO_USERS.pradeep].provisioningStatusInfo.errorInformation.errorCode).toBe(
      "MatchingAttributeNone",
    );

    const skips = () => provisioningLogs(pair, "provisioningStatusInfo/status eq 'skipped'");
    cycle(pair);
    expect(await skips()).toHaveLength(2);
    // A restart (Watermark) re-evaluates everyone: the skips are reported again.
    await t.call(SOURCE, "POST", jobPath(pair, "/restart"));
    cycle(pair);
    expect(await skips()).toHaveLength(4);
  });

  it("provisions only users passing the scoping filter", async () => {
    const pair = await setUpPair(t);
    await editUserMapping(pair, (mapping) => {
      mapping.scope.groups = [
        {
          name: "Marketing only",
          clauses: [
            {
              operatorName: "EQUALS",
              sourceOperandName: "department",
              targetOperand: { values: ["Marketing"] },
            },
          ],
        },
      ];
    });
    const report = cycle(pair);
    expect(report.changes.created).toBe(2);
    expect(targetUsersFor(t, sourceUser(t, CONTOSO_USERS.alex).netId as string)).toHaveLength(1);
    expect(targetUsersFor(t, sourceUser(t, CONTOSO_USERS.lee).netId as string)).toHaveLength(0);
  });
});

describe("changes in the source", () => {
  it("creates a user added to the assigned group on the next cycle", async () => {
    const pair = await setUpPair(t);
    cycle(pair);
    expect(targetUsersFor(t, sourceUser(t, CONTOSO_USERS.debra).netId as string)).toHaveLength(0);

    expectStatus(
      await t.call(SOURCE, "POST", `/groups/${CONTOSO_GROUPS.pilot}/members/$ref`, {
        "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${CONTOSO_USERS.debra}`,
      }),
      204,
    );
    const report = cycle(pair);

    expect(report.changes).toMatchObject({ created: 1, updated: 0 });
    const debra = syncedUser(t, CONTOSO_USERS.debra);
    expect(debra).toMatchObject({ displayName: "Debra Berger", userType: "Member" });
    const logs = await provisioningLogs(pair, `cycleId eq '${report.cycleId}'`);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      provisioningAction: "create",
      sourceIdentity: { id: CONTOSO_USERS.debra },
    });
  });

  it("soft-deletes in the target a user who left the group", async () => {
    const pair = await setUpPair(t);
    cycle(pair);
    const alex = syncedUser(t, CONTOSO_USERS.alex);
    t.clock.now += 60_000;

    expectStatus(
      await t.call(
        SOURCE,
        "DELETE",
        `/groups/${CONTOSO_GROUPS.pilot}/members/${CONTOSO_USERS.alex}/$ref`,
      ),
      204,
    );
    const report = cycle(pair);

    expect(report.changes).toMatchObject({ deleted: 1, created: 0 });
    expect((await getTargetUser(t, alex.id)).status).toBe(404);
    const record = t.tenant(TARGET).users.find((user) => user.id === alex.id);
    expect(record?.deletedDateTime).toBe(new Date(t.clock.now).toISOString());
    const [entry] = await provisioningLogs(pair, `cycleId eq '${report.cycleId}'`);
    expect(entry).toMatchObject({
      provisioningAction: "delete",
      targetIdentity: { id: alex.id },
      provisioningStatusInfo: { status: "success" },
    });
    expect((await getJob(pair)).status.synchronizedEntryCountByType).toEqual([
      { key: "user to User", value: 4 },
    ]);
  });

  it("keeps a user who left scope when Delete is not among the flow types", async () => {
    const pair = await setUpPair(t);
    await editUserMapping(pair, (mapping) => {
      mapping.flowTypes = "Add, Update";
    });
    cycle(pair);
    const alex = syncedUser(t, CONTOSO_USERS.alex);
    await t.call(
      SOURCE,
      "DELETE",
      `/groups/${CONTOSO_GROUPS.pilot}/members/${CONTOSO_USERS.alex}/$ref`,
    );

    const report = cycle(pair);

    expect(report.changes.deleted).toBe(0);
    expect((await getTargetUser(t, alex.id)).status).toBe(200);
  });

  it("flows a changed attribute on the next cycle", async () => {
    const pair = await setUpPair(t);
    cycle(pair);
    const megan = syncedUser(t, CONTOSO_USERS.megan);

    expectStatus(
      await t.call(SOURCE, "PATCH", `/users/${CONTOSO_USERS.megan}`, {
        jobTitle: "VP Marketing",
        mobilePhone: "+1 425 555 0199",
      }),
      204,
    );
    const report = cycle(pair);

    expect(report.changes).toMatchObject({ updated: 1, unchanged: 4 });
    expect(expectStatus(await getTargetUser(t, megan.id), 200)).toMatchObject({
      jobTitle: "VP Marketing",
      mobilePhone: "+1 425 555 0199",
    });
    const [entry] = await provisioningLogs(pair, `cycleId eq '${report.cycleId}'`);
    expect(entry.provisioningAction).toBe("update");
    expect(entry.modifiedProperties).toEqual(
      expect.arrayContaining([
        { displayName: "jobTitle", oldValue: "Marketing Manager", newValue: "VP Marketing" },
      ]),
    );
  });

  it("applies a mapping set to 'only during object creation' on create only", async () => {
    const pair = await setUpPair(t);
    await editUserMapping(pair, (mapping) => {
      attributeMapping(mapping, "department").flowType = "ObjectAddOnly";
    });
    cycle(pair);
    const megan = syncedUser(t, CONTOSO_USERS.megan);
    expect(megan.department).toBe("Marketing");

    await t.call(SOURCE, "PATCH", `/users/${CONTOSO_USERS.megan}`, {
      department: "Brand",
      jobTitle: "Brand Lead",
    });
    cycle(pair);

    // jobTitle (Always) followed the source; department (ObjectAddOnly) did not.
    expect(syncedUser(t, CONTOSO_USERS.megan)).toMatchObject({
      jobTitle: "Brand Lead",
      department: "Marketing",
    });
  });

  it("updates accountEnabled when a user is disabled in the source (an update, not a deletion)", async () => {
    const pair = await setUpPair(t);
    cycle(pair);
    await t.call(SOURCE, "PATCH", `/users/${CONTOSO_USERS.nestor}`, { accountEnabled: false });
    const report = cycle(pair);
    expect(report.changes).toMatchObject({ updated: 1, deleted: 0 });
    expect(syncedUser(t, CONTOSO_USERS.nestor).accountEnabled).toBe(false);
  });
});

describe("an existing B2B guest in the target", () => {
  it("is matched on alternativeSecurityIds and taken over, not duplicated (userType kept)", async () => {
    const pair = await setUpPair(t);
    const report = cycle(pair);

    const adele = targetUsersFor(t, ADELE_SOURCE_NET_ID);
    expect(adele.map((user) => user.id)).toEqual([FABRIKAM_USERS.adeleGuest]);
    // userType is ObjectAddOnly in the template: an existing guest is not switched to Member.
    expect(adele[0]).toMatchObject({
      userType: "Guest",
      department: "Retail",
      jobTitle: "Retail Manager",
    });
    const [entry] = await provisioningLogs(
      pair,
      `provisioningAction eq 'update' and cycleId eq '${report.cycleId}'`,
    );
    expect(entry.targetIdentity.id).toBe(FABRIKAM_USERS.adeleGuest);
    expect(
      entry.provisioningSteps.find((s: Json) => s.provisioningStepType === "matching").description,
    ).toMatch(/alternativeSecurityIds/);
  });

  it("is converted to a member when the userType mapping applies always", async () => {
    const pair = await setUpPair(t);
    await editUserMapping(pair, (mapping) => {
      attributeMapping(mapping, "userType").flowType = "Always";
    });
    cycle(pair);
    const adele = expectStatus(await getTargetUser(t, FABRIKAM_USERS.adeleGuest), 200);
    expect(adele.userType).toBe("Member");
    expect(targetUsersFor(t, ADELE_SOURCE_NET_ID)).toHaveLength(1);
  });
});

describe("a UPN already taken in the target", () => {
  it("fails that user as an entry-level error and provisions the others", async () => {
    const pair = await setUpPair(t);
    const takenUpn = "alexw_contoso.onmicrosoft.com#EXT#@fabrikam.onmicrosoft.com";
    expectStatus(
      await t.call(TARGET, "PATCH", `/users/${FABRIKAM_USERS.ana}`, {
        userPrincipalName: takenUpn,
      }),
      204,
    );

    const report = cycle(pair);

    expect(report.outcome).toBe("EntryLevelErrors");
    expect(report.changes).toMatchObject({ created: 3, updated: 1, failed: 1 });
    expect(targetUsersFor(t, sourceUser(t, CONTOSO_USERS.alex).netId as string)).toHaveLength(0);
    const { status } = await getJob(pair);
    expect(status.code).toBe("Active");
    expect(status.lastExecution).toMatchObject({
      state: "EntryLevelErrors",
      countEscrowed: 1,
      countExported: 4,
    });
    const [failure] = await provisioningLogs(pair, "provisioningStatusInfo/status eq 'failure'");
    expect(failure).toMatchObject({
      provisioningAction: "create",
      sourceIdentity: { id: CONTOSO_USERS.alex },
      provisioningStatusInfo: { errorInformation: { errorCode: "UserPrincipalNameConflict" } },
    });
    expect(failure.provisioningStatusInfo.errorInformation.reason).toContain(FABRIKAM_USERS.ana);

    // The service retries the entry every cycle; once the name is free it goes through.
    await t.call(TARGET, "PATCH", `/users/${FABRIKAM_USERS.ana}`, {
      userPrincipalName: "ana.bowman@fabrikam.onmicrosoft.com",
    });
    expect(cycle(pair)).toMatchObject({ outcome: "Succeeded", changes: { created: 1 } });
  });
});

describe("the accidental-deletion threshold", () => {
  const threshold = (value: number) => ({
    key: "SyncNotificationSettings",
    value: JSON.stringify({
      Enabled: false,
      DeleteThresholdEnabled: true,
      DeleteThresholdValue: value,
    }),
  });

  it("quarantines with TooManyDeletes and deletes nothing until a ForceDeletes restart", async () => {
    const pair = await setUpPair(t, { assign: [], secrets: [threshold(3)] });
    const assignment = await assign(pair, CONTOSO_GROUPS.sales);
    expect(cycle(pair).changes.created).toBe(8);

    expectStatus(
      await t.call(
        SOURCE,
        "DELETE",
        `/servicePrincipals/${pair.spId}/appRoleAssignedTo/${assignment}`,
      ),
      204,
    );
    const held = cycle(pair);

    expect(held).toMatchObject({ outcome: "Quarantined", changes: { deleted: 0, held: 8 } });
    const quarantined = (await getJob(pair)).status;
    expect(quarantined.code).toBe("Quarantine");
    expect(quarantined.quarantine).toMatchObject({ reason: "TooManyDeletes", seriesCount: 1 });
    expect(quarantined.quarantine.error.code).toBe("TooManyDeletes");
    const debra = syncedUser(t, CONTOSO_USERS.debra);

    // While quarantined, cycles wait: still nothing deleted.
    expect(cycle(pair)).toMatchObject({ outcome: "Quarantined", cycleId: null });
    expect((await getTargetUser(t, debra.id)).status).toBe(200);

    expectStatus(
      await t.call(SOURCE, "POST", jobPath(pair, "/restart"), {
        criteria: { resetScope: "ForceDeletes" },
      }),
      204,
    );
    const released = cycle(pair);

    expect(released).toMatchObject({ outcome: "Succeeded", changes: { deleted: 8 } });
    expect((await getTargetUser(t, debra.id)).status).toBe(404);
    const { status } = await getJob(pair);
    expect(status.code).toBe("Active");
    expect(status.quarantine).toBeNull();
    // ForceDeletes was used up: the next mass deletion is held again.
    await assign(pair, CONTOSO_GROUPS.engineering);
    cycle(pair);
    const engineering = t
      .tenant(SOURCE)
      .appRoleAssignments.find((a) => a.principalId === CONTOSO_GROUPS.engineering);
    await t.call(
      SOURCE,
      "DELETE",
      `/servicePrincipals/${pair.spId}/appRoleAssignedTo/${engineering?.id}`,
    );
    expect(cycle(pair).outcome).toBe("Quarantined");
  });

  it("logs each held deletion as a stagedDelete entry and none as a delete", async () => {
    const pair = await setUpPair(t, { assign: [], secrets: [threshold(3)] });
    const assignment = await assign(pair, CONTOSO_GROUPS.sales);
    cycle(pair);
    const provisioned = (await provisioningLogs(pair, "provisioningAction eq 'create'")).map(
      (entry) => entry.targetIdentity.id,
    );
    expectStatus(
      await t.call(
        SOURCE,
        "DELETE",
        `/servicePrincipals/${pair.spId}/appRoleAssignedTo/${assignment}`,
      ),
      204,
    );
    const held = cycle(pair);
    expect(held.changes.held).toBe(8);

    const cycleLogs = (await provisioningLogs(pair)).filter((e) => e.cycleId === held.cycleId);
    const staged = cycleLogs.filter((entry) => entry.provisioningAction === "stagedDelete");
    expect(staged).toHaveLength(8);
    expect(cycleLogs.filter((entry) => entry.provisioningAction === "delete")).toHaveLength(0);
    // One per held-back user: exactly the users the first cycle created, each once.
    expect(staged.map((entry) => entry.targetIdentity.id).sort()).toEqual([...provisioned].sort());
    for (const entry of staged) {
      expect(entry.targetIdentity.identityType).toBe("User");
      expect(entry.provisioningStatusInfo.status).toBe("skipped");
      expect(entry.provisioningStatusInfo.errorInformation.errorCode).toBe("TooManyDeletes");
      expect(entry.modifiedProperties).toEqual([]);
      const skip = entry.provisioningSteps.find(
        (step: Json) => step.provisioningStepType === "processing",
      );
      expect(skip.details.SkipReason).toBe("TooManyDeletes");
    }
    // The log's filter finds them by the action.
    expect(await provisioningLogs(pair, "provisioningAction eq 'stagedDelete'")).toHaveLength(8);
  });

  it("lets deletions up to the threshold through", async () => {
    const pair = await setUpPair(t, { secrets: [threshold(1)] });
    cycle(pair);
    await t.call(
      SOURCE,
      "DELETE",
      `/groups/${CONTOSO_GROUPS.pilot}/members/${CONTOSO_USERS.alex}/$ref`,
    );
    expect(cycle(pair)).toMatchObject({ outcome: "Succeeded", changes: { deleted: 1 } });
  });

  it("quarantines again after a restart that only lifts the quarantine", async () => {
    const pair = await setUpPair(t, { secrets: [threshold(1)] });
    cycle(pair);
    for (const id of [CONTOSO_USERS.alex, CONTOSO_USERS.megan]) {
      await t.call(SOURCE, "DELETE", `/groups/${CONTOSO_GROUPS.pilot}/members/${id}/$ref`);
    }
    expect(cycle(pair).outcome).toBe("Quarantined");
    await t.call(SOURCE, "POST", jobPath(pair, "/restart"), {
      criteria: { resetScope: "QuarantineState" },
    });
    expect(cycle(pair)).toMatchObject({ outcome: "Quarantined", changes: { deleted: 0, held: 2 } });
  });
});

describe("policies that do not allow the cycle", () => {
  it("quarantines with the documented error when the target turns inbound sync off", async () => {
    const pair = await setUpPair(t);
    cycle(pair);
    expectStatus(
      await t.call(
        TARGET,
        "PATCH",
        `/policies/crossTenantAccessPolicy/partners/${SOURCE}/identitySynchronization`,
        {
          userSyncInbound: { isSyncAllowed: false },
        },
      ),
      204,
    );
    await t.call(SOURCE, "POST", `/groups/${CONTOSO_GROUPS.pilot}/members/$ref`, {
      "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${CONTOSO_USERS.debra}`,
    });

    const report = cycle(pair);

    expect(report.outcome).toBe("Quarantined");
    const { status } = await getJob(pair);
    expect(status.code).toBe("Quarantine");
    expect(status.quarantine).toMatchObject({
      reason: "EncounteredQuarantineException",
      error: {
        code: "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure",
        tenantActionable: true,
      },
    });
    expect(status.quarantine.error.message).toContain(
      "The target tenant has not enabled inbound synchronization with this tenant.",
    );
    expect(status.lastExecution).toMatchObject({
      state: "Failed",
      error: { code: "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure" },
    });
    expect(targetUsersFor(t, sourceUser(t, CONTOSO_USERS.debra).netId as string)).toHaveLength(0);
    // Existing synchronized users are left alone (ED-OVW).
    expect(syncedUser(t, CONTOSO_USERS.alex).deletedDateTime ?? null).toBeNull();

    // A quarantined job keeps being retried; once the target allows sync again it recovers.
    await t.call(
      TARGET,
      "PATCH",
      `/policies/crossTenantAccessPolicy/partners/${SOURCE}/identitySynchronization`,
      {
        userSyncInbound: { isSyncAllowed: true },
      },
    );
    expect(cycle(pair)).toMatchObject({ outcome: "Succeeded", changes: { created: 1 } });
    expect((await getJob(pair)).status).toMatchObject({ code: "Active", quarantine: null });
  });

  it("quarantines with the B2B management policy error when automatic redemption is missing", async () => {
    const pair = await setUpPair(t);
    await t.call(SOURCE, "PATCH", `/policies/crossTenantAccessPolicy/partners/${TARGET}`, {
      automaticUserConsentSettings: { outboundAllowed: false },
    });
    cycle(pair);
    const { quarantine } = (await getJob(pair)).status;
    expect(quarantine.error.code).toBe("AzureDirectoryB2BManagementPolicyCheckFailure");
    expect(quarantine.error.message).toMatch(
      /^Policy permitting auto-redemption of invitations not configured/,
    );
  });

  it("quarantines a job started without saved credentials on its first cycle", async () => {
    const pair = await setUpPair(t, { credentials: false });
    expect(cycle(pair).outcome).toBe("Quarantined");
    const { status } = await getJob(pair);
    expect(status.quarantine.error.code).toBe("CredentialsMissing");
    expect(t.tenant(TARGET).users.filter((u) => u.creationType === "Invitation")).toHaveLength(1);
  });

  it("refuses to run a job that is not started", async () => {
    const pair = await setUpPair(t, { start: false });
    expect(() => cycle(pair)).toThrow(/the job is Disabled\. Start it/);
  });
});

describe("group provisioning", () => {
  async function enableGroups(pair: Pair): Promise<void> {
    const schema = await getSchema(pair);
    schema.synchronizationRules[0].objectMappings[1].enabled = true;
    expectStatus(await pair.t.call(SOURCE, "PUT", jobPath(pair, "/schema"), schema), 204);
    expectStatus(
      await t.call(
        TARGET,
        "PATCH",
        `/beta/policies/crossTenantAccessPolicy/partners/${SOURCE}/identitySynchronization`,
        {
          groupSyncInbound: { isSyncAllowed: true },
        },
      ),
      204,
    );
  }

  it("skips assigned groups while the group mapping is disabled", async () => {
    const pair = await setUpPair(t);
    cycle(pair);
    const [entry] = await provisioningLogs(pair, "provisioningStatusInfo/status eq 'skipped'");
    expect(entry).toMatchObject({
      sourceIdentity: { id: CONTOSO_GROUPS.pilot, identityType: "Group" },
      provisioningStatusInfo: { errorInformation: { errorCode: "EntityTypeNotSupported" } },
    });
  });

  it("creates an assigned security group with its provisioned direct members", async () => {
    const pair = await setUpPair(t, { assign: [CONTOSO_GROUPS.pilot, CONTOSO_GROUPS.marketing] });
    await enableGroups(pair);

    const report = cycle(pair);

    const group = t.tenant(TARGET).groups.find((g) => g.displayName === "CTS Pilot");
    expect(group).toMatchObject({ securityEnabled: true, mailEnabled: false, groupTypes: [] });
    const expected = PILOT.map((id) =>
      id === CONTOSO_USERS.adele ? FABRIKAM_USERS.adeleGuest : syncedUser(t, id).id,
    );
    expect([...(group?.memberIds ?? [])].sort()).toEqual([...expected].sort());
    // The Microsoft 365 group is not synchronized.
    expect(t.tenant(TARGET).groups.some((g) => g.displayName === "Contoso Marketing")).toBe(false);
    const logs = await provisioningLogs(pair, `cycleId eq '${report.cycleId}'`);
    expect(
      logs.find((e) => e.sourceIdentity.id === CONTOSO_GROUPS.marketing)?.provisioningStatusInfo
        .errorInformation.errorCode,
    ).toBe("GroupTypeNotSupported");
    // Members of the Microsoft 365 group are assigned users all the same (Tariq, Valeria).
    expect((await getJob(pair)).status.synchronizedEntryCountByType).toEqual([
      { key: "user to User", value: 7 },
      { key: "group to Group", value: 1 },
    ]);

    // A member who leaves the group leaves the target group too.
    await t.call(
      SOURCE,
      "DELETE",
      `/groups/${CONTOSO_GROUPS.pilot}/members/${CONTOSO_USERS.alex}/$ref`,
    );
    const alex = syncedUser(t, CONTOSO_USERS.alex);
    cycle(pair);
    expect(group?.memberIds).not.toContain(alex.id);
    expect(group?.memberIds).toHaveLength(4);
  });

  it("fails groups when the target does not allow inbound group sync", async () => {
    const pair = await setUpPair(t);
    const schema = await getSchema(pair);
    schema.synchronizationRules[0].objectMappings[1].enabled = true;
    await t.call(SOURCE, "PUT", jobPath(pair, "/schema"), schema);
    const report = cycle(pair);
    expect(report).toMatchObject({
      outcome: "EntryLevelErrors",
      changes: { created: 4, failed: 1 },
    });
  });
});

describe("provisionOnDemand", () => {
  const onDemand = (pair: Pair, objectId: string, objectTypeName = "User", links?: Json) =>
    pair.t.call(SOURCE, "POST", jobPath(pair, "/provisionOnDemand"), {
      parameters: [
        {
          ruleId: USER_INBOUND_USER_RULE_ID,
          subjects: [{ objectId, objectTypeName, ...(links ? { links } : {}) }],
        },
      ],
    });

  const results = (body: Json): Json[] => JSON.parse(body.value);

  it("provisions one assigned user before the job is started, and logs it", async () => {
    const pair = await setUpPair(t, { start: false });

    const body = expectStatus(await onDemand(pair, CONTOSO_USERS.megan), 200);

    expect(body["@odata.context"]).toMatch(
      /\$metadata#microsoft\.graph\.stringKeyStringValuePair$/,
    );
    expect(body.key).toBe(
      "Microsoft.Identity.Health.CPP.Common.DataContracts.SyncFabric.StatusInfo",
    );
    const [result] = results(body);
    expect(result).toMatchObject({
      action: "Create",
      statusInfo: { status: "Success" },
      sourceIdentity: { id: CONTOSO_USERS.megan },
      targetIdentity: { id: syncedUser(t, CONTOSO_USERS.megan).id },
    });
    expect(result.provisioningSteps.map((s: Json) => s.name)).toContain("EntryExportAdd");
    // Only the subject: the rest of the pilot group waits for the cycle.
    expect(targetUsersFor(t, sourceUser(t, CONTOSO_USERS.alex).netId as string)).toHaveLength(0);
    const [entry] = await provisioningLogs(pair, "provisioningAction eq 'create'");
    expect(entry.initiatedBy).toMatchObject({ initiatorType: "application" });
  });

  it("skips a user who is not assigned, with NotEffectivelyEntitled", async () => {
    const pair = await setUpPair(t);
    const [result] = results(expectStatus(await onDemand(pair, CONTOSO_USERS.debra), 200));
    expect(result.statusInfo).toMatchObject({
      status: "Skipped",
      errorCode: "NotEffectivelyEntitled",
    });
    expect(targetUsersFor(t, sourceUser(t, CONTOSO_USERS.debra).netId as string)).toHaveLength(0);
  });

  it("reports RedundantExport for a user already up to date", async () => {
    const pair = await setUpPair(t);
    cycle(pair);
    const [result] = results(expectStatus(await onDemand(pair, CONTOSO_USERS.lee), 200));
    expect(result.statusInfo).toMatchObject({ status: "Skipped", errorCode: "RedundantExport" });
  });

  it("answers the policy failure when the pair's policies do not allow sync", async () => {
    const pair = await setUpPair(t);
    await t.call(
      TARGET,
      "PATCH",
      `/policies/crossTenantAccessPolicy/partners/${SOURCE}/identitySynchronization`,
      {
        userSyncInbound: { isSyncAllowed: false },
      },
    );
    const [result] = results(expectStatus(await onDemand(pair, CONTOSO_USERS.lee), 200));
    expect(result.statusInfo).toMatchObject({
      status: "Failure",
      errorCode: "AzureActiveDirectoryCrossTenantSyncPolicyCheckFailure",
    });
  });

  it("provisions a group with the members named in links", async () => {
    const pair = await setUpPair(t);
    const schema = await getSchema(pair);
    schema.synchronizationRules[0].objectMappings[1].enabled = true;
    await t.call(SOURCE, "PUT", jobPath(pair, "/schema"), schema);
    await t.call(
      TARGET,
      "PATCH",
      `/beta/policies/crossTenantAccessPolicy/partners/${SOURCE}/identitySynchronization`,
      {
        groupSyncInbound: { isSyncAllowed: true },
      },
    );

    const body = expectStatus(
      await onDemand(pair, CONTOSO_GROUPS.pilot, "Group", {
        members: [{ objectId: CONTOSO_USERS.lee, objectTypeName: "User" }],
      }),
      200,
    );

    const [group, member] = results(body);
    expect(group).toMatchObject({ action: "Create", statusInfo: { status: "Success" } });
    expect(member).toMatchObject({ action: "Create", sourceIdentity: { id: CONTOSO_USERS.lee } });
    const created = t.tenant(TARGET).groups.find((g) => g.displayName === "CTS Pilot");
    expect(created?.memberIds).toEqual([syncedUser(t, CONTOSO_USERS.lee).id]);
  });

  it("refuses a rule the schema does not have and an unknown subject", async () => {
    const pair = await setUpPair(t);
    const wrongRule = await t.call(SOURCE, "POST", jobPath(pair, "/provisionOnDemand"), {
      parameters: [
        { ruleId: "nope", subjects: [{ objectId: CONTOSO_USERS.lee, objectTypeName: "User" }] },
      ],
    });
    expect(wrongRule.status).toBe(400);
    expect((wrongRule.body as Json).error.message).toContain(USER_INBOUND_USER_RULE_ID);
    expect((await onDemand(pair, "00000000-0000-4000-8000-00000000abcd")).status).toBe(404);
  });

  it("allows 5 requests per 10 seconds per job and answers the 6th with 429 and Retry-After", async () => {
    const pair = await setUpPair(t);
    const start = t.clock.now;
    for (let i = 0; i < 5; i += 1) {
      t.clock.now = start + i * 1000;
      expect((await onDemand(pair, CONTOSO_USERS.lee)).status).toBe(200);
    }
    t.clock.now = start + 5000;
    const throttled = await onDemand(pair, CONTOSO_USERS.lee);

    expect(throttled.status).toBe(429);
    expect((throttled.body as Json).error.code).toBe("TooManyRequests");
    // The first request leaves the window at start + 10 s: 5 s from now.
    expect(throttled.headers["Retry-After"]).toBe("5");

    t.clock.now = start + 10_001;
    expect((await onDemand(pair, CONTOSO_USERS.lee)).status).toBe(200);
  });
});

describe("previewProvisioning", () => {
  const selector = (pair: Pair) => ({
    tenantId: SOURCE,
    servicePrincipalId: pair.spId,
    jobId: pair.jobId,
  });

  it("returns what the target would contain without changing the world, and the cycle then does it", async () => {
    const pair = await setUpPair(t, { start: false });
    await t.call(TARGET, "PATCH", `/users/${FABRIKAM_USERS.ana}`, {
      userPrincipalName: "leeg_contoso.onmicrosoft.com#EXT#@fabrikam.onmicrosoft.com",
    });
    const before = JSON.stringify(t.world);

    const preview = previewProvisioning(t.world, selector(pair), { now: () => t.clock.now });

    expect(JSON.stringify(t.world)).toBe(before);
    expect(preview.targetTenantId).toBe(TARGET);
    expect(preview.blocked).toBeUndefined();
    expect(preview.create.map((c) => c.sourceDisplayName).sort()).toEqual([
      "Alex Wilber",
      "Megan Bowen",
      "Nestor Wilke",
    ]);
    const alex = preview.create.find((c) => c.sourceId === CONTOSO_USERS.alex);
    expect(alex?.attributes).toMatchObject({
      userPrincipalName: "alexw_contoso.onmicrosoft.com#EXT#@fabrikam.onmicrosoft.com",
      userType: "Member",
      department: "Marketing",
    });
    expect(preview.update).toEqual([
      expect.objectContaining({
        sourceId: CONTOSO_USERS.adele,
        targetId: FABRIKAM_USERS.adeleGuest,
        matchedBy: "alternativeSecurityIds",
        attributes: expect.objectContaining({ userType: "Guest", department: "Retail" }),
      }),
    ]);
    expect(preview.conflicts).toEqual([
      expect.objectContaining({ sourceId: CONTOSO_USERS.lee, code: "UserPrincipalNameConflict" }),
    ]);
    expect(preview.skipped).toEqual([
      expect.objectContaining({ sourceId: CONTOSO_GROUPS.pilot, code: "EntityTypeNotSupported" }),
    ]);

    await t.call(SOURCE, "POST", jobPath(pair, "/start"));
    const report = cycle(pair);

    expect(report.changes).toMatchObject({
      created: preview.create.length,
      updated: preview.update.length,
      failed: preview.conflicts.length,
    });
    const realIds = new Map(preview.create.map((c) => [c.plannedId, syncedUser(t, c.sourceId).id]));
    for (const planned of preview.create) {
      const { managerId, ...attributes } = planned.attributes;
      const created = syncedUser(t, planned.sourceId);
      expect(created).toMatchObject(attributes);
      // References to users the cycle creates use the preview's placeholder ids.
      expect(created.managerId ?? null).toBe(
        managerId === undefined || managerId === null
          ? null
          : (realIds.get(String(managerId)) ?? managerId),
      );
    }
    expect(alex?.attributes.managerId).toBe(
      preview.create.find((c) => c.sourceId === CONTOSO_USERS.megan)?.plannedId,
    );
  });

  it("shows deletions and whether the threshold would hold them", async () => {
    const pair = await setUpPair(t, {
      secrets: [
        {
          key: "SyncNotificationSettings",
          value: JSON.stringify({ DeleteThresholdEnabled: true, DeleteThresholdValue: 1 }),
        },
      ],
    });
    cycle(pair);
    for (const id of [CONTOSO_USERS.alex, CONTOSO_USERS.megan]) {
      await t.call(SOURCE, "DELETE", `/groups/${CONTOSO_GROUPS.pilot}/members/${id}/$ref`);
    }
    const preview = previewProvisioning(t.world, selector(pair));
    expect(preview.delete.map((d) => d.sourceId).sort()).toEqual(
      [CONTOSO_USERS.alex, CONTOSO_USERS.megan].sort(),
    );
    expect(preview.delete.every((d) => d.held)).toBe(true);
    expect(preview.deletionThreshold).toEqual({ threshold: 1, deletions: 2, exceeded: true });
    expect(preview.unchanged).toHaveLength(3);
  });

  it("says why a cycle would not run", async () => {
    const pair = await setUpPair(t, { credentials: false });
    const preview = previewProvisioning(t.world, selector(pair));
    expect(preview.blocked?.code).toBe("CredentialsMissing");
    expect(preview.targetTenantId).toBeNull();
  });

  it("names a configuration that does not exist", () => {
    expect(() =>
      previewProvisioning(t.world, {
        tenantId: SOURCE,
        servicePrincipalId: "00000000-0000-4000-8000-000000000000",
      }),
    ).toThrow(
      /Failed to preview provisioning: service principal '00000000-0000-4000-8000-000000000000' does not exist/,
    );
  });
});
