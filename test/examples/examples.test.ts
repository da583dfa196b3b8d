import * as pulumi from "@pulumi/pulumi";
import { allPolicies } from "../../policies/rules";
import type { ResourceName } from "../../src/resources/typeTokens";
import {
  runResourcePolicy,
  runStackPolicy,
  type StackResource,
  type Violation,
} from "../policies/policyArgs";

/**
 * The shipped examples, run as programs under Pulumi's runtime mocks: they must register the
 * resources their READMEs describe and pass the whole policy pack without a single violation.
 */
const SOURCE = "2f7e4b1a-8c3d-4e5f-9a6b-1c2d3e4f5a60";
const TARGET = "9c5d131d-b1c3-4fc4-9e3f-c6557947d551";
const SECOND_SPOKE = "4a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const GROUP = "9e8762f3-ebd6-5a0f-9c87-5d1ec8684494";

interface Registration {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

const registered: Registration[] = [];

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      const computed: Record<string, unknown> = args.type.endsWith(":SyncConfiguration")
        ? { servicePrincipalId: `sp-${args.name}`, appRoleId: `role-${args.name}` }
        : args.type.endsWith(":SyncJob")
          ? { jobId: `Azure2Azure.${args.name}` }
          : {};
      return { id: `${args.name}-id`, state: { ...args.inputs, ...computed } };
    },
    call: () => ({}),
  },
  "examples",
  "dev",
  false,
);
pulumi.runtime.setAllConfig({
  "examples:sourceTenantId": SOURCE,
  "examples:targetTenantId": TARGET,
  "examples:pilotGroupId": GROUP,
  "examples:tenants": JSON.stringify({
    contoso: SOURCE,
    fabrikam: TARGET,
    northwind: SECOND_SPOKE,
  }),
  "examples:hubGroupId": GROUP,
});

async function settle(count: number): Promise<Registration[]> {
  for (let waited = 0; registered.length < count && waited < 60_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  return registered.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/entra-cts:"));
}

function asStack(registrations: Registration[]): StackResource[] {
  return registrations.map((r) => ({
    kind: r.type.split(":").pop() as ResourceName,
    name: r.name,
    props: Object.fromEntries(Object.entries(r.inputs).filter(([key]) => key !== "__provider")),
  }));
}

async function violationsOf(stack: StackResource[]): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const policy of allPolicies) {
    const run = "validateStack" in policy ? runStackPolicy : runResourcePolicy;
    violations.push(...(await run(policy, stack)));
  }
  return violations;
}

function kinds(stack: StackResource[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of stack) counts[resource.kind] = (counts[resource.kind] ?? 0) + 1;
  return counts;
}

describe("examples", () => {
  beforeEach(() => registered.splice(0));

  it("tenant-pair registers a whole pair that passes every policy", async () => {
    await import("../../examples/tenant-pair/index");
    const stack = asStack(await settle(6));
    expect(kinds(stack)).toEqual({
      PartnerPolicy: 2,
      SyncConfiguration: 1,
      Assignment: 1,
      SyncJob: 1,
      AttributeMapping: 1,
    });
    expect(await violationsOf(stack)).toEqual([]);
  });

  it("hub-and-spoke registers one pair per spoke that passes every policy", async () => {
    await import("../../examples/hub-and-spoke/index");
    const stack = asStack(await settle(4 + 2 * 4));
    expect(kinds(stack)).toEqual({
      PartnerPolicy: 4,
      SyncConfiguration: 2,
      Assignment: 2,
      SyncJob: 2,
      AttributeMapping: 2,
    });
    expect(await violationsOf(stack)).toEqual([]);
  });
});
