/**
 * The emulator's answers against Graph's published metadata (an extract committed as
 * test/fixtures/reference/graph-metadata-extract.json, its source noted inside): partner and
 * default-policy answers carry exactly the metadata's properties per version, and every enum value
 * the emulator emits (schema, job status, provisioning logs, policies) is a member of its enum
 * (decisions/0093).
 */
import * as extract from "../fixtures/reference/graph-metadata-extract.json";
import { DEFAULT_TARGET_TENANT_ID as TARGET } from "../../src/emulator/fixtures/defaultWorld";
import { azure2azureDefaultSchema } from "../../src/emulator/fixtures/azure2azureSchema";
import { ATTRIBUTE_METADATA_KEYS, OBJECT_METADATA_KEYS } from "../../src/schema/metadataKeys";
import { withEmulator } from "../harness/emulator";
import { configurePair, expectStatus } from "../harness/cyclePair";

type Version = "v1.0" | "beta";
const VERSIONS: Version[] = ["v1.0", "beta"];
const enums = extract.enums as Record<string, Record<Version, string[]>>;
const PARTNERS = "/policies/crossTenantAccessPolicy/partners";

/** Which enum a leaf holds, by its path with array indexes left out. */
const ENUM_AT: Array<[RegExp, string]> = [
  [/directories\.objects\.metadata\.key$/, "objectDefinitionMetadata"],
  [/directories\.objects\.attributes\.metadata\.key$/, "attributeDefinitionMetadata"],
  [/directories\.objects\.attributes\.type$/, "attributeType"],
  [/directories\.objects\.attributes\.mutability$/, "mutability"],
  [/attributeMappings\.flowType$/, "attributeFlowType"],
  [/attributeMappings\.flowBehavior$/, "attributeFlowBehavior"],
  [/attributeMappings\.source(\.parameters\.value)*\.type$/, "attributeMappingSourceType"],
  [/objectMappings\.flowTypes$/, "objectFlowTypes"],
  [/^status\.code$/, "synchronizationStatusCode"],
  [/^status\.lastExecution\.state$/, "synchronizationTaskExecutionResult"],
  [/^status\.lastSuccessfulExecution\.state$/, "synchronizationTaskExecutionResult"],
  [/^status\.quarantine\.reason$/, "quarantineReason"],
  [/^schedule\.state$/, "synchronizationScheduleState"],
  [/^provisioningAction$/, "provisioningAction"],
  [/^provisioningStatusInfo\.status$/, "provisioningResult"],
  [/^provisioningSteps\.status$/, "provisioningResult"],
  [/errorInformation\.errorCategory$/, "provisioningStatusErrorCategory"],
  [/^provisioningSteps\.provisioningStepType$/, "provisioningStepType"],
  [/\.accessType$/, "crossTenantAccessPolicyTargetConfigurationAccessType"],
  [/\.targetType$/, "crossTenantAccessPolicyTargetType"],
];

/** [enum name, value, path] for every enum-typed leaf of `document`. */
function enumLeaves(document: unknown): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) return value.forEach((item) => walk(item, path));
    if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
      return;
    }
    const rule = ENUM_AT.find(([pattern]) => pattern.test(path));
    if (!rule || value === null) return;
    // objectFlowTypes is a flags enum, serialised "Add, Update, Delete".
    const members = rule[1] === "objectFlowTypes" ? String(value).split(",") : [String(value)];
    for (const member of members) found.push([rule[1], member.trim(), path]);
  };
  walk(document, "");
  return found;
}

function outsideTheirEnum(documents: unknown[], version: Version): string[] {
  return documents
    .flatMap(enumLeaves)
    .filter(([name, value]) => !enums[name][version].includes(value))
    .map(([name, value, path]) => `${path} = '${value}' is not a member of ${name}`);
}

