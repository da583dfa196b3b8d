/**
 * Emulator worlds with many tenants, for topology programs: copies of the default world's
 * Contoso (so every copy has the same pilot group, and any of them can be a source) and Fabrikam,
 * each under its own tenant id and domain. Ids are deterministic.
 */
import { contosoTenant } from "../../src/emulator/fixtures/contoso";
import { fabrikamTenant } from "../../src/emulator/fixtures/fabrikam";
import {
  CONTOSO_DOMAIN,
  DEFAULT_SOURCE_TENANT_ID,
  DEFAULT_TARGET_TENANT_ID,
  FABRIKAM_DOMAIN,
} from "../../src/emulator/fixtures/fixtureIds";
import type { TenantState, WorldState } from "../../src/emulator/world/types";

/** The n-th extra tenant's id (n from 1). */
export function extraTenantId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

function copyOf(
  tenant: TenantState,
  fromId: string,
  fromDomain: string,
  n: number,
  label: string,
): TenantState {
  const text = JSON.stringify(tenant)
    .replaceAll(fromId, extraTenantId(n))
    .replaceAll(fromDomain, `${label}.onmicrosoft.com`);
  return { ...(JSON.parse(text) as TenantState), displayName: label };
}

/** Contoso (the hub), Fabrikam, and `extraSpokes` more Fabrikam-like targets. */
export function hubWorld(extraSpokes: number): WorldState {
  const spokes = Array.from({ length: extraSpokes }, (_, i) =>
    copyOf(fabrikamTenant(), DEFAULT_TARGET_TENANT_ID, FABRIKAM_DOMAIN, i + 1, `spoke${i + 1}`),
  );
  return { tenants: [contosoTenant(), fabrikamTenant(), ...spokes] };
}

/** Contoso and `extra` more Contoso-like tenants: each can send, each has the pilot group. */
export function meshWorld(extra: number): WorldState {
  const peers = Array.from({ length: extra }, (_, i) =>
    copyOf(contosoTenant(), DEFAULT_SOURCE_TENANT_ID, CONTOSO_DOMAIN, i + 1, `peer${i + 1}`),
  );
  return { tenants: [contosoTenant(), ...peers] };
}
