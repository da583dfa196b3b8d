/**
 * Provisioning cycles through the running emulator over HTTPS: a pair configured with Graph
 * calls, cycles run with POST /_emulator/cycles and RunningEmulator.runCycle(), the preview at
 * GET /_emulator/cycles/preview, and cycles on a timer started with the emulator.
 */
import {
  CONTOSO_GROUPS,
  CONTOSO_USERS,
  DEFAULT_SOURCE_TENANT_ID as SOURCE,
  DEFAULT_TARGET_TENANT_ID as TARGET,
} from "../../src/emulator/fixtures/defaultWorld";
import { previewProvisioning } from "../../src/emulator";
import { withEmulator, type EmulatorHarness } from "../harness/emulator";
import { configurePair, expectStatus } from "../harness/cyclePair";

/** Target users synchronized from Contoso (B2B UPNs), as Graph lists them. */
async function syncedUpns(h: EmulatorHarness): Promise<string[]> {
  const reply = expectStatus(await h.graphFetch("target", "GET", "/users?$top=999"), 200);
  return (reply.value as Array<{ userPrincipalName: string }>)
    .map((user) => user.userPrincipalName)
    .filter((upn) => upn.includes("_contoso.onmicrosoft.com#EXT#"))
    .sort();
}

const PILOT_UPNS = ["adelev", "alexw", "leeg", "meganb", "nestorw"].map(
  (name) => `${name}_contoso.onmicrosoft.com#EXT#@fabrikam.onmicrosoft.com`,
);

describe("cycles on request", () => {
  const h = withEmulator();
  beforeEach(() => h.emulator.reset());

  it("runs a configuration's cycle with POST /_emulator/cycles and the target shows the users", async () => {
    const { spId, jobId } = await configurePair(h);
    // Only Adele's earlier guest account exists before the cycle.
    expect(await syncedUpns(h)).toEqual([PILOT_UPNS[0]]);

    const reply = await h.request("POST", "/_emulator/cycles", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ servicePrincipal: spId }),
    });

    const [report] = expectStatus(reply, 200).value;
    expect(report).toMatchObject({
      tenantId: SOURCE,
      servicePrincipalId: spId,
      jobId,
      outcome: "Succeeded",
      changes: { created: 4, updated: 1 },
    });
    expect(await syncedUpns(h)).toEqual(PILOT_UPNS);
    const job = expectStatus(
      await h.graphFetch(
        "source",
        "GET",
        `/servicePrincipals/${spId}/synchronization/jobs/${jobId}`,
      ),
      200,
    );
    expect(job.status.code).toBe("Active");
  });

  it("runs every active job when the body selects nothing, and runCycle() does the same", async () => {
    await configurePair(h);
    expect(expectStatus(await h.request("POST", "/_emulator/cycles"), 200).value).toHaveLength(1);
    await h.graphFetch("source", "POST", `/groups/${CONTOSO_GROUPS.pilot}/members/$ref`, {
      "@odata.id": `https://graph.microsoft.com/v1.0/directoryObjects/${CONTOSO_USERS.debra}`,
    });

    const [report] = h.emulator.runCycle();

    expect(report.changes).toMatchObject({ created: 1, unchanged: 5 });
    expect(await syncedUpns(h)).toContain(
      "debrab_contoso.onmicrosoft.com#EXT#@fabrikam.onmicrosoft.com",
    );
  });

  it("answers 409 for a job that is not started and 404 for an unknown configuration", async () => {
    const { spId } = await configurePair(h, false);
    const paused = await h.request("POST", "/_emulator/cycles", {
      body: JSON.stringify({ servicePrincipal: spId }),
    });
    expect(paused.status).toBe(409);
    expect(paused.body.error.message).toMatch(/the job is Disabled\. Start it/);
    const unknown = await h.request("POST", "/_emulator/cycles", {
      body: JSON.stringify({ servicePrincipal: "00000000-0000-4000-8000-000000000000" }),
    });
    expect(unknown.status).toBe(404);
    const badTenant = await h.request("POST", "/_emulator/cycles", {
      body: JSON.stringify({ tenant: "nowhere.example" }),
    });
    expect(badTenant.status).toBe(400);
  });

  it("previews the next cycle at GET /_emulator/cycles/preview without applying it", async () => {
    const { spId } = await configurePair(h, false);

    const preview = expectStatus(
      await h.request(
        "GET",
        `/_emulator/cycles/preview?tenant=contoso.onmicrosoft.com&servicePrincipal=${spId}`,
      ),
      200,
    );

    expect(preview.targetTenantId).toBe(TARGET);
    expect(
      preview.create
        .map((c: { attributes: { userPrincipalName: string } }) => c.attributes.userPrincipalName)
        .sort(),
    ).toEqual(PILOT_UPNS.slice(1));
    expect(preview.update).toHaveLength(1);
    expect(await syncedUpns(h)).toEqual([PILOT_UPNS[0]]);
    // The programmatic helpers answer the same plan.
    expect(h.emulator.previewCycle({ servicePrincipalId: spId }).create).toHaveLength(4);
    expect(
      previewProvisioning(h.emulator.world, { tenantId: SOURCE, servicePrincipalId: spId }).create,
    ).toHaveLength(4);
    expect((await h.request("GET", "/_emulator/cycles/preview")).status).toBe(400);
  });
});

describe("cycles on a timer", () => {
  const h = withEmulator({ cycleIntervalMs: 50 });

  it("runs the cycles of active jobs without being asked", async () => {
    await configurePair(h);
    const deadline = Date.now() + 5000;
    let upns = await syncedUpns(h);
    while (upns.length < PILOT_UPNS.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      upns = await syncedUpns(h);
    }
    expect(upns).toEqual(PILOT_UPNS);
  });
});
