/**
 * In-process test world: two tenants (source and target) with a few users, groups and callers,
 * and a GraphDispatcher over every Graph route. `call` dispatches an already-authenticated
 * request, so endpoint tests run without HTTP, TLS or tokens.
 */
import { GraphDispatcher, type DispatchResult } from "../../../src/emulator/http/dispatch";
import type { GraphVersion } from "../../../src/emulator/http/route";
import { graphRoutes } from "../../../src/emulator/graph";
import { emptyTenant } from "../../../src/emulator/world/tenant";
import type { CallerApp, TenantState, WorldState } from "../../../src/emulator/world/types";

export const SOURCE_TENANT_ID = "11111111-1111-4111-8111-111111111111";
export const TARGET_TENANT_ID = "22222222-2222-4222-8222-222222222222";
export const CTS_TEMPLATE_ID = "518e5f48-1fc8-4c48-9387-9fdf28b0dfe7";

/** Fixed ids so tests can address seeded objects directly. */
export const ids = {
  alice: "a11ce000-0000-4000-8000-000000000001",
  bob: "b0b00000-0000-4000-8000-000000000002",
  guest: "9e570000-0000-4000-8000-000000000003",
  sales: "5a1e5000-0000-4000-8000-000000000004",
  engineering: "e9e00000-0000-4000-8000-000000000005",
  targetUser: "7a59e700-0000-4000-8000-000000000006",
  caller: "ca11e700-0000-4000-8000-000000000007",
};

/** Every application permission the emulator's routes name: the default roles of `call`. */
export const ALL_ROLES: readonly string[] = [
  "Policy.Read.All",
  "Policy.ReadWrite.CrossTenantAccess",
  "Application.Read.All",
  "Application.ReadWrite.All",
  "Application.ReadWrite.OwnedBy",
  "AppRoleAssignment.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
  "User.Read.All",
  "User.ReadWrite.All",
  "Group.Read.All",
  "Group.Create",
  "Group.ReadWrite.All",
  "GroupMember.Read.All",
  "GroupMember.ReadWrite.All",
  "Synchronization.Read.All",
  "Synchronization.ReadWrite.All",
  "AuditLog.Read.All",
];

export interface TestWorld {
  world: WorldState;
  source: TenantState;
  target: TenantState;
  dispatcher: GraphDispatcher;
  /** The emulator clock in ms; tests may set it. */
  clock: { now: number };
  /**
   * Replication lag: when `enabled`, objects marked created stay invisible (404) until
   * `replicate()` is called.
   */
  lag: { enabled: boolean; pending: Set<string>; replicate(): void };
  tenant(tenantId: string): TenantState;
  /**
   * Dispatches `method path` in `tenantId` as an authenticated app with `roles` (default: all).
   * `path` may start with `/v1.0` or `/beta` (default v1.0) and carry a query string.
   */
  call(
    tenantId: string,
    method: string,
    path: string,
    body?: unknown,
    roles?: readonly string[],
  ): Promise<DispatchResult>;
}

function testCaller(): CallerApp {
  return {
    appId: "ca11e700-0000-4000-8000-0000000000aa",
    displayName: "test caller",
    roles: [...ALL_ROLES],
    secrets: ["test-secret"],
    certificates: [],
    federatedCredentials: [],
    servicePrincipalId: ids.caller,
  };
}

function seedSource(tenant: TenantState): void {
  const user = (id: string, name: string, userType: "Member" | "Guest" = "Member") => ({
    id,
    userPrincipalName:
      userType === "Guest"
        ? `${name}_fabrikam.example#EXT#@${tenant.domain}`
        : `${name}@${tenant.domain}`,
    displayName: name[0].toUpperCase() + name.slice(1),
    mail: `${name}@${userType === "Guest" ? "fabrikam.example" : tenant.domain}`,
    mailNickname: name,
    userType,
    accountEnabled: true,
    department: name === "alice" ? "Sales" : "Engineering",
    netId: `10030000${id.slice(0, 8).toUpperCase()}`,
    creationType: userType === "Guest" ? "Invitation" : null,
  });
  tenant.users.push(
    user(ids.alice, "alice"),
    user(ids.bob, "bob"),
    user(ids.guest, "gina", "Guest"),
  );
  const group = (id: string, displayName: string, memberIds: string[]) => ({
    id,
    displayName,
    mailNickname: displayName.toLowerCase(),
    securityEnabled: true,
    mailEnabled: false,
    groupTypes: [],
    memberIds,
  });
  tenant.groups.push(
    group(ids.engineering, "Engineering", [ids.bob]),
    group(ids.sales, "Sales", [ids.alice, ids.engineering]),
  );
  tenant.callers.push(testCaller());
}

