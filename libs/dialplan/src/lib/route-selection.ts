import { permits, type ClassOfService } from './class-of-service';
import { matchesDialPattern, parseDialPattern } from './dial-pattern';

export interface RouteRule {
  id: string;
  name: string;
  pattern: string;
  priority: number;
  requiredClassOfService: ClassOfService;
  isEmergency: boolean;
  /** Only for callers of this site (null: every site). */
  siteId: string | null;
  enabled: boolean;
}

/** Why no route takes a number: none matches it, or the one that does needs a higher class of service. */
export type RouteRefusal = 'no-route' | 'class-of-service';

export type RouteChoice<R extends RouteRule> = { route: R } | { refused: RouteRefusal; reason: string };

/**
 * The outbound route for a number: among enabled routes of the right kind
 * (emergency or not) for the caller's site whose pattern matches, the lowest
 * priority number wins, then the most specific pattern. A route that needs a
 * higher class of service than the caller holds refuses the call; emergency
 * routes never do.
 */
export function selectRoute<R extends RouteRule>(
  routes: readonly R[],
  number: string,
  caller: { siteId: string; classOfService: ClassOfService },
  emergency: boolean,
): RouteChoice<R> {
  const matching = routes
    .filter((r) => r.enabled && r.isEmergency === emergency && (r.siteId === null || r.siteId === caller.siteId))
    .map((r) => ({ r, p: parseDialPattern(r.pattern) }))
    .filter(({ p }) => matchesDialPattern(p, number))
    .sort((a, b) => a.r.priority - b.r.priority || b.p.specificity - a.p.specificity);
  const best = matching[0]?.r;
  if (!best) return { refused: 'no-route', reason: emergency ? `no emergency route for ${number}` : `no route for ${number}` };
  if (!emergency && !permits(caller.classOfService, best.requiredClassOfService)) {
    return { refused: 'class-of-service', reason: `route ${best.name} needs class of service ${best.requiredClassOfService}` };
  }
  return { route: best };
}
