import { isGatewayFailure } from './failover';

describe('isGatewayFailure', () => {
  it.each([
    [408, true],
    [500, true],
    [503, true],
    [407, true],
    [604, false],
    [603, false],
    [600, false],
    [606, true],
    [486, false],
    [404, false],
    [480, false],
  ])('%i → %p', (status, failover) => expect(isGatewayFailure(status)).toBe(failover));
});
