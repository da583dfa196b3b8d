/**
 * The emulator's clock: the given (or real) time plus an offset that only grows. Advancing it is
 * how a rehearsal reaches what takes real time in Entra (an expired token, the next scheduled
 * cycle 40 minutes on, the end of replication lag) without waiting (decisions/0094).
 */
export class EmulatedClock {
  private offsetMs = 0;

  constructor(private readonly base: () => number) {}

  /** Milliseconds since epoch, as every part of the emulator reads the time. */
  readonly now = (): number => this.base() + this.offsetMs;

  /** Moves the clock forward; the emulator's time never runs backwards. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(
        `Failed to advance the clock: ${ms} is not a non-negative number of milliseconds.`,
      );
    }
    this.offsetMs += ms;
  }

  /** How far the clock has been advanced, in milliseconds. */
  get advancedMs(): number {
    return this.offsetMs;
  }
}
