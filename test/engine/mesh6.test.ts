import * as path from "node:path";
import { CONTOSO_GROUPS } from "../../src/emulator/fixtures/fixtureIds";
import { describeLifecycle } from "./lifecycle";
import { withProgramStack } from "./programStack";
import { tenantLabels } from "./stackConfig";
import { meshWorld } from "./worlds";

/** A SyncTopology mesh of 6 tenants: every tenant to every other (30 directions, 150 resources). */
const TENANTS = 6;
const DIRECTIONS = TENANTS * (TENANTS - 1);
const stack = withProgramStack({
  world: meshWorld(TENANTS - 1),
  dir: path.resolve(__dirname, "programs", "mesh"),
  project: "entra-cts-test-mesh",
  programConfig: (emulator) => ({
    tenants: JSON.stringify(tenantLabels(emulator.settings)),
    groupId: CONTOSO_GROUPS.pilot,
  }),
});

describe("a SyncTopology mesh of 6 tenants through the test engine", () => {
  describeLifecycle(stack, {
    // One partner policy per tenant and partner carries both directions' settings.
    kinds: {
      PartnerPolicy: DIRECTIONS,
      SyncConfiguration: DIRECTIONS,
      Assignment: DIRECTIONS,
      SyncJob: DIRECTIONS,
      AttributeMapping: DIRECTIONS,
    },
    components: 1,
    timeoutMs: 180_000,
    portalChange: (s) => ({
      tenant: "peer3.onmicrosoft.com",
      method: "PATCH",
      path: `/policies/crossTenantAccessPolicy/partners/${s.emulator.tenant("source").tenantId}`,
      body: { automaticUserConsentSettings: { inboundAllowed: true, outboundAllowed: false } },
      resourceName: "mesh-peer3-partner-contoso",
      property: "automaticUserConsentOutbound",
      after: false,
    }),
  });
});
