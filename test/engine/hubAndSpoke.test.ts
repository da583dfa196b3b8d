import * as path from "node:path";
import { CONTOSO_GROUPS } from "../../src/emulator/fixtures/fixtureIds";
import { describeLifecycle } from "./lifecycle";
import { withProgramStack } from "./programStack";
import { tenantLabels } from "./stackConfig";
import { hubWorld } from "./worlds";

/** examples/hub-and-spoke as its README runs it: Contoso as the hub of two spokes. */
const stack = withProgramStack({
  world: hubWorld(1),
  dir: path.resolve(__dirname, "..", "..", "examples", "hub-and-spoke"),
  project: "entra-cts-hub-and-spoke",
  programConfig: (emulator) => ({
    tenants: JSON.stringify(tenantLabels(emulator.settings)),
    hubGroupId: CONTOSO_GROUPS.pilot,
  }),
});

describe("examples/hub-and-spoke through the test engine", () => {
  describeLifecycle(stack, {
    kinds: {
      PartnerPolicy: 4,
      SyncConfiguration: 2,
      Assignment: 2,
      SyncJob: 2,
      AttributeMapping: 2,
    },
    components: 1,
    portalChange: (s) => ({
      tenant: "spoke1.onmicrosoft.com",
      method: "PATCH",
      path: `/policies/crossTenantAccessPolicy/partners/${s.emulator.tenant("source").tenantId}`,
      body: { automaticUserConsentSettings: { inboundAllowed: false, outboundAllowed: null } },
      resourceName: "staff-spoke1-partner-contoso",
      property: "automaticUserConsentInbound",
      after: false,
    }),
  });
});
