/**
 * A compliant stack: one sync pair (HR tenant -> Fabrikam) with both PartnerPolicy sides, a
 * configuration scoped to one assigned group, a running job and a mapping. Every case starts here
 * and breaks one thing, so a failing case points at that one thing.
 */
import { UNKNOWN_VALUE, type StackResource } from "./policyArgs";

export const SOURCE = "11111111-1111-4111-8111-111111111111";
export const TARGET = "22222222-2222-4222-8222-222222222222";
export const SERVICE_PRINCIPAL = "5e000000-0000-4000-8000-0000000000a1";
export const JOB =
  "Azure2Azure.0f1e2d3c4b5a69788796a5b4c3d2e1f0.11111111-1111-4111-8111-111111111111";
export const SALES_GROUP = "5a1e5000-0000-4000-8000-000000000004";
export const ALICE = "a11ce000-0000-4000-8000-000000000001";

export function baseline(): StackResource[] {
  return [
    {
      kind: "PartnerPolicy",
      name: "hr-trusts-fabrikam",
      props: { tenantId: SOURCE, partnerTenantId: TARGET, automaticUserConsentOutbound: true },
    },
    {
      kind: "PartnerPolicy",
      name: "fabrikam-accepts-hr",
      props: {
        tenantId: TARGET,
        partnerTenantId: SOURCE,
        automaticUserConsentInbound: true,
        userSyncInbound: true,
      },
    },
    {
      kind: "SyncConfiguration",
      name: "hr-to-fabrikam",
      props: {
        sourceTenantId: SOURCE,
        targetTenantId: TARGET,
        displayName: "Fabrikam",
        notificationEmail: "identity-ops@contoso.com",
        applicationObjectId: "a0000000-0000-4000-8000-0000000000a1",
        appId: "a1000000-0000-4000-8000-0000000000a1",
        servicePrincipalId: SERVICE_PRINCIPAL,
        appRoleId: "a2000000-0000-4000-8000-0000000000a1",
      },
      dependencies: ["hr-trusts-fabrikam", "fabrikam-accepts-hr"],
    },
    {
      kind: "SyncJob",
      name: "hr-to-fabrikam-job",
      props: {
        tenantId: SOURCE,
        servicePrincipalId: SERVICE_PRINCIPAL,
        jobId: JOB,
        scheduleState: "Active",
        statusCode: "Active",
      },
      propertyDependencies: { servicePrincipalId: ["hr-to-fabrikam"] },
      dependencies: ["hr-to-fabrikam"],
    },
    {
      kind: "AttributeMapping",
      name: "hr-to-fabrikam-mappings",
      props: {
        tenantId: SOURCE,
        servicePrincipalId: SERVICE_PRINCIPAL,
        jobId: JOB,
        mappings: [
          { targetAttribute: "displayName", expression: 'Join(" ", [givenName], [surname])' },
          { targetAttribute: "department", sourceAttribute: "department" },
        ],
      },
      propertyDependencies: {
        servicePrincipalId: ["hr-to-fabrikam"],
        jobId: ["hr-to-fabrikam-job"],
      },
      dependencies: ["hr-to-fabrikam", "hr-to-fabrikam-job"],
    },
    {
      kind: "Assignment",
      name: "hr-to-fabrikam-sales",
      props: {
        tenantId: SOURCE,
        servicePrincipalId: SERVICE_PRINCIPAL,
        principalId: SALES_GROUP,
        principalType: "Group",
        assignmentId: "a3000000-0000-4000-8000-0000000000a1",
      },
      propertyDependencies: { servicePrincipalId: ["hr-to-fabrikam"] },
      dependencies: ["hr-to-fabrikam"],
    },
  ];
}

/** The properties a resource's provider computes, or copies from another resource's outputs. */
const COMPUTED: Record<StackResource["kind"], string[]> = {
  PartnerPolicy: [],
  SyncConfiguration: ["applicationObjectId", "appId", "servicePrincipalId", "appRoleId"],
  SyncJob: ["servicePrincipalId", "jobId", "scheduleState", "statusCode"],
  AttributeMapping: ["servicePrincipalId", "jobId"],
  Assignment: ["servicePrincipalId", "assignmentId"],
};

/**
 * The stack as a first `pulumi preview` sees it: nothing exists yet, so provider outputs and the
 * ids copied from them are unknown. Only dependencies still link the resources.
 */
export function asFirstPreview(stack: readonly StackResource[]): StackResource[] {
  return stack.map((resource) => {
    const props = { ...resource.props };
    for (const key of COMPUTED[resource.kind]) if (key in props) props[key] = UNKNOWN_VALUE;
    return { ...resource, props };
  });
}

/** `stack` with `name`'s props changed; a patch value of undefined removes the property. */
export function withProps(
  stack: readonly StackResource[],
  name: string,
  patch: Record<string, unknown>,
): StackResource[] {
  if (!stack.some((resource) => resource.name === name)) throw new Error(`no resource '${name}'`);
  return stack.map((resource) => {
    if (resource.name !== name) return resource;
    const props = { ...resource.props, ...patch };
    for (const [key, value] of Object.entries(patch)) if (value === undefined) delete props[key];
    return { ...resource, props };
  });
}

/** `stack` without the named resources (and without links to them). */
export function without(stack: readonly StackResource[], ...names: string[]): StackResource[] {
  const keep = (name: string) => !names.includes(name);
  return stack
    .filter((resource) => keep(resource.name))
    .map((resource) => ({
      ...resource,
      dependencies: resource.dependencies?.filter(keep),
      propertyDependencies: Object.fromEntries(
        Object.entries(resource.propertyDependencies ?? {}).map(([key, deps]) => [
          key,
          deps.filter(keep),
        ]),
      ),
    }));
}

/** Only the named resources of `stack` (for resource policies). */
export function only(stack: readonly StackResource[], ...names: string[]): StackResource[] {
  return stack.filter((resource) => names.includes(resource.name));
}

/** The named resource of `stack`. */
export function named(stack: readonly StackResource[], name: string): StackResource {
  const found = stack.find((resource) => resource.name === name);
  if (!found) throw new Error(`no resource '${name}'`);
  return found;
}
