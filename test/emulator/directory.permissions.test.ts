/**
 * Every policy and directory route declares exactly the application permissions of its table,
 * and a token without them is refused before the handler runs.
 */
import { directoryRoutes } from "../../src/emulator/graph/directory";
import { policyRoutes } from "../../src/emulator/graph/policies";
import type { PermissionRequirement } from "../../src/emulator/http/route";
import { ALL_ROLES, createTestWorld, SOURCE_TENANT_ID } from "./helpers/world";

const POLICY_READ = ["Policy.Read.All", "Policy.ReadWrite.CrossTenantAccess"];
const POLICY_WRITE = ["Policy.ReadWrite.CrossTenantAccess"];
const APP_READ = [
  "Application.Read.All",
  "Application.ReadWrite.OwnedBy",
  "Application.ReadWrite.All",
  "Directory.Read.All",
];
const APP_WRITE = ["Application.ReadWrite.OwnedBy", "Application.ReadWrite.All"];
const ASSIGNMENT_READ = [
  "Application.Read.All",
  "Application.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];
const USER_READ = [
  "User.Read.All",
  "User.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];
const USER_WRITE = ["User.ReadWrite.All", "Directory.ReadWrite.All"];
const GROUP_READ = [
  "GroupMember.Read.All",
  "Group.Read.All",
  "Group.ReadWrite.All",
  "GroupMember.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];
const GROUP_WRITE = ["GroupMember.ReadWrite.All", "Group.ReadWrite.All", "Directory.ReadWrite.All"];

const PARTNERS = "/policies/crossTenantAccessPolicy/partners";
const SYNC = `${PARTNERS}/:tenantId/identitySynchronization`;
const DELETED_PARTNERS = "/policies/deletedItems/crossTenantPartners";

const expected: Record<string, PermissionRequirement> = {
  "GET /policies/crossTenantAccessPolicy/default": POLICY_READ,
  "PATCH /policies/crossTenantAccessPolicy/default": POLICY_WRITE,
  "POST /policies/crossTenantAccessPolicy/default/resetToSystemDefault": POLICY_WRITE,
  [`GET ${PARTNERS}`]: POLICY_READ,
  [`POST ${PARTNERS}`]: POLICY_WRITE,
  [`GET ${PARTNERS}/:tenantId`]: POLICY_READ,
  [`PATCH ${PARTNERS}/:tenantId`]: POLICY_WRITE,
  [`DELETE ${PARTNERS}/:tenantId`]: POLICY_WRITE,
  [`PUT ${SYNC}`]: POLICY_WRITE,
  [`GET ${SYNC}`]: POLICY_READ,
  [`PATCH ${SYNC}`]: POLICY_WRITE,
  [`DELETE ${SYNC}`]: POLICY_WRITE,
  [`GET ${DELETED_PARTNERS}`]: POLICY_READ,
  [`GET ${DELETED_PARTNERS}/:tenantId`]: POLICY_READ,
  [`POST ${DELETED_PARTNERS}/:tenantId/restore`]: POLICY_WRITE,
  [`DELETE ${DELETED_PARTNERS}/:tenantId`]: POLICY_WRITE,
  "GET /applicationTemplates/:templateId": [[]],
  "POST /applicationTemplates/:templateId/instantiate": [
    "Application.ReadWrite.OwnedBy",
    "Application.ReadWrite.All",
    "Directory.ReadWrite.All",
  ],
  "GET /applications": APP_READ,
  "GET /applications/:id": APP_READ,
  "PATCH /applications/:id": APP_WRITE,
  "DELETE /applications/:id": APP_WRITE,
  "GET /servicePrincipals": APP_READ,
  "GET /servicePrincipals/:id": APP_READ,
  "PATCH /servicePrincipals/:id": [...APP_WRITE, "Directory.ReadWrite.All"],
  "DELETE /servicePrincipals/:id": APP_WRITE,
  "GET /directory/deletedItems/microsoft.graph.application": APP_READ,
  "GET /directory/deletedItems/microsoft.graph.servicePrincipal": APP_READ,
  // By id the routes take either family; the handler then checks the item's own type.
  "GET /directory/deletedItems/microsoft.graph.user": USER_READ,
  "GET /directory/deletedItems/:id": [...APP_READ, ...USER_READ],
  "POST /directory/deletedItems/:id/restore": [...APP_WRITE, ...USER_WRITE],
  "DELETE /directory/deletedItems/:id": [...APP_WRITE, ...USER_WRITE],
  "POST /servicePrincipals/:id/appRoleAssignedTo": [
    ["AppRoleAssignment.ReadWrite.All", "Application.Read.All"],
    ["AppRoleAssignment.ReadWrite.All", "Directory.Read.All"],
  ],
  "GET /servicePrincipals/:id/appRoleAssignedTo": ASSIGNMENT_READ,
  "GET /servicePrincipals/:id/appRoleAssignedTo/:assignmentId": ASSIGNMENT_READ,
  "DELETE /servicePrincipals/:id/appRoleAssignedTo/:assignmentId": [
    "AppRoleAssignment.ReadWrite.All",
  ],
  "GET /users": USER_READ,
  "GET /users/:id": USER_READ,
  "PATCH /users/:id": ["User.ReadWrite.All", "Directory.ReadWrite.All"],
  "POST /users": ["User.ReadWrite.All", "Directory.ReadWrite.All"],
  "POST /groups": ["Group.Create", "Group.ReadWrite.All", "Directory.ReadWrite.All"],
  "GET /groups": GROUP_READ,
  "GET /groups/:id": GROUP_READ,
  "GET /groups/:id/members": GROUP_READ,
  "POST /groups/:id/members/$ref": GROUP_WRITE,
  "DELETE /groups/:id/members/:memberId/$ref": GROUP_WRITE,
  "GET /auditLogs/provisioning": ["AuditLog.Read.All"],
};

const routes = [...policyRoutes, ...directoryRoutes];

it("declares exactly the expected permission alternatives on every route", () => {
  const declared = Object.fromEntries(routes.map((r) => [`${r.method} ${r.path}`, r.permissions]));
  expect(declared).toEqual(expected);
});

it("names only permissions that exist", () => {
  for (const route of routes) {
    for (const alternative of route.permissions) {
      for (const role of typeof alternative === "string" ? [alternative] : alternative) {
        expect(ALL_ROLES).toContain(role);
      }
    }
  }
});

it.each(routes.filter((r) => r.permissions.length !== 1 || r.permissions[0].length !== 0))(
  "refuses $method $path to a token without its roles",
  async (route) => {
    const w = createTestWorld();
    const path = route.path.replace(/:(\w+)/g, "00000000-0000-4000-8000-000000000099");
    const version = route.versions?.[0] ?? "v1.0";
    const result = await w.call(SOURCE_TENANT_ID, route.method, `/${version}${path}`, {}, [
      "Synchronization.Read.All",
    ]);
    expect(result.status).toBe(403);
    expect((result.body as { error: { code: string } }).error.code).toBe(
      "Authorization_RequestDenied",
    );
  },
);
