// Politeness per host: a request to a host starts at least `intervalMs` after
// the previous one to it ended (1000 ms at the default one request a second),
// so the host never sees two of ours closer than that however slowly it
// answers; and a host that asked us to wait (Retry-After, or robots.txt's
// Crawl-delay) is left alone that long. Each host is fetched by one loop at a
// time, so a gate has a single waiter.

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

export class HostGate {
  private nextAt = 0;

  constructor(private intervalMs: number) {}

  get interval(): number {
    return this.intervalMs;
  }

  /** Widens the interval (robots.txt's Crawl-delay may ask for more than --rate gives). */
  atLeast(ms: number): void {
    this.intervalMs = Math.max(this.intervalMs, ms);
  }

  /** Resolves when the next request may start. */
  async turn(): Promise<void> {
    const wait = this.nextAt - Date.now();
    if (wait > 0) await sleep(wait);
  }

  /** The request that had its turn has ended (answered, failed or timed out). */
  finished(): void {
    this.nextAt = Math.max(this.nextAt, Date.now() + this.intervalMs);
  }

  /** No request before `ms` from now (Retry-After). */
  pause(ms: number): void {
    this.nextAt = Math.max(this.nextAt, Date.now() + ms);
  }
}
