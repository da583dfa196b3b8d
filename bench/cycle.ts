/**
 * Benchmark of the emulator's provisioning cycle: one cycle over 10,000 in-scope users (members of
 * one assigned group) with the Azure2Azure default mappings plus five expression mappings, into an
 * empty target tenant. Goal: the first cycle in at most 2 s and 500 MB (resident set).
 *
 * Run alone with `npx ts-node --transpile-only bench/cycle.ts`.
 */
import { performance } from "node:perf_hooks";
import { azure2azureDefaultSchema } from "../src/emulator/fixtures/azure2azureSchema";
import { instantiateCtsTemplate } from "../src/emulator/graph/directory/ctsTemplate";
import { createJobRecord, newJobId } from "../src/emulator/graph/synchronization/jobRecord";
import { startJob } from "../src/emulator/graph/synchronization/jobState";
import { previewProvisioning, runCycle } from "../src/emulator/provisioning";
import { emptyTenant } from "../src/emulator/world/tenant";
import type { JsonObject, TenantState, UserRecord, WorldState } from "../src/emulator/world/types";
import { parseExpression } from "../src/mapping";

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  goal?: string;
}

const USERS = 10_000;
const SOURCE_ID = "5e1f0c1a-0000-4000-8000-00000000b001";
const TARGET_ID = "7a26e7b2-0000-4000-8000-00000000b002";
const CREATED = "2025-01-01T00:00:00Z";

/** The five expression mappings a configuration typically adds (on extension attributes). */
export const EXPRESSION_MAPPINGS: ReadonlyArray<[target: string, expression: string]> = [
  ["extensionAttribute1", 'Join(" ", [givenName], [surname])'],
  [
    "extensionAttribute2",
    'Switch([usageLocation], "Other", "US", "United States", "DE", "Germany", "FR", "France")',
  ],
  [
    "extensionAttribute3",
    'ToLower(Replace([mail], "@contoso.example", , , "@fabrikam.example", , ))',
  ],
  ["extensionAttribute4", 'IIF([department]="Sales", "Revenue", [department])'],
  ["extensionAttribute5", "Append(Left([givenName], 1), [surname])"],
];

const GIVEN = [
  "Ada",
  "José",
  "Zoë",
  "Mary",
  "Łukasz",
  "Hiroshi",
  "Søren",
  "Amélie",
  "John",
  "Priya",
];
const SURNAMES = ["Lovelace", "García", "Müller", "O'Connor", "Nowak", "Tanaka", "Dubois", "Smith"];
const DEPARTMENTS = ["Sales", "Engineering", "Finance", "Marketing", "Legal"];
const LOCATIONS = ["US", "DE", "FR", "JP"];

function sourceUser(index: number): UserRecord {
  const given = GIVEN[index % GIVEN.length];
  const surname = SURNAMES[(index * 7) % SURNAMES.length];
  const nickname = `user${index}`;
  return {
    id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    userPrincipalName: `${nickname}@contoso.example`,
    displayName: `${given} ${surname}`,
    givenName: given,
    surname,
    mail: `${nickname}@contoso.example`,
    mailNickname: nickname,
    department: DEPARTMENTS[index % DEPARTMENTS.length],
    jobTitle: "Engineer",
    companyName: "Contoso",
    employeeId: `CT${100000 + index}`,
    city: "Redmond",
    country: "United States",
    usageLocation: LOCATIONS[index % LOCATIONS.length],
    preferredLanguage: "en-US",
    mobilePhone: `+1 425 555 ${String(index % 10000).padStart(4, "0")}`,
    businessPhones: [`+1 425 556 ${String(index % 10000).padStart(4, "0")}`],
    accountEnabled: true,
    userType: "Member",
    creationType: null,
    createdDateTime: CREATED,
    deletedDateTime: null,
    managerId:
      index > 0
        ? `00000000-0000-4000-8000-${String(Math.floor(index / 10)).padStart(12, "0")}`
        : null,
    netId: `1003${index.toString(16).toUpperCase().padStart(12, "0")}`,
  };
}

function allowSync(source: TenantState, target: TenantState): void {
  source.crossTenantAccessPolicy.partners.push({
    tenantId: target.id,
    automaticUserConsentSettings: { inboundAllowed: null, outboundAllowed: true },
  });
  target.crossTenantAccessPolicy.partners.push({
    tenantId: source.id,
    automaticUserConsentSettings: { inboundAllowed: true, outboundAllowed: null },
    identitySynchronization: { tenantId: source.id, userSyncInbound: { isSyncAllowed: true } },
  });
}

