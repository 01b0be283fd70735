import { selectRoute, type ClassOfService, type RouteRule } from '@branchline/dialplan';
import { leastCostOrder, RateTable } from '@branchline/rating';
import type { AppliedRate } from '../billing/cdr-pricing';

/** A PSTN gateway (SIP trunk) as routing dials it. */
export interface TrunkGateway {
  id: string;
  name: string;
  host: string;
  port: number;
  transport: 'UDP' | 'TCP' | 'TLS';
  username: string | null;
  /** SecretBox-sealed trunk password. */
  passwordEnc: string | null;
  stripDigits: number;
  prependDigits: string;
  e164Plus: boolean;
  maxChannels: number;
  /** The site whose emergency calls it carries (null: any site). */
  siteId: string | null;
  enabled: boolean;
}

/** A gateway with the rate lines of its decks that could price the number at hand. */
export interface PricedGateway {
  gateway: TrunkGateway;
  rates: Array<AppliedRate & { validFrom: Date }>;
}

export interface RouteWithGateways extends RouteRule {
  /** In the route's failover order. */
  gateways: Array<PricedGateway & { position: number }>;
}

/** One gateway to try, with the rate it charges (null for emergency calls, which are free). */
export interface GatewayAttempt {
  gateway: TrunkGateway;
  /** Its place in the route's own list (or among the site's gateways for the emergency fallback). */
  position: number;
  rate: AppliedRate | null;
}

export type GatewayPlan =
  | { kind: 'plan'; routeId: string | null; routeName: string; routePattern: string | null; attempts: GatewayAttempt[] }
  | { kind: 'refused'; status: number; reason: string };

export interface PlanCaller {
  siteId: string;
  classOfService: ClassOfService;
}

function rateOf(g: PricedGateway, number: string, at: Date): AppliedRate | null {
  const found = new RateTable(g.rates).lookup(number, at);
  if (!found) return null;
  const { validFrom: _validFrom, ...rate } = found;
  return rate;
}

/**
 * Which gateways an outside call tries, in order, pure. The route comes from
 * `selectRoute` (pattern over the E.164 number, priority, class of service);
 * its enabled gateways are priced by their own decks (longest prefix valid
 * `at`) and ordered by `leastCostOrder`: a gateway that cannot price the
 * number is not used, and when none can the call is refused (503).
 */
export function planOutbound(routes: readonly RouteWithGateways[], e164: string, caller: PlanCaller, at: Date): GatewayPlan {
  const choice = selectRoute(routes, e164, caller, false);
  if ('refused' in choice) {
    if (choice.refused === 'no-route') return { kind: 'refused', status: 503, reason: `No route for ${e164}` };
    return { kind: 'refused', status: 403, reason: `Not permitted: ${choice.reason}` };
  }
  const route = choice.route;
  const { ordered } = leastCostOrder(
    route.gateways.filter((g) => g.gateway.enabled).map((g) => ({ gateway: g.gateway, position: g.position, rate: rateOf(g, e164, at) })),
  );
  if (!ordered.length) return { kind: 'refused', status: 503, reason: `No gateway of route ${route.name} has a rate for ${e164}` };
  return {
    kind: 'plan',
    routeId: route.id,
    routeName: route.name,
    routePattern: route.pattern,
    attempts: ordered.map((c) => ({ gateway: c.gateway, position: c.position, rate: c.rate })),
  };
}

/**
 * Which gateways an emergency call tries, pure: the emergency route matching
 * the dialed number (class of service never matters), its gateways that
 * serve the caller's site first, then those serving every site, in the route's
 * order; gateways of other sites are left out, since they reach another
 * region's emergency centre. Emergency calls are free: no rate deck is
 * consulted (a "1" USA/Canada line would otherwise match 112). Without an emergency route, every enabled gateway of the
 * tenant serving the caller's site (then any site) is tried, so an emergency
 * call is never lost to a missing route.
 */
export function planEmergency(
  routes: readonly RouteWithGateways[],
  number: string,
  caller: PlanCaller,
  tenantGateways: readonly PricedGateway[],
): GatewayPlan {
  const choice = selectRoute(routes, number, caller, true);
  const route = 'route' in choice ? choice.route : null;
  const pool: Array<PricedGateway & { position: number }> = route
    ? route.gateways
    : tenantGateways.map((g, position) => ({ ...g, position }));
  const rank = (g: TrunkGateway) => (g.siteId === caller.siteId ? 0 : 1);
  const attempts = pool
    .filter((g) => g.gateway.enabled && (g.gateway.siteId === null || g.gateway.siteId === caller.siteId))
    .sort((a, b) => rank(a.gateway) - rank(b.gateway) || a.position - b.position)
    .map((g) => ({ gateway: g.gateway, position: g.position, rate: null }));
  if (!attempts.length) return { kind: 'refused', status: 503, reason: `No gateway for emergency number ${number}` };
  return { kind: 'plan', routeId: route?.id ?? null, routeName: route?.name ?? 'emergency fallback', routePattern: route?.pattern ?? null, attempts };
}
