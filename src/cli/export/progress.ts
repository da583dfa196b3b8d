/**
 * A one-line progress display on a terminal (rewritten in place); silent when stderr is not a
 * TTY, so CI logs and pipes get only the summary.
 */
export class Progress {
  private reads = 0;
  private lastDraw = 0;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled = !!process.stderr.isTTY,
  ) {}

  read(tenantId: string, what: string): void {
    this.reads++;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 80) return;
    this.lastDraw = now;
    const line = `reading: ${this.reads} done, last: ${tenantId.slice(0, 8)} ${what}`;
    this.stream.write(`\r${line.slice(0, (this.stream.columns ?? 100) - 1)}\x1b[K`);
  }

  done(): void {
    if (this.enabled) this.stream.write("\r\x1b[K");
  }
}
