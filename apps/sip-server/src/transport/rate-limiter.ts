/**
 * Per-source token bucket. A flood from one address (scanner, broken phone, attack)
 * is dropped by the transport before parsing, on its source address alone, so it
 * cannot starve everyone else.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();
  private lastSweep = 0;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  allow(source: string): boolean {
    if (this.ratePerSec <= 0) return true;
    const t = this.now();
    if (t - this.lastSweep > 60_000) this.sweep(t);
    let b = this.buckets.get(source);
    if (!b) {
      b = { tokens: this.burst, last: t };
      this.buckets.set(source, b);
    } else {
      b.tokens = Math.min(this.burst, b.tokens + ((t - b.last) * this.ratePerSec) / 1000);
      b.last = t;
    }
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  // Forget sources whose bucket has refilled, so the map stays bounded.
  private sweep(t: number): void {
    this.lastSweep = t;
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((t - b.last) * this.ratePerSec) / 1000 >= this.burst) this.buckets.delete(k);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
