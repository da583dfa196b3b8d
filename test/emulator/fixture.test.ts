/**
 * The default world: deterministic, internally consistent, and carrying the special cases the
 * CTS tests rely on (guest, member without netId, disabled user, nested group, pre-existing B2B
 * guest in the target).
 */
import { X509Certificate, createHash } from "node:crypto";
import {
  ADELE_SOURCE_NET_ID,
  CONTOSO_CALLERS,
  CONTOSO_GROUPS,
  CONTOSO_USERS,
  DEFAULT_SOURCE_TENANT_ID,
  DEFAULT_TARGET_TENANT_ID,
  FABRIKAM_CALLERS,
  FABRIKAM_GROUPS,
  FABRIKAM_USERS,
  FEDERATED_SUBJECT,
  PROVIDER_ROLES,
  defaultWorld,
} from "../../src/emulator/fixtures/defaultWorld";
import { EMULATOR_GITHUB_ISSUER } from "../../src/emulator/world/runCredentials";
import type { TenantState } from "../../src/emulator/world/types";
import { withEmulator } from "../harness/emulator";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const world = defaultWorld();
const [contoso, fabrikam] = world.tenants as [TenantState, TenantState];
const user = (tenant: TenantState, id: string) => tenant.users.find((u) => u.id === id)!;
const group = (tenant: TenantState, id: string) => tenant.groups.find((g) => g.id === id)!;

