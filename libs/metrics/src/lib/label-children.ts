/**
 * One label child per value of a bounded label, resolved once (`counter.labels(v)` is a lookup and
 * a string join per call): hot paths then do `children[v].inc()`.
 */
export function labelChildren<K extends string, C>(values: readonly K[], child: (value: K) => C): Record<K, C> {
  const out = {} as Record<K, C>;
  for (const v of values) out[v] = child(v);
  return out;
}
