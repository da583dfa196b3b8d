/**
 * A configuration in the emulator's default world (Contoso -> Fabrikam) over the Sales and CTS
 * Pilot groups, started and provisioned once, driven in-process; and the plan of a change to it.
 */
import { createTestWorld, type TestWorld } from "../emulator/helpers/world";
import {
  CONTOSO_GROUPS,
  DEFAULT_SOURCE_TENANT_ID as SOURCE,
  DEFAULT_TARGET_TENANT_ID as TARGET,
  defaultWorld,
} from "../../src/emulator/fixtures/defaultWorld";
import { runCycle } from "../../src/emulator/provisioning";
import { TYPE_TOKENS } from "../../src/resources/typeTokens";

/* eslint-disable @typescript-eslint/no-explicit-any -- Graph resources are free-form JSON */
export type Json = Record<string, any>;

const CTS_TEMPLATE_ID = "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7";
export const STACK = "urn:pulumi:dev::cts";

export interface Pair {
  t: TestWorld;
  spId: string;
  jobId: string;
  appRoleId: string;
}

export function ok(res: { status: number; body?: unknown }, status: number): Json {
  if (res.status !== status)
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body ?? {}) as Json;
}

/** Partner policies, a configuration over the CTS Pilot group, a started job, one cycle run. */
export async function provisionedPair(): Promise<Pair> {
  const t = createTestWorld();
  t.world.tenants.splice(0, t.world.tenants.length, ...defaultWorld().tenants);
  const partners = "/policies/crossTenantAccessPolicy/partners";
  ok(await t.call(TARGET, "POST", partners, { tenantId: SOURCE }), 201);
  ok(
    await t.call(TARGET, "PUT", `${partners}/${SOURCE}/identitySynchronization`, {
      userSyncInbound: { isSyncAllowed: true },
    }),
    204,
  );
  ok(
    await t.call(TARGET, "PATCH", `${partners}/${SOURCE}`, {
      automaticUserConsentSettings: { inboundAllowed: true },
    }),
    204,
  );
  ok(await t.call(SOURCE, "POST", partners, { tenantId: TARGET }), 201);
  ok(
    await t.call(SOURCE, "PATCH", `${partners}/${TARGET}`, {
      automaticUserConsentSettings: { outboundAllowed: true },
    }),
    204,
  );
  const sp = ok(
    await t.call(SOURCE, "POST", `/applicationTemplates/${CTS_TEMPLATE_ID}/instantiate`, {
      displayName: "Fabrikam",
    }),
    201,
  ).servicePrincipal;
  const sync = `/servicePrincipals/${sp.id}/synchronization`;
  const job = ok(await t.call(SOURCE, "POST", `${sync}/jobs`, { templateId: "Azure2Azure" }), 201);
  ok(
    await t.call(SOURCE, "PUT", `${sync}/secrets`, {
      value: [
        { key: "AuthenticationType", value: "SyncPolicy" },
        { key: "CompanyId", value: TARGET },
        { key: "SyncAll", value: "false" },
      ],
    }),
    204,
  );
  const pair: Pair = { t, spId: sp.id, jobId: job.id, appRoleId: sp.appRoles[0].id };
  await assign(pair, CONTOSO_GROUPS.sales);
  await assign(pair, CONTOSO_GROUPS.pilot);
  ok(await t.call(SOURCE, "POST", `${sync}/jobs/${job.id}/start`), 204);
  cycle(pair);
  return pair;
}

export async function assign(pair: Pair, principalId: string): Promise<void> {
  ok(
    await pair.t.call(SOURCE, "POST", `/servicePrincipals/${pair.spId}/appRoleAssignedTo`, {
      principalId,
      resourceId: pair.spId,
      appRoleId: pair.appRoleId,
    }),
    201,
  );
}

export const cycle = (pair: Pair) =>
  runCycle(
    pair.t.world,
    { tenantId: SOURCE, servicePrincipalId: pair.spId, jobId: pair.jobId },
    { now: () => pair.t.clock.now },
  );

export const MAPPING_INPUTS = (pair: Pair) => ({
  tenantId: SOURCE,
  servicePrincipalId: pair.spId,
  jobId: pair.jobId,
  objectType: "User",
  mappings: [{ targetAttribute: "jobTitle", expression: 'Join(" / ", [jobTitle], [department])' }],
  scopingFilter: [
    {
      name: "Not Sales",
      clauses: [{ sourceAttribute: "department", operator: "NOT EQUALS", values: ["Sales"] }],
    },
  ],
});

export function step(
  op: string,
  type: string,
  name: string,
  olds?: Json,
  news?: Json,
  outputs?: Json,
): Json {
  const urn = `${STACK}::${type}::${name}`;
  return {
    op,
    urn,
    ...(olds ? { oldState: { urn, type, inputs: olds, outputs: { ...olds, ...outputs } } } : {}),
    ...(news ? { newState: { urn, type, inputs: news, outputs: { ...outputs } } } : {}),
  };
}

export function previewJson(pair: Pair, extra: Json[] = []): string {
  return JSON.stringify({
    steps: [
      step("same", "pulumi:pulumi:Stack", "cts-dev"),
      step("create", TYPE_TOKENS.AttributeMapping, "users", undefined, MAPPING_INPUTS(pair)),
      step("create", TYPE_TOKENS.Assignment, "engineering", undefined, {
        tenantId: SOURCE,
        servicePrincipalId: pair.spId,
        principalId: CONTOSO_GROUPS.engineering,
        principalType: "Group",
      }),
      step(
        "update",
        "azuread:index/group:Group",
        "helpdesk",
        { displayName: "a" },
        { displayName: "b" },
      ),
      ...extra,
    ],
    diagnostics: [],
    changeSummary: { create: 2, update: 1 },
  });
}
