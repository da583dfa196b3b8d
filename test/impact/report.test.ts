/**
 * The impact report against the emulator's default world (Contoso -> Fabrikam): a plan that
 * changes a mapping, a scoping filter, an assignment and the deletion threshold is reported, then
 * the same change is made through Graph and the emulator's next cycle runs. The report must say
 * what that cycle then does: the one planner both use cannot disagree with itself.
 */
import {
  CONTOSO_GROUPS,
  DEFAULT_SOURCE_TENANT_ID as SOURCE,
  DEFAULT_TARGET_TENANT_ID as TARGET,
} from "../../src/emulator/fixtures/defaultWorld";
import { azure2azureDefaultSchema } from "../../src/emulator/fixtures/azure2azureSchema";
import type { UserRecord } from "../../src/emulator/world/types";
import { applyDeclarations } from "../../src/provider/schemaEdit";
import { parsePreviewPlan } from "../../src/impact/previewPlan";
import { impactReport, type ImpactReport } from "../../src/impact/report";
import { TYPE_TOKENS } from "../../src/resources/typeTokens";
import {
  MAPPING_INPUTS,
  STACK,
  assign,
  cycle,
  ok,
  previewJson,
  provisionedPair,
  step,
  type Pair,
} from "./helpers";

/** The change made for real, the way the provider makes it: schema PUT and an assignment. */
async function applyThroughGraph(pair: Pair): Promise<void> {
  const path = `/servicePrincipals/${pair.spId}/synchronization/jobs/${pair.jobId}/schema`;
  const { "@odata.context": _context, ...schema } = ok(await pair.t.call(SOURCE, "GET", path), 200);
  const inputs = MAPPING_INPUTS(pair);
  const next = applyDeclarations(schema, {
    objectType: "User",
    mappings: inputs.mappings,
    scopingFilter: inputs.scopingFilter,
  });
  ok(await pair.t.call(SOURCE, "PUT", path, next), 204);
  await assign(pair, CONTOSO_GROUPS.engineering);
}

const report = (pair: Pair, text: string, samples = true): ImpactReport =>
  impactReport(pair.t.world, parsePreviewPlan(text), {
    samples,
    now: pair.t.clock.now,
    templateSchema: azure2azureDefaultSchema(),
  });

const targetUser = (pair: Pair, id: string): UserRecord =>
  pair.t.tenant(TARGET).users.find((user) => user.id === id) as UserRecord;

describe("impact report", () => {
  it("says what the emulator's next cycle then does", async () => {
    const pair = await provisionedPair();
    const worldBefore = JSON.stringify(pair.t.world);
    const impact = report(pair, previewJson(pair));
    expect(JSON.stringify(pair.t.world)).toBe(worldBefore);

    expect(impact.jobs).toHaveLength(1);
    const job = impact.jobs[0];
    expect(job.problem).toBeUndefined();
    // Engineering joins (10 users), Sales leaves (its members not also in the Pilot).
    expect(job.newlyInScope).toBeGreaterThan(0);
    expect(job.newlyOutOfScope).toBeGreaterThan(0);
    expect(job.created).toBeGreaterThan(0);
    expect(job.removed).toBeGreaterThan(0);
    const jobTitle = job.attributes.find((attribute) => attribute.attribute === "jobTitle");
    expect(jobTitle?.users).toBeGreaterThan(0);

    await applyThroughGraph(pair);
    const done = cycle(pair);
    expect(done.outcome).not.toBe("quarantined");
    expect(done.changes.created).toBe(job.created);
    expect(done.changes.deleted).toBe(job.removed);
    expect(done.changes.updated).toBe(job.updated);
    expect(done.changes.failed).toBe(
      job.conflicts.reduce((sum, conflict) => sum + conflict.users, 0),
    );
    // The samples show the values the cycle then wrote.
    const sample = jobTitle!.samples![0];
    const written = pair.t
      .tenant(TARGET)
      .users.filter((user) => !user.deletedDateTime && user.jobTitle === sample.after);
    expect(written.length).toBeGreaterThan(0);
    expect(String(sample.after)).toContain(" / ");
    expect(targetUser(pair, written[0].id).jobTitle).toBe(sample.after);
  });

  it("says when the accidental-deletion threshold would stop the job, as the cycle then does", async () => {
    const pair = await provisionedPair();
    const syncConfiguration = step(
      "update",
      TYPE_TOKENS.SyncConfiguration,
      "config",
      {
        sourceTenantId: SOURCE,
        targetTenantId: TARGET,
        displayName: "Fabrikam",
        scope: "assigned",
      },
      {
        sourceTenantId: SOURCE,
        targetTenantId: TARGET,
        displayName: "Fabrikam",
        scope: "assigned",
        accidentalDeletionPrevention: true,
        accidentalDeletionThreshold: 1,
      },
      { servicePrincipalId: pair.spId },
    );
    const impact = report(pair, previewJson(pair, [syncConfiguration]));
    const job = impact.jobs[0];
    expect(job.deletionThreshold).toEqual({
      threshold: 1,
      deletions: job.removed,
      stopsJob: true,
    });

    await applyThroughGraph(pair);
    const sync = `/servicePrincipals/${pair.spId}/synchronization/secrets`;
    ok(
      await pair.t.call(SOURCE, "PUT", sync, {
        value: [
          { key: "AuthenticationType", value: "SyncPolicy" },
          { key: "CompanyId", value: TARGET },
          { key: "SyncAll", value: "false" },
          {
            key: "SyncNotificationSettings",
            value: JSON.stringify({ DeleteThresholdEnabled: true, DeleteThresholdValue: 1 }),
          },
        ],
      }),
      204,
    );
    const done = cycle(pair);
    expect(done.changes.deleted).toBe(0);
    expect(done.changes.held).toBe(job.removed);
  });

  it("lists other packages' resources as ignored and names changes it cannot know", async () => {
    const pair = await provisionedPair();
    const unknownMapping = step("create", TYPE_TOKENS.AttributeMapping, "pending", undefined, {
      ...MAPPING_INPUTS(pair),
      servicePrincipalId: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
    });
    const impact = report(pair, previewJson(pair, [unknownMapping]));
    expect(impact.ignored).toEqual([
      expect.objectContaining({
        type: "azuread:index/group:Group",
        why: "not a resource of this package",
      }),
    ]);
    expect(impact.unknowable).toEqual([
      {
        urn: `${STACK}::${TYPE_TOKENS.AttributeMapping}::pending`,
        reason: expect.stringContaining("servicePrincipalId"),
      },
    ]);
    // What can be known is still reported.
    expect(impact.jobs[0].created).toBeGreaterThan(0);
  });

  it("leaves names and values out with samples off", async () => {
    const pair = await provisionedPair();
    const text = JSON.stringify(report(pair, previewJson(pair), false));
    const names = pair.t.tenant(SOURCE).users.map((user) => user.displayName);
    for (const name of names) expect(text).not.toContain(JSON.stringify(name));
    expect(text).not.toContain(" / ");
  });
});