/** The source's CTS configuration: a started job whose schema has the five expressions. */
function configure(
  source: TenantState,
  memberIds: string[],
): { servicePrincipalId: string; jobId: string } {
  const { application, servicePrincipal } = instantiateCtsTemplate({
    displayName: "Fabrikam",
    tenantId: source.id,
    tenantDomain: source.domain,
    createdDateTime: CREATED,
  });
  source.applications.push(application);
  source.servicePrincipals.push(servicePrincipal);
  const group = {
    id: "00000000-0000-4000-8000-0000000a11a1",
    displayName: "Everyone",
    mailNickname: "everyone",
    securityEnabled: true,
    mailEnabled: false,
    groupTypes: [],
    memberIds,
  };
  source.groups.push(group);
  source.appRoleAssignments.push({
    id: "bench-assignment",
    appRoleId: servicePrincipal.appRoles[0].id,
    principalId: group.id,
    principalType: "Group",
    principalDisplayName: group.displayName,
    resourceId: servicePrincipal.id,
    resourceDisplayName: servicePrincipal.displayName,
    createdDateTime: CREATED,
  });
  const jobId = newJobId("Azure2Azure");
  const schema = azure2azureDefaultSchema(jobId);
  const rules = schema.synchronizationRules as JsonObject[];
  const userMapping = (rules[0].objectMappings as JsonObject[])[0];
  for (const [target, expression] of EXPRESSION_MAPPINGS) {
    (userMapping.attributeMappings as JsonObject[]).push({
      defaultValue: null,
      exportMissingReferences: false,
      flowBehavior: "FlowWhenChanged",
      flowType: "Always",
      matchingPriority: 0,
      targetAttributeName: target,
      source: parseExpression(expression),
    });
  }
  const job = createJobRecord(jobId, "Azure2Azure", schema);
  startJob(job);
  source.synchronization[servicePrincipal.id] = {
    secrets: { AuthenticationType: "SyncPolicy", CompanyId: TARGET_ID, SyncAll: "false" },
    jobs: [job],
  };
  return { servicePrincipalId: servicePrincipal.id, jobId };
}

export function benchWorld(users: number = USERS): {
  world: WorldState;
  selector: { tenantId: string; servicePrincipalId: string; jobId: string };
} {
  const source = emptyTenant(SOURCE_ID, "Contoso", "contoso.example");
  const target = emptyTenant(TARGET_ID, "Fabrikam", "fabrikam.example");
  source.users = Array.from({ length: users }, (_, index) => sourceUser(index));
  allowSync(source, target);
  const configured = configure(
    source,
    source.users.map((user) => user.id),
  );
  return { world: { tenants: [source, target] }, selector: { tenantId: SOURCE_ID, ...configured } };
}

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));

export async function runCycleBench(): Promise<BenchRow[]> {
  const rssBefore = process.memoryUsage().rss;
  const now = () => Date.parse("2026-01-15T10:00:00Z");
  const { world, selector } = benchWorld();
  const heapBefore = process.memoryUsage().heapUsed;

  // Cold: the goal applies to the first cycle of the process, JIT warm-up included.
  let start = performance.now();
  const first = runCycle(world, selector, { now });
  const firstSeconds = (performance.now() - start) / 1000;
  const memory = process.memoryUsage();

  start = performance.now();
  const second = runCycle(world, selector, { now });
  const secondSeconds = (performance.now() - start) / 1000;

  // The preview of a first cycle, on a fresh world of the same size.
  const fresh = benchWorld();
  start = performance.now();
  const preview = previewProvisioning(fresh.world, fresh.selector, { now });
  const previewSeconds = (performance.now() - start) / 1000;

  if (first.changes.created !== USERS || preview.create.length !== USERS) {
    throw new Error(
      `Failed to benchmark the cycle: expected ${USERS} creates, the cycle made ${first.changes.created} and the preview planned ${preview.create.length}.`,
    );
  }
  if (second.changes.unchanged !== USERS) {
    throw new Error(
      `Failed to benchmark the cycle: the second cycle changed ${USERS - second.changes.unchanged} users.`,
    );
  }
  return [
    {
      name: `first cycle (cold): ${USERS} users, default mappings + ${EXPRESSION_MAPPINGS.length} expressions, creates + logs`,
      value: Number(firstSeconds.toFixed(3)),
      unit: "s",
      goal: "<= 2 s",
    },
    {
      name: "resident set after the first cycle",
      value: mb(memory.rss),
      unit: "MB",
      goal: "<= 500 MB",
    },
    { name: "resident set before the bench world was built", value: mb(rssBefore), unit: "MB" },
    {
      name: "heap used growth during the first cycle (garbage included)",
      value: mb(memory.heapUsed - heapBefore),
      unit: "MB",
    },
    {
      name: "provisioning log entries written by the first cycle",
      value: first.logEntries,
      unit: "entries",
    },
    {
      name: "second cycle: no source changes (steady state)",
      value: Number(secondSeconds.toFixed(3)),
      unit: "s",
    },
    {
      name: "preview of a first cycle (nothing applied)",
      value: Number(previewSeconds.toFixed(3)),
      unit: "s",
    },
  ];
}

if (require.main === module) {
  runCycleBench().then((rows) => console.table(rows));
}
