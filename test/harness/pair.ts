import type { Engine, StateEntry } from "./engine";

/** The two partner policies a sync pair needs, created through the provider. */
export async function createPartnerPair(
  engine: Engine,
  source: string,
  target: string,
  overrides: { target?: Record<string, unknown>; source?: Record<string, unknown> } = {},
): Promise<{ sourceSide: StateEntry; targetSide: StateEntry }> {
  const targetSide = await engine.create("PartnerPolicy", "target-side", {
    tenantId: target,
    partnerTenantId: source,
    automaticUserConsentInbound: true,
    userSyncInbound: true,
    ...overrides.target,
  });
  const sourceSide = await engine.create("PartnerPolicy", "source-side", {
    tenantId: source,
    partnerTenantId: target,
    automaticUserConsentOutbound: true,
    ...overrides.source,
  });
  return { sourceSide, targetSide };
}

/** Both partner sides, then a configuration named "Fabrikam"; answers its service principal id. */
export async function createConfiguredPair(
  engine: Engine,
  source: string,
  target: string,
): Promise<string> {
  await createPartnerPair(engine, source, target);
  const config = await engine.create("SyncConfiguration", "config", {
    sourceTenantId: source,
    targetTenantId: target,
    displayName: "Fabrikam",
  });
  return config.outputs.servicePrincipalId as string;
}
