import { leastCostOrder } from './least-cost';

const rate = (pricePerMinute: string, connectFee = '0') => ({ pricePerMinute, connectFee, initialIncrement: 60, subsequentIncrement: 60 });

describe('leastCostOrder', () => {
  it('orders by price per minute, then connect fee, then the route order, and leaves unpriced gateways out', () => {
    const { ordered, unpriced } = leastCostOrder([
      { gateway: 'A', position: 0, rate: rate('0.02') },
      { gateway: 'B', position: 1, rate: rate('0.01', '0.05') },
      { gateway: 'C', position: 2, rate: null },
      { gateway: 'D', position: 3, rate: rate('0.01') },
      { gateway: 'E', position: 4, rate: rate('0.010') },
    ]);
    expect(ordered.map((c) => c.gateway)).toEqual(['D', 'E', 'B', 'A']);
    expect(unpriced.map((c) => c.gateway)).toEqual(['C']);
  });

  it('keeps the route order among equal prices', () => {
    const { ordered } = leastCostOrder([
      { gateway: 'second', position: 2, rate: rate('0.02') },
      { gateway: 'first', position: 1, rate: rate('0.02') },
    ]);
    expect(ordered.map((c) => c.gateway)).toEqual(['first', 'second']);
  });

  it('gives an empty order when nothing is priced', () => {
    expect(leastCostOrder([{ gateway: 'A', position: 0, rate: null }]).ordered).toEqual([]);
  });
});
