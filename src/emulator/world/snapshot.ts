/**
 * The snapshot file: a world plus a format marker, so a file from something else is refused
 * with a clear message instead of half-loading (decisions/0008-snapshots-and-binding.md).
 */
import { z } from "zod";
import type { WorldState } from "./types";

export const SNAPSHOT_FORMAT = "entra-cts-emulator-snapshot";
export const SNAPSHOT_VERSION = 1;

export interface SnapshotFile {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  savedAt: string;
  world: WorldState;
}

// Shallow on purpose: handlers own the shape of their records; this catches wrong files.
const tenantSchema = z.looseObject({
  id: z.string(),
  displayName: z.string(),
  domain: z.string(),
  callers: z.array(z.looseObject({ appId: z.string() })),
  users: z.array(z.looseObject({ id: z.string() })),
  groups: z.array(z.looseObject({ id: z.string() })),
  crossTenantAccessPolicy: z.looseObject({
    default: z.record(z.string(), z.unknown()),
    partners: z.array(z.unknown()),
    deletedPartners: z.array(z.unknown()),
  }),
  applications: z.array(z.unknown()),
  servicePrincipals: z.array(z.unknown()),
  deletedItems: z.array(z.unknown()),
  synchronization: z.record(z.string(), z.unknown()),
  appRoleAssignments: z.array(z.unknown()),
  provisioningLogs: z.array(z.unknown()),
});

const snapshotSchema = z.object({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_VERSION),
  savedAt: z.string(),
  world: z.object({ tenants: z.array(tenantSchema) }),
});

export function toSnapshot(world: WorldState, now: number): SnapshotFile {
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    savedAt: new Date(now).toISOString(),
    world: structuredClone(world),
  };
}

/** Accepts a snapshot file's content; `source` names it in the error. */
export function parseSnapshot(content: unknown, source: string): WorldState {
  const result = snapshotSchema.safeParse(content);
  if (!result.success) {
    throw new Error(
      `Failed to restore snapshot from ${source}: ${z.prettifyError(result.error)}. Use a file written by saveSnapshot() or POST /_emulator/snapshot.`,
    );
  }
  return result.data.world as unknown as WorldState;
}
