/**
 * REGISTERs per source address in the current second, counted in this
 * process. A phone sends two per registration (the challenged one and the
 * authenticated one), and a flood mostly the first kind: counting here keeps
 * both off Redis. Per replica: a source whose REGISTERs are spread over K
 * replicas gets K times the budget (the sip-server in front caps sources too).
 */
export class SourceRate {
  private second = -1;
  private readonly counts = new Map<string, number>();

  constructor(private readonly perSecond: number) {}

  /** Counts one REGISTER from `source`; false once the source has used up this second's budget. */
  take(source: string, nowMs: number): boolean {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.second) {
      // a new second: every count starts again, so the map never holds more than one second's sources
      this.second = second;
      this.counts.clear();
    }
    const n = (this.counts.get(source) ?? 0) + 1;
    this.counts.set(source, n);
    return n <= this.perSecond;
  }
}
