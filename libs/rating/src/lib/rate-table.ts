/** A rate as the deck stores it: E.164 digits prefix (no "+"), valid from a moment on. */
export interface PrefixRate {
  prefix: string;
  validFrom: Date;
}

/**
 * One rate deck, indexed by prefix, answering "which rate applies to this
 * number at this moment": the longest prefix that matches, and of that
 * prefix the line that became valid last (not in the future). A lookup
 * costs one map probe per digit of the number, whatever the deck's size.
 */
export class RateTable<T extends PrefixRate> {
  private readonly byPrefix = new Map<string, T[]>();
  private readonly longest: number;

  constructor(rates: readonly T[]) {
    let longest = 0;
    for (const r of rates) {
      if (!/^\d{1,15}$/.test(r.prefix)) throw new RangeError(`rate prefix must be 1-15 digits, got "${r.prefix}"`);
      const list = this.byPrefix.get(r.prefix) ?? [];
      list.push(r);
      this.byPrefix.set(r.prefix, list);
      longest = Math.max(longest, r.prefix.length);
    }
    // Newest first, so the first one already valid wins.
    for (const list of this.byPrefix.values()) list.sort((a, b) => b.validFrom.getTime() - a.validFrom.getTime());
    this.longest = longest;
  }

  /** The applicable rate for an E.164 number ("+4930..." or "4930..."), or null when none matches. */
  lookup(number: string, at: Date): T | null {
    const digits = number.startsWith('+') ? number.slice(1) : number;
    if (!/^\d+$/.test(digits)) return null;
    for (let len = Math.min(this.longest, digits.length); len >= 1; len--) {
      const list = this.byPrefix.get(digits.slice(0, len));
      const valid = list?.find((r) => r.validFrom.getTime() <= at.getTime());
      if (valid) return valid;
    }
    return null;
  }
}
