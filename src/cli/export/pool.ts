/**
 * Runs tasks with at most `limit` in flight. Graph throttles per tenant and app, so each tenant
 * gets its own pool; GraphSession already waits out 429s with their Retry-After.
 */
export class Pool {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
