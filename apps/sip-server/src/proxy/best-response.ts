/** Rank for best-response selection (RFC 3261 §16.7 step 6): lower is better. */
export function responseRank(status: number): number {
  if (status >= 600) return 0;
  const cls = Math.floor(status / 100);
  // within a class prefer challenges and specific answers over generic errors
  const preferred = [401, 407, 415, 420, 484, 486].includes(status) ? 0 : status === 408 || status === 503 ? 2 : 1;
  return cls * 10 + preferred;
}

/** Index of the best of `statuses` (the first among equals), -1 when there are none. */
export function chooseBest(statuses: number[]): number {
  let best = -1;
  for (let i = 0; i < statuses.length; i++) {
    if (best < 0 || responseRank(statuses[i]) < responseRank(statuses[best])) best = i;
  }
  return best;
}
