import { selectRoute, type RouteRule } from './route-selection';

const route = (name: string, pattern: string, over: Partial<RouteRule> = {}): RouteRule => ({
  id: name,
  name,
  pattern,
  priority: 100,
  requiredClassOfService: 'NATIONAL',
  isEmergency: false,
  siteId: null,
  enabled: true,
  ...over,
});

const routes = [
  route('emergency', '11[02]', { priority: 1, isEmergency: true, requiredClassOfService: 'INTERNAL' }),
  route('national', '+49.', { priority: 100 }),
  route('berlin-local', '+4930.', { priority: 100, requiredClassOfService: 'LOCAL' }),
  route('international', '+.', { priority: 200, requiredClassOfService: 'INTERNATIONAL' }),
  route('hamburg-only', '+4940.', { priority: 50, siteId: 'HAM' }),
  route('disabled', '+4989.', { priority: 10, enabled: false }),
];
const berliner = { siteId: 'BER', classOfService: 'NATIONAL' as const };

describe('selectRoute', () => {
  it.each`
    number             | caller                                             | chosen
    ${'+4940123456'}   | ${berliner}                                        | ${'national'}
    ${'+4940123456'}   | ${{ siteId: 'HAM', classOfService: 'NATIONAL' }}   | ${'hamburg-only'}
    ${'+4930123456'}   | ${berliner}                                        | ${'berlin-local'}
    ${'+4989123456'}   | ${berliner}                                        | ${'national'}
    ${'+441234567890'} | ${{ siteId: 'BER', classOfService: 'PREMIUM' }}    | ${'international'}
  `('routes $number for a $caller.siteId caller via $chosen', ({ number, caller, chosen }) => {
    const r = selectRoute(routes, number, caller, false);
    expect('route' in r && r.route.name).toBe(chosen);
  });

  it('refuses an international number to a national-only caller, naming the class needed', () => {
    expect(selectRoute(routes, '+441234567890', berliner, false)).toEqual({ refused: 'class-of-service', reason: 'route international needs class of service INTERNATIONAL' });
  });

  it('lets an internal-only caller reach an emergency route', () => {
    const r = selectRoute(routes, '112', { siteId: 'BER', classOfService: 'INTERNAL' }, true);
    expect('route' in r && r.route.name).toBe('emergency');
  });

  it('never uses an emergency route for an ordinary call, nor the reverse', () => {
    expect(selectRoute(routes, '112', berliner, false)).toEqual({ refused: 'no-route', reason: 'no route for 112' });
    expect(selectRoute(routes, '+4930123456', berliner, true)).toEqual({ refused: 'no-route', reason: 'no emergency route for +4930123456' });
  });
});
