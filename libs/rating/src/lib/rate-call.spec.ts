import { billableSeconds, rateCall, talkedSeconds, TariffError, type Tariff } from './rate-call';

const tariff = (pricePerMinute: string, increments: string, connectFee = '0'): Tariff => {
  const [initialIncrement, subsequentIncrement] = increments.split('/').map(Number);
  return { pricePerMinute, connectFee, initialIncrement, subsequentIncrement };
};

describe('billableSeconds', () => {
  it.each`
    talked  | increments | billable
    ${0}    | ${'60/60'} | ${0}
    ${1}    | ${'60/60'} | ${60}
    ${60}   | ${'60/60'} | ${60}
    ${61}   | ${'60/60'} | ${120}
    ${3723} | ${'60/60'} | ${3780}
    ${1}    | ${'1/1'}   | ${1}
    ${61}   | ${'1/1'}   | ${61}
    ${5}    | ${'30/6'}  | ${30}
    ${30}   | ${'30/6'}  | ${30}
    ${31}   | ${'30/6'}  | ${36}
    ${36}   | ${'30/6'}  | ${36}
    ${37}   | ${'30/6'}  | ${42}
    ${59}   | ${'60/1'}  | ${60}
    ${61}   | ${'60/1'}  | ${61}
  `('bills $talked s at $increments as $billable s', ({ talked, increments, billable }) => {
    const [i, s] = (increments as string).split('/').map(Number);
    expect(billableSeconds(talked, i, s)).toBe(billable);
  });

  it.each([
    [-1, 60, 60],
    [1.5, 60, 60],
    [10, 0, 60],
    [10, 60, 0],
    [10, 60, 2.5],
  ])('refuses talked=%p initial=%p subsequent=%p', (t, i, s) => {
    expect(() => billableSeconds(t, i, s)).toThrow(TariffError);
  });
});

describe('talkedSeconds', () => {
  const at = (ms: number) => new Date(Date.UTC(2026, 10, 25, 12, 0, 0) + ms);
  it.each([
    [0, 0],
    [1, 1],
    [999, 1],
    [1000, 1],
    [1001, 2],
    [61_000, 61],
    [-50, 0],
  ])('counts %p ms from answer to hang-up as %p s (every started second)', (ms, s) => {
    expect(talkedSeconds(at(0), at(ms))).toBe(s);
  });
});

// Expected costs computed by hand: connect fee + price/min × billable s / 60, rounded half-up at the 5th decimal.
describe('rateCall', () => {
  it.each`
    case                                                     | price        | increments | connect   | talked  | billable | cost
    ${'a short call is billed a full first minute'}          | ${'0.02'}    | ${'60/60'} | ${'0'}    | ${1}    | ${60}    | ${'0.02000'}
    ${'one second over the minute is a second minute'}       | ${'0.02'}    | ${'60/60'} | ${'0'}    | ${61}   | ${120}   | ${'0.04000'}
    ${'an hour and change at 60/60'}                         | ${'0.019'}   | ${'60/60'} | ${'0'}    | ${3723} | ${3780}  | ${'1.19700'}
    ${'per-second billing: 0.0123 × 61/60 = 0.012505 → up'}  | ${'0.0123'}  | ${'1/1'}   | ${'0'}    | ${61}   | ${61}    | ${'0.01251'}
    ${'30/6 with a connect fee: 0.05 + 0.09 × 36/60'}        | ${'0.09'}    | ${'30/6'}  | ${'0.05'} | ${31}   | ${36}    | ${'0.10400'}
    ${'30/6, exactly the first increment'}                   | ${'0.09'}    | ${'30/6'}  | ${'0.05'} | ${30}   | ${30}    | ${'0.09500'}
    ${'30/6, under the first increment'}                     | ${'0.09'}    | ${'30/6'}  | ${'0.05'} | ${5}    | ${30}    | ${'0.09500'}
    ${'premium: 0.50 + 1.99 × 3 min'}                        | ${'1.99'}    | ${'60/60'} | ${'0.50'} | ${125}  | ${180}   | ${'6.47000'}
    ${'a fraction under half a unit rounds down'}            | ${'0.00001'} | ${'1/1'}   | ${'0'}    | ${29}   | ${29}    | ${'0.00000'}
    ${'exactly half a unit rounds up'}                       | ${'0.00001'} | ${'1/1'}   | ${'0'}    | ${30}   | ${30}    | ${'0.00001'}
    ${'answered, no whole second: the connect fee only'}     | ${'0.09'}    | ${'30/6'}  | ${'0.05'} | ${0}    | ${0}     | ${'0.05000'}
    ${'a long mobile call, 1/1: 0.1234 × 7261/60 = 14.933456…'}| ${'0.1234'}  | ${'1/1'}   | ${'0'}    | ${7261} | ${7261}  | ${'14.93346'}
  `('$case', ({ price, increments, connect, talked, billable, cost }) => {
    const charge = rateCall({ answered: true, talkedSeconds: talked }, tariff(price, increments, connect));
    expect(charge.billableSeconds).toBe(billable);
    expect(charge.cost).toBe(cost);
  });

  it('charges nothing for an unanswered call, connect fee included', () => {
    expect(rateCall({ answered: false, talkedSeconds: 0 }, tariff('0.09', '30/6', '0.05'))).toEqual({ billableSeconds: 0, cost: '0.00000', costUnits: 0n });
  });

  it('refuses a negative price and a price with more than five decimals', () => {
    expect(() => rateCall({ answered: true, talkedSeconds: 10 }, tariff('-0.01', '60/60'))).toThrow(TariffError);
    expect(() => rateCall({ answered: true, talkedSeconds: 10 }, tariff('0.000001', '60/60'))).toThrow(/at most 5 decimal places/);
  });
});
