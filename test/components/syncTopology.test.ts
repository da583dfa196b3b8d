import * as pulumi from "@pulumi/pulumi";

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registered: Registered[] = [];

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      const computed = args.type.endsWith(":SyncConfiguration")
        ? { servicePrincipalId: `sp-${args.name}`, appRoleId: `role-${args.name}` }
        : args.type.endsWith(":SyncJob")
          ? { jobId: `job-${args.name}` }
          : {};
      return { id: `${args.name}-id`, state: { ...args.inputs, ...computed } };
    },
    call: () => ({}),
  },
  "entra-cts-tests",
  "test",
  false,
);

const TENANTS = {
  contoso: "2f7e4b1a-8c3d-4e5f-9a6b-1c2d3e4f5a60",
  fabrikam: "9c5d131d-b1c3-4fc4-9e3f-c6557947d551",
  northwind: "4a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
};

async function settle(count: number): Promise<Registered[]> {
  for (let waited = 0; registered.length < count && waited < 60_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return registered;
}

describe("SyncTopology", () => {
  beforeEach(() => registered.splice(0));

  it("gives a mesh one partner policy per tenant and partner, with both directions merged", async () => {
    const { SyncTopology, mesh } = await import("../../src");
    new SyncTopology("mesh", {
      tenants: TENANTS,
      pairs: mesh(Object.keys(TENANTS), { groupIds: ["g-1"] }),
    });
    // 1 component + 6 partner policies + per direction (6): configuration, assignment, job.
    const all = await settle(1 + 6 + 6 * 3);
    const partners = all.filter((r) => r.type.endsWith(":PartnerPolicy"));
    expect(partners).toHaveLength(6);
    for (const partner of partners) {
      expect(partner.inputs).toMatchObject({
        automaticUserConsentOutbound: true,
        automaticUserConsentInbound: true,
        userSyncInbound: true,
      });
    }
    expect(all.filter((r) => r.type.endsWith(":SyncConfiguration"))).toHaveLength(6);
    const jobs = all.filter((r) => r.type.endsWith(":SyncJob"));
    expect(jobs.map((j) => j.inputs.servicePrincipalId).sort()).toEqual(
      all
        .filter((r) => r.type.endsWith(":SyncConfiguration"))
        .map((c) => `sp-${c.name}`)
        .sort(),
    );
  });

  it("sets only the settings each side needs in a one-way hub and spoke", async () => {
    const { SyncTopology, hubAndSpoke } = await import("../../src");
    new SyncTopology("hub", {
      tenants: TENANTS,
      pairs: hubAndSpoke("contoso", ["fabrikam", "northwind"], {
        groupIds: ["g-1", "g-2"],
        mappings: [{ targetAttribute: "companyName", constant: "Contoso" }],
      }),
    });
    // 1 component + 4 partner policies + per direction (2): configuration, 2 assignments, job, mapping.
    const all = await settle(1 + 4 + 2 * 5);
    const byName = Object.fromEntries(all.map((r) => [r.name, r.inputs]));
    expect(byName["hub-contoso-partner-fabrikam"]).toMatchObject({
      tenantId: TENANTS.contoso,
      automaticUserConsentOutbound: true,
    });
    expect(byName["hub-contoso-partner-fabrikam"]).not.toHaveProperty("userSyncInbound");
    expect(byName["hub-fabrikam-partner-contoso"]).toMatchObject({
      tenantId: TENANTS.fabrikam,
      partnerTenantId: TENANTS.contoso,
      automaticUserConsentInbound: true,
      userSyncInbound: true,
    });
    const assignments = all.filter((r) => r.type.endsWith(":Assignment"));
    expect(assignments).toHaveLength(4);
    expect(assignments.every((a) => a.inputs.principalType === "Group")).toBe(true);
    const mapping = all.find((r) => r.type.endsWith(":AttributeMapping"));
    expect(mapping?.inputs.jobId).toMatch(/^job-hub-contoso-to-/);
  });

  it("refuses a pair without a group or naming an unknown tenant", async () => {
    const { SyncTopology } = await import("../../src");
    expect(
      () =>
        new SyncTopology("bad", {
          tenants: TENANTS,
          pairs: [{ source: "contoso", target: "fabrikam", groupIds: [] }],
        }),
    ).toThrow("pair contoso-to-fabrikam needs at least one group");
    expect(
      () =>
        new SyncTopology("bad2", {
          tenants: TENANTS,
          pairs: [{ source: "contoso", target: "tailspin", groupIds: ["g"] }],
        }),
    ).toThrow("names tenant 'tailspin', which is not in tenants");
  });
});

describe("SyncTopology names", () => {
  it("refuses two configurations with one name in the same source tenant", async () => {
    const { SyncTopology, hubAndSpoke } = await import("../../src");
    expect(
      () =>
        new SyncTopology("dup", {
          tenants: TENANTS,
          pairs: hubAndSpoke("contoso", ["fabrikam", "northwind"], {
            groupIds: ["g"],
            displayName: "Partners",
          }),
        }),
    ).toThrow("two pairs from contoso share the displayName 'Partners'");
  });
});
