import { trunkGateway as gateway } from '../../testing/trunk-gateway';
import { planEmergency, planOutbound, type PricedGateway, type RouteWithGateways, type TrunkGateway } from './least-cost-gateways';

const rate = (prefix: string, pricePerMinute: string) => ({
  rateDeckId: `deck-${prefix}`,
  currency: 'EUR',
  prefix,
  description: prefix,
  connectFee: '0.00000',
  pricePerMinute,
  initialIncrement: 60,
  subsequentIncrement: 60,
  validFrom: new Date('2026-01-01'),
});
const priced = (g: TrunkGateway, ...rates: ReturnType<typeof rate>[]): PricedGateway => ({ gateway: g, rates });
const route = (id: string, pattern: string, gateways: PricedGateway[], o: Partial<RouteWithGateways> = {}): RouteWithGateways => ({
  id,
  name: id,
  pattern,
  priority: 100,
  requiredClassOfService: 'NATIONAL',
  isEmergency: false,
  siteId: null,
  enabled: true,
  gateways: gateways.map((g, position) => ({ ...g, position })),
  ...o,
});
const at = new Date('2026-06-01');
const caller = { siteId: 'ber', classOfService: 'NATIONAL' as const };

describe('planOutbound', () => {
  const a = priced(gateway('A'), rate('49', '0.0300'), rate('4930', '0.0190'));
  const b = priced(gateway('B'), rate('49', '0.0250'));
  const c = priced(gateway('C'));
  const off = priced(gateway('D', { enabled: false }), rate('49', '0.0001'));
  const routes = [route('national', '+49.', [b, a, c, off]), route('intl', '+.', [a], { priority: 200, requiredClassOfService: 'INTERNATIONAL' })];

  it.each([
    ['+49301234567', ['A', 'B'], ['4930', '49']],
    ['+4940123456', ['B', 'A'], ['49', '49']],
  ])('orders the gateways for %s by the longest-prefix rate of each deck', (number, order, prefixes) => {
    const plan = planOutbound(routes, number, caller, at);
    expect(plan.kind === 'plan' && plan.attempts.map((x) => x.gateway.id)).toEqual(order);
    expect(plan.kind === 'plan' && plan.attempts.map((x) => x.rate?.prefix)).toEqual(prefixes);
  });

  it('refuses with 403 when the route needs a higher class of service', () => {
    expect(planOutbound(routes, '+40401234567', caller, at)).toEqual({ kind: 'refused', status: 403, reason: 'Not permitted: route intl needs class of service INTERNATIONAL' });
  });

  it('refuses with 503 when no route matches, and when no gateway prices the number', () => {
    expect(planOutbound(routes, '+40401234567', { ...caller, classOfService: 'INTERNATIONAL' }, at)).toMatchObject({ kind: 'refused', status: 503, reason: 'No gateway of route intl has a rate for +40401234567' });
    expect(planOutbound([routes[0]], '+40401234567', caller, at)).toMatchObject({ kind: 'refused', status: 503, reason: 'No route for +40401234567' });
    expect(planOutbound([route('r', '+49.', [c])], '+49301234567', caller, at)).toMatchObject({ kind: 'refused', status: 503 });
  });
});

describe('planEmergency', () => {
  const own = priced(gateway('own', { siteId: 'ber' }));
  const any = priced(gateway('any'));
  const other = priced(gateway('other', { siteId: 'muc' }));
  it('tries the caller’s own site’s gateways first, then those of every site, never another site’s, whatever the class of service', () => {
    const plan = planEmergency([route('em', '11[02]', [other, any, own], { isEmergency: true })], '112', { siteId: 'ber', classOfService: 'INTERNAL' }, []);
    expect(plan.kind === 'plan' && plan.attempts.map((x) => x.gateway.id)).toEqual(['own', 'any']);
  });
  it('never prices an emergency call, even where a deck has a matching prefix (112 under "1", USA/Canada)', () => {
    const usa = priced(gateway('usa'), rate('1', '0.0150'), rate('11', '0.0200'));
    const plan = planEmergency([route('em', '11[02]', [usa], { isEmergency: true })], '112', { siteId: 'ber', classOfService: 'INTERNAL' }, []);
    expect(plan.kind === 'plan' && plan.attempts.map((x) => x.rate)).toEqual([null]);
    const fallback = planEmergency([], '110', { siteId: 'ber', classOfService: 'INTERNAL' }, [usa]);
    expect(fallback.kind === 'plan' && fallback.attempts.map((x) => x.rate)).toEqual([null]);
  });
  it('falls back to the tenant’s gateways for the site when there is no emergency route', () => {
    const plan = planEmergency([], '110', { siteId: 'ber', classOfService: 'INTERNAL' }, [any, own, other]);
    expect(plan).toMatchObject({ kind: 'plan', routeId: null });
    expect(plan.kind === 'plan' && plan.attempts.map((x) => x.gateway.id)).toEqual(['own', 'any']);
  });
});
