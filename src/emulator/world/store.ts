/**
 * The live world and the ways to find things in it, save it and put it back. The world object
 * itself never changes identity (the dispatcher holds it); restore and reset swap its tenants.
 */
import { readFile, writeFile } from "node:fs/promises";
import { parseSnapshot, toSnapshot, type SnapshotFile } from "./snapshot";
import type { CallerApp, TenantState, WorldState } from "./types";

export interface WorldStoreOptions {
  now?: () => number;
  /**
   * Runs after the world is created, restored or reset: binds run-specific facts (this run's
   * certificates and GitHub issuer URL) onto the callers.
   */
  bind?: (world: WorldState) => void;
}

export class WorldStore {
  readonly world: WorldState;
  private initial: WorldState;
  private readonly now: () => number;
  private readonly bind: (world: WorldState) => void;

  constructor(initial: WorldState, options: WorldStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.bind = options.bind ?? (() => undefined);
    this.initial = structuredClone(initial);
    this.world = { tenants: [] };
    this.replace(this.initial);
  }

  tenantById(id: string): TenantState | undefined {
    return this.world.tenants.find((tenant) => tenant.id === id);
  }

  /** `{tenant}` in authority URLs may be the GUID or a domain (case-insensitive). */
  tenantByIdOrDomain(segment: string): TenantState | undefined {
    const lower = segment.toLowerCase();
    return this.world.tenants.find(
      (tenant) => tenant.id.toLowerCase() === lower || tenant.domain.toLowerCase() === lower,
    );
  }

  caller(tenant: TenantState, appId: string): CallerApp | undefined {
    return tenant.callers.find((caller) => caller.appId === appId);
  }

  snapshot(): SnapshotFile {
    return toSnapshot(this.world, this.now());
  }

  /** Replaces the world with `world` (validated as a snapshot would be). */
  restore(world: WorldState): void {
    this.replace(parseSnapshot(toSnapshot(world, this.now()), "a world object"));
  }

  /** Puts back the world the store started with (or last restored from a file at start). */
  reset(): void {
    this.replace(this.initial);
  }

  /** Makes the current world the one reset() returns to. */
  rebase(): void {
    this.initial = structuredClone(this.world);
  }

  async saveSnapshot(file: string): Promise<SnapshotFile> {
    const snapshot = this.snapshot();
    await writeFile(file, `${JSON.stringify(snapshot, null, 2)}\n`, "utf8");
    return snapshot;
  }

  async loadSnapshot(file: string): Promise<void> {
    let content: unknown;
    try {
      content = JSON.parse(await readFile(file, "utf8"));
    } catch (error) {
      throw new Error(
        `Failed to restore snapshot from ${file}: ${(error as Error).message}. Check the path and that the file is JSON.`,
      );
    }
    this.replace(parseSnapshot(content, file));
  }

  private replace(world: WorldState): void {
    this.world.tenants = structuredClone(world.tenants);
    this.bind(this.world);
  }
}
