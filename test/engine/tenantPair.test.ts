import * as path from "node:path";
import { CONTOSO_GROUPS } from "../../src/emulator/fixtures/fixtureIds";
import { describeLifecycle } from "./lifecycle";
import { withProgramStack } from "./programStack";

/** examples/tenant-pair, end to end through the test engine against the emulator. */
const stack = withProgramStack({
  dir: path.resolve(__dirname, "..", "..", "examples", "tenant-pair"),
  project: "entra-cts-tenant-pair",
  programConfig: (emulator) => ({
    sourceTenantId: emulator.tenant("source").tenantId,
    targetTenantId: emulator.tenant("target").tenantId,
    pilotGroupId: CONTOSO_GROUPS.pilot,
  }),
});

describe("examples/tenant-pair through the test engine", () => {
  describeLifecycle(stack, {
    kinds: {
      PartnerPolicy: 2,
      SyncConfiguration: 1,
      Assignment: 1,
      SyncJob: 1,
      AttributeMapping: 1,
    },
    portalChange: (s) => ({
      tenant: "source",
      method: "PATCH",
      path: `/policies/crossTenantAccessPolicy/partners/${s.emulator.tenant("target").tenantId}`,
      body: { automaticUserConsentSettings: { inboundAllowed: null, outboundAllowed: false } },
      resourceName: "contoso-sends-to-fabrikam",
      property: "automaticUserConsentOutbound",
      after: false,
    }),
  });
});
