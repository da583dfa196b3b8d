import type { ReplicationLag } from "./settings";

interface HiddenObject {
  /** Emulator-clock time from which the object may be visible (ms lag). */
  visibleAt: number;
  /** Requests that must still be refused (reads lag). */
  readsLeft: number;
  /** Request that last consumed a read, so one request counts once however often it asks. */
  lastRequestId?: string;
}

/**
 * Entra's read-after-write lag, made deterministic: objects created while the knob is on stay
 * invisible for `ms` on the emulator clock and for `reads` requests addressed to them. Both
 * conditions must be over before the object shows (decisions/0006-replication-lag.md).
 */
export class ReplicationLagTracker {
  private readonly hidden = new Map<string, HiddenObject>();
  private lag: ReplicationLag | null = null;

  constructor(private readonly now: () => number) {}

  /** Applies new settings; turning the knob off (or changing it) reveals everything pending. */
  configure(lag: ReplicationLag | null): void {
    this.lag = lag;
    this.hidden.clear();
  }

  markCreated(objectId: string): void {
    if (!this.lag) return;
    this.hidden.set(objectId, {
      visibleAt: this.now() + (this.lag.ms ?? 0),
      readsLeft: this.lag.reads ?? 0,
    });
  }

  isVisible(objectId: string, requestId?: string): boolean {
    const entry = this.hidden.get(objectId);
    if (!entry) return true;
    const timePassed = this.now() >= entry.visibleAt;
    if (entry.readsLeft > 0) {
      if (requestId === undefined || entry.lastRequestId !== requestId) {
        entry.readsLeft -= 1;
        entry.lastRequestId = requestId;
      }
      return false;
    }
    if (entry.lastRequestId !== undefined && entry.lastRequestId === requestId) return false;
    if (!timePassed) return false;
    this.hidden.delete(objectId);
    return true;
  }

  /** Ids still hidden (for the admin API). */
  pending(): string[] {
    return [...this.hidden.keys()];
  }
}