/** Builds a fresh two-tenant world and a dispatcher over `graphRoutes`. */
export function createTestWorld(): TestWorld {
  const source = emptyTenant(SOURCE_TENANT_ID, "Contoso", "contoso.example");
  const target = emptyTenant(TARGET_TENANT_ID, "Fabrikam", "fabrikam.example");
  seedSource(source);
  target.users.push({
    id: ids.targetUser,
    userPrincipalName: `tom@${target.domain}`,
    displayName: "Tom",
    userType: "Member",
    accountEnabled: true,
    netId: "10030000AAAAAAAA",
  });
  target.callers.push(testCaller());
  const world: WorldState = { tenants: [source, target] };
  const clock = { now: Date.parse("2026-01-15T10:00:00Z") };
  const pending = new Set<string>();
  const lag = { enabled: false, pending, replicate: () => pending.clear() };
  const dispatcher = new GraphDispatcher(graphRoutes, {
    world,
    graphBaseUrl: (version: GraphVersion) => `https://127.0.0.1:8443/${version}`,
    isVisible: (id) => !pending.has(id),
    markCreated: (id) => {
      if (lag.enabled) pending.add(id);
    },
    now: () => clock.now,
  });
  const tenant = (tenantId: string): TenantState => {
    const found = world.tenants.find((t) => t.id === tenantId);
    if (!found) throw new Error(`Failed to find tenant ${tenantId}: not in the test world.`);
    return found;
  };
  let requests = 0;
  return {
    world,
    source,
    target,
    dispatcher,
    clock,
    lag,
    tenant,
    call: (tenantId, method, path, body, roles = ALL_ROLES) => {
      const match = /^\/(v1\.0|beta)(\/.*)$/.exec(path);
      const version = (match?.[1] ?? "v1.0") as GraphVersion;
      const rest = match?.[2] ?? path;
      const [pathOnly, queryString = ""] = rest.split(/\?(.*)/s);
      const t = tenant(tenantId);
      requests += 1;
      return dispatcher.dispatch({
        method,
        version,
        path: pathOnly,
        query: new URLSearchParams(queryString),
        body,
        tenant: t,
        // The token's roles are the caller's granted roles, so handlers that read
        // ctx.caller.roles (ownership checks) see what the dispatcher checked.
        caller: { ...t.callers[0], roles: [...roles] },
        roles,
        requestId: `00000000-0000-4000-8000-${String(requests).padStart(12, "0")}`,
      });
    },
  };
}

/** Instantiates the CTS template in the source tenant, as a configuration; answers its SP id. */
export async function instantiateConfiguration(
  t: TestWorld,
  displayName = "Fabrikam",
): Promise<string> {
  const created = await t.call(
    SOURCE_TENANT_ID,
    "POST",
    `/applicationTemplates/${CTS_TEMPLATE_ID}/instantiate`,
    {
      displayName,
    },
  );
  if (created.status !== 201) throw new Error(`instantiate answered ${created.status}`);
  return (created.body as { servicePrincipal: { id: string } }).servicePrincipal.id;
}

/** Creates the Azure2Azure job of a configuration; answers its id. */
export async function createAzure2AzureJob(
  t: TestWorld,
  servicePrincipalId: string,
): Promise<string> {
  const job = await t.call(
    SOURCE_TENANT_ID,
    "POST",
    `/servicePrincipals/${servicePrincipalId}/synchronization/jobs`,
    {
      templateId: "Azure2Azure",
    },
  );
  if (job.status !== 201) throw new Error(`job create answered ${job.status}`);
  return (job.body as { id: string }).id;
}