describe("default world", () => {
  it("is deterministic", () => {
    expect(JSON.stringify(defaultWorld())).toBe(JSON.stringify(defaultWorld()));
  });

  it("has Contoso as source and Fabrikam as target with the system-default policy and no partners", () => {
    expect([contoso.id, contoso.displayName, contoso.domain]).toEqual([
      DEFAULT_SOURCE_TENANT_ID,
      "Contoso",
      "contoso.onmicrosoft.com",
    ]);
    expect([fabrikam.id, fabrikam.displayName, fabrikam.domain]).toEqual([
      DEFAULT_TARGET_TENANT_ID,
      "Fabrikam",
      "fabrikam.onmicrosoft.com",
    ]);
    for (const tenant of world.tenants) {
      expect(tenant.crossTenantAccessPolicy.default.isServiceDefault).toBe(true);
      expect(tenant.crossTenantAccessPolicy.partners).toEqual([]);
    }
  });

  it("uses unique GUIDs for every object", () => {
    const ids = world.tenants.flatMap((t) => [
      t.id,
      ...t.users.map((u) => u.id),
      ...t.groups.map((g) => g.id),
      ...t.callers.flatMap((c) => [c.appId, c.servicePrincipalId]),
    ]);
    expect(ids.every((id) => GUID.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("gives Contoso 40 members with the attributes the default mappings read", () => {
    const members = contoso.users.filter((u) => u.userType === "Member");
    expect(members).toHaveLength(40);
    const required = [
      "userPrincipalName",
      "displayName",
      "givenName",
      "surname",
      "mail",
      "mailNickname",
      "department",
      "jobTitle",
      "companyName",
      "employeeId",
      "city",
      "state",
      "country",
      "postalCode",
      "streetAddress",
      "preferredLanguage",
      "usageLocation",
      "mobilePhone",
    ];
    for (const member of members) {
      for (const attribute of required)
        expect([member.id, attribute, typeof member[attribute]]).toEqual([
          member.id,
          attribute,
          "string",
        ]);
      expect(member.userPrincipalName).toMatch(/@contoso\.onmicrosoft\.com$/);
      expect(member.businessPhones).toEqual([expect.any(String)]);
      expect(member).toMatchObject({ creationType: null, showInAddressList: true });
      if (member.managerId) expect(user(contoso, member.managerId as string)).toBeDefined();
    }
    expect(new Set(members.map((m) => m.userPrincipalName)).size).toBe(40);
    expect(members.filter((m) => m.managerId).length).toBeGreaterThan(30);
  });

  it("gives every Contoso member but one a unique 16-hex netId", () => {
    const members = contoso.users.filter((u) => u.userType === "Member");
    const withoutNetId = members.filter((m) => m.netId === undefined);
    expect(withoutNetId.map((m) => m.id)).toEqual([CONTOSO_USERS.pradeep]);
    const netIds = members.flatMap((m) => (m.netId ? [m.netId] : []));
    expect(netIds.every((netId) => /^[0-9A-F]{16}$/.test(netId))).toBe(true);
    expect(new Set(netIds).size).toBe(39);
  });

  it("has exactly one disabled member and one B2B guest in Contoso", () => {
    expect(contoso.users.filter((u) => !u.accountEnabled).map((u) => u.id)).toEqual([
      CONTOSO_USERS.samuel,
    ]);
    const guests = contoso.users.filter((u) => u.userType === "Guest");
    expect(guests.map((g) => g.id)).toEqual([CONTOSO_USERS.guest]);
    expect(guests[0]).toMatchObject({ creationType: "Invitation", externalUserState: "Accepted" });
    expect(guests[0].userPrincipalName).toContain("#EXT#@contoso.onmicrosoft.com");
  });

  it("has the groups the scoping tests use, with direct members only", () => {
    const departmentOf = (id: string) => user(contoso, id)?.department;
    const pilot = group(contoso, CONTOSO_GROUPS.pilot);
    const sales = group(contoso, CONTOSO_GROUPS.sales);
    const engineering = group(contoso, CONTOSO_GROUPS.engineering);
    const allStaff = group(contoso, CONTOSO_GROUPS.allStaff);
    const marketing = group(contoso, CONTOSO_GROUPS.marketing);
    expect([pilot.displayName, pilot.memberIds.length]).toEqual(["CTS Pilot", 5]);
    expect([sales.displayName, sales.memberIds.length]).toEqual(["Sales", 8]);
    expect(sales.memberIds.every((id) => departmentOf(id) === "Sales")).toBe(true);
    expect([engineering.displayName, engineering.memberIds.length]).toEqual(["Engineering", 10]);
    expect(engineering.memberIds.every((id) => departmentOf(id) === "Engineering")).toBe(true);
    expect(allStaff.displayName).toBe("All Staff");
    expect(allStaff.memberIds).toContain(CONTOSO_GROUPS.engineering);
    expect(allStaff.memberIds.some((id) => engineering.memberIds.includes(id))).toBe(false);
    expect(allStaff.memberIds.filter((id) => user(contoso, id))).toHaveLength(30);
    expect(marketing).toMatchObject({
      groupTypes: ["Unified"],
      mailEnabled: true,
      securityEnabled: false,
    });
    for (const g of [pilot, sales, engineering, allStaff])
      expect(g).toMatchObject({ securityEnabled: true, mailEnabled: false });
    for (const g of contoso.groups) {
      for (const id of g.memberIds) expect(user(contoso, id) ?? group(contoso, id)).toBeDefined();
    }
  });

  it("gives Fabrikam 6 natives, 2 groups, and Adele as a B2B guest keyed by her source netId", () => {
    const natives = fabrikam.users.filter((u) => u.userType === "Member");
    expect(natives).toHaveLength(6);
    const adele = user(fabrikam, FABRIKAM_USERS.adeleGuest);
    expect(user(contoso, CONTOSO_USERS.adele).netId).toBe(ADELE_SOURCE_NET_ID);
    expect(adele).toMatchObject({
      displayName: "Adele Vance",
      userType: "Guest",
      creationType: "Invitation",
      alternativeSecurityIds: [{ type: 5, identityProvider: null, key: ADELE_SOURCE_NET_ID }],
    });
    expect(fabrikam.groups.map((g) => g.id).sort()).toEqual(Object.values(FABRIKAM_GROUPS).sort());
    expect(group(fabrikam, FABRIKAM_GROUPS.staff).memberIds).toHaveLength(6);
  });

  it("registers the provider caller with every role and the auditor with Policy.Read.All only", () => {
    for (const [tenant, ids] of [
      [contoso, CONTOSO_CALLERS],
      [fabrikam, FABRIKAM_CALLERS],
    ] as const) {
      const [cts, auditor] = tenant.callers;
      expect(cts).toMatchObject({
        appId: ids.cts.appId,
        displayName: "pulumi-entra-cts",
        secrets: [ids.cts.clientSecret],
      });
      expect([...cts.roles].sort()).toEqual([...PROVIDER_ROLES].sort());
      expect(PROVIDER_ROLES).toHaveLength(11);
      expect(cts.federatedCredentials).toEqual([
        {
          issuer: EMULATOR_GITHUB_ISSUER,
          subject: FEDERATED_SUBJECT,
          audiences: ["api://AzureADTokenExchange"],
        },
      ]);
      expect(auditor).toMatchObject({
        displayName: "read-only-auditor",
        roles: ["Policy.Read.All"],
      });
      for (const caller of tenant.callers) {
        expect(
          tenant.servicePrincipals.find((sp) => sp.id === caller.servicePrincipalId)?.appId,
        ).toBe(caller.appId);
      }
    }
  });
});

describe("default world bound to a running emulator", () => {
  const emulator = withEmulator();

  it("registers this run's certificate and GitHub issuer on each tenant's provider caller", () => {
    for (const tenant of emulator.emulator.world.tenants) {
      const settings = emulator.tenant(tenant.id);
      const [cts, auditor] = tenant.callers;
      expect(cts.certificates).toHaveLength(1);
      const thumbprint = createHash("sha1")
        .update(new X509Certificate(cts.certificates[0]).raw)
        .digest("hex")
        .toUpperCase();
      expect(settings.clientCertificateThumbprint).toBe(thumbprint);
      expect(cts.federatedCredentials[0].issuer).toBe(emulator.settings.githubIssuer);
      expect(auditor.certificates).toEqual([]);
      expect(settings).toMatchObject({
        clientId: cts.appId,
        clientSecret: cts.secrets[0],
        federatedSubject: FEDERATED_SUBJECT,
      });
    }
  });
});
