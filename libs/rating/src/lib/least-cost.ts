import { parseMoney } from './money';
import type { Tariff } from './rate-call';

export interface GatewayCandidate<G, R extends Tariff> {
  gateway: G;
  /** The gateway's place in the route's failover list (lower first). */
  position: number;
  /** The rate its deck charges for the number, or null when the deck has none. */
  rate: R | null;
}

export interface LeastCostOrder<G, R extends Tariff> {
  /** Priced gateways, cheapest first. */
  ordered: Array<GatewayCandidate<G, R> & { rate: R }>;
  /** Gateways left out because their deck has no rate for the number: a call we cannot price is not placed. */
  unpriced: Array<GatewayCandidate<G, R>>;
}

/**
 * Least-cost routing order: by price per minute, then connect fee, then the
 * route's own order. Gateways whose deck does not price the number are left
 * out (and reported), because finance must be able to bill every call.
 */
export function leastCostOrder<G, R extends Tariff>(candidates: ReadonlyArray<GatewayCandidate<G, R>>): LeastCostOrder<G, R> {
  const priced = candidates.filter((c): c is GatewayCandidate<G, R> & { rate: R } => c.rate !== null);
  const key = (c: GatewayCandidate<G, R> & { rate: R }) => [parseMoney(c.rate.pricePerMinute), parseMoney(c.rate.connectFee), BigInt(c.position)];
  const ordered = [...priced].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
  return { ordered, unpriced: candidates.filter((c) => c.rate === null) };
}
