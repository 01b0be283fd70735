export interface RateSearch {
  /** First rate tried, and how much each next step adds (or the next rate, from the last). */
  start: number;
  step: number | ((rate: number) => number);
  /** No step goes above this. */
  max: number;
  /** When given, exactly these rates are run (no search). */
  fixed?: number[];
  /** Runs one step at `rate`; true when it passed. */
  attempt(rate: number): Promise<boolean>;
}

/**
 * The highest rate a benchmark holds: steps up from `start` until a step fails,
 * then bisects twice between the last rate that passed and the first that
 * failed. Returns 0 when not even `start` passed.
 */
export async function searchRate(o: RateSearch): Promise<number> {
  let best = 0;
  if (o.fixed?.length) {
    for (const rate of o.fixed) if ((await o.attempt(rate)) && rate > best) best = rate;
    return best;
  }
  let failedAt = 0;
  const next = typeof o.step === 'number' ? (rate: number) => rate + (o.step as number) : o.step;
  for (let rate = o.start; rate <= o.max; rate = next(rate)) {
    if (!(await o.attempt(rate))) {
      failedAt = rate;
      break;
    }
    best = rate;
  }
  for (let i = 0; i < 2 && failedAt && best; i++) {
    const mid = Math.round((best + failedAt) / 2);
    if (await o.attempt(mid)) best = mid;
    else failedAt = mid;
  }
  return best;
}
