import type { TrunkGateway } from '../app/planning/least-cost-gateways';

/** A gateway as the trunk repository returns it, enabled and dialled in E.164 with "+", for specs. */
export function trunkGateway(id: string, o: Partial<TrunkGateway> = {}): TrunkGateway {
  return {
    id,
    name: id,
    host: '10.0.0.1',
    port: 5060,
    transport: 'UDP',
    username: null,
    passwordEnc: null,
    stripDigits: 0,
    prependDigits: '',
    e164Plus: true,
    maxChannels: 30,
    siteId: null,
    enabled: true,
    ...o,
  };
}
