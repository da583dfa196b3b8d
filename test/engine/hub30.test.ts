import * as path from "node:path";
import { CONTOSO_GROUPS } from "../../src/emulator/fixtures/fixtureIds";
import { describeLifecycle } from "./lifecycle";
import { withProgramStack } from "./programStack";
import { tenantLabels } from "./stackConfig";
import { hubWorld } from "./worlds";

/** The hub-and-spoke program over 31 tenants: Contoso as the hub of 30 spokes (180 resources). */
const SPOKES = 30;
const stack = withProgramStack({
  world: hubWorld(SPOKES - 1),
  dir: path.resolve(__dirname, "..", "..", "examples", "hub-and-spoke"),
  project: "entra-cts-hub-and-spoke",
  programConfig: (emulator) => ({
    tenants: JSON.stringify(tenantLabels(emulator.settings)),
    hubGroupId: CONTOSO_GROUPS.pilot,
  }),
});

describe("a SyncTopology hub of 30 spokes through the test engine", () => {
  describeLifecycle(stack, {
    kinds: {
      PartnerPolicy: 2 * SPOKES,
      SyncConfiguration: SPOKES,
      Assignment: SPOKES,
      SyncJob: SPOKES,
      AttributeMapping: SPOKES,
    },
    components: 1,
    timeoutMs: 180_000,
    portalChange: (s) => ({
      tenant: `spoke${SPOKES - 1}.onmicrosoft.com`,
      method: "PATCH",
      path: `/policies/crossTenantAccessPolicy/partners/${s.emulator.tenant("source").tenantId}`,
      body: { automaticUserConsentSettings: { inboundAllowed: false, outboundAllowed: null } },
      resourceName: `staff-spoke${SPOKES - 1}-partner-contoso`,
      property: "automaticUserConsentInbound",
      after: false,
    }),
  });
});