describe("metadata keys", () => {
  // One list serves the emulator (refuses other keys) and the provider (drops them).
  it("the emulator and the provider know exactly Graph's metadata-key enums", () => {
    for (const version of VERSIONS) {
      const objectKeys = [...enums.objectDefinitionMetadata[version]].sort();
      const attributeKeys = [...enums.attributeDefinitionMetadata[version]].sort();
      expect([...OBJECT_METADATA_KEYS].sort()).toEqual(objectKeys);
      expect([...ATTRIBUTE_METADATA_KEYS].sort()).toEqual(attributeKeys);
    }
  });

  it("the Azure2Azure schema uses only enum members", () => {
    const schema = azure2azureDefaultSchema();
    const leaves = enumLeaves(schema).map(([name]) => name);
    for (const name of [
      "objectDefinitionMetadata",
      "attributeDefinitionMetadata",
      "attributeType",
      "mutability",
      "attributeFlowType",
      "attributeMappingSourceType",
      "objectFlowTypes",
    ]) {
      expect(leaves).toContain(name);
    }
    for (const version of VERSIONS) expect(outsideTheirEnum([schema], version)).toEqual([]);
  });
});

describe("answers of the running emulator", () => {
  const h = withEmulator();
  beforeEach(() => h.emulator.reset());

  it.each(VERSIONS)(
    "partner and default policy in %s carry exactly the metadata's properties",
    async (version) => {
      expectStatus(await h.graphFetch("source", "POST", PARTNERS, { tenantId: TARGET }), 201);
      const partner = expectStatus(
        await h.graphFetch("source", "GET", `/${version}${PARTNERS}/${TARGET}`),
        200,
      );
      const policies = extract.entityProperties;
      const keys = (body: object) => Object.keys(body).filter((key) => !key.startsWith("@odata"));
      expect(keys(partner).sort()).toEqual(
        [...policies.crossTenantAccessPolicyConfigurationPartner[version]].sort(),
      );
      for (const name of [
        "appServiceConnectInbound",
        "m365CollaborationInbound",
        "m365CollaborationOutbound",
        "isInMultiTenantOrganization",
      ]) {
        expect(partner[name]).toBeNull();
      }
      const defaults = expectStatus(
        await h.graphFetch("source", "GET", `/${version}/policies/crossTenantAccessPolicy/default`),
        200,
      );
      expect(keys(defaults).sort()).toEqual(
        [...policies.crossTenantAccessPolicyConfigurationDefault[version]].sort(),
      );
      expect(outsideTheirEnum([partner, defaults], version)).toEqual([]);
    },
  );

  it("job status, schema and provisioning logs hold only enum members, also in quarantine", async () => {
    const { spId, jobId } = await configurePair(h);
    const job = `/servicePrincipals/${spId}/synchronization/jobs/${jobId}`;
    h.emulator.runCycle({ servicePrincipalId: spId });
    const afterCycle = expectStatus(await h.graphFetch("source", "GET", job), 200);
    const schema = expectStatus(await h.graphFetch("source", "GET", `${job}/schema`), 200);
    // Taking the source's outbound consent away quarantines the next cycle.
    expectStatus(
      await h.graphFetch("source", "PATCH", `${PARTNERS}/${TARGET}`, {
        automaticUserConsentSettings: { outboundAllowed: false },
      }),
      204,
    );
    h.emulator.runCycle({ servicePrincipalId: spId });
    const quarantined = expectStatus(await h.graphFetch("source", "GET", job), 200);
    const logs = expectStatus(
      await h.graphFetch("source", "GET", "/auditLogs/provisioning?$top=999"),
      200,
    ).value;
    const documents = [afterCycle, quarantined, schema, ...logs];
    const covered = new Set(documents.flatMap(enumLeaves).map(([name]) => name));
    for (const name of [
      "synchronizationStatusCode",
      "synchronizationTaskExecutionResult",
      "quarantineReason",
      "provisioningAction",
      "provisioningResult",
      "provisioningStepType",
      "objectDefinitionMetadata",
    ]) {
      expect(covered).toContain(name);
    }
    for (const version of VERSIONS) expect(outsideTheirEnum(documents, version)).toEqual([]);
  });

  it("refuses a schema PUT with a metadata key outside the enum, naming it", async () => {
    const { spId, jobId } = await configurePair(h, false);
    const path = `/servicePrincipals/${spId}/synchronization/jobs/${jobId}/schema`;
    const schema = expectStatus(await h.graphFetch("source", "GET", path), 200);
    schema.directories[0].objects[0].metadata.push({ key: "IsHardDeletionSupported", value: "1" });
    const reply = await h.graphFetch("source", "PUT", path, schema);
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toMatch(/metadata key 'IsHardDeletionSupported'/);
  });
});
