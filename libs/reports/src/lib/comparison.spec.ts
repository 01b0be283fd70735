import { amountChange, countChange, figuresChange } from './comparison';

describe('countChange', () => {
  it.each`
    current | previous | delta  | percent
    ${12}   | ${10}    | ${2}   | ${20}
    ${10}   | ${12}    | ${-2}  | ${-16.7}
    ${1}    | ${3}     | ${-2}  | ${-66.7}
    ${2}    | ${3}     | ${-1}  | ${-33.3}
    ${0}    | ${5}     | ${-5}  | ${-100}
    ${5}    | ${0}     | ${5}   | ${null}
    ${0}    | ${0}     | ${0}   | ${null}
    ${7}    | ${7}     | ${0}   | ${0}
    ${1}    | ${8}     | ${-7}  | ${-87.5}
    ${3}    | ${8}     | ${-5}  | ${-62.5}
    ${2001} | ${2000}  | ${1}   | ${0.1}
    ${4001} | ${4000}  | ${1}   | ${0}
  `('$current after $previous: $delta, $percent %', ({ current, previous, delta, percent }) => {
    expect(countChange(current, previous)).toEqual({ delta, percent });
  });
});

describe('amountChange', () => {
  it.each`
    current       | previous      | delta          | percent
    ${'1.14150'}  | ${'1.00000'}  | ${'0.14150'}   | ${14.2}
    ${'0.10000'}  | ${'0.30000'}  | ${'-0.20000'}  | ${-66.7}
    ${'0.00100'}  | ${'0.00000'}  | ${'0.00100'}   | ${null}
    ${'0.00000'}  | ${'0.00000'}  | ${'0.00000'}   | ${null}
    ${'10.00005'} | ${'10.00000'} | ${'0.00005'}   | ${0}
    ${'0.00000'}  | ${'2.50000'}  | ${'-2.50000'}  | ${-100}
    ${'3.75000'}  | ${'2.50000'}  | ${'1.25000'}   | ${50}
  `('$current after $previous: $delta, $percent %', ({ current, previous, delta, percent }) => {
    expect(amountChange(current, previous)).toEqual({ delta, percent });
  });
});

describe('figuresChange', () => {
  it('compares a row with no counterpart in the previous period with no calls', () => {
    expect(figuresChange({ calls: 2, answered: 1, billableSeconds: 120, cost: '0.04500' })).toEqual({
      calls: { delta: 2, percent: null },
      answered: { delta: 1, percent: null },
      billableSeconds: { delta: 120, percent: null },
      cost: { delta: '0.04500', percent: null },
    });
  });

  it('compares each figure with its previous one', () => {
    expect(
      figuresChange(
        { calls: 3, answered: 2, billableSeconds: 180, cost: '0.06000' },
        { calls: 4, answered: 2, billableSeconds: 120, cost: '0.04000' },
      ),
    ).toEqual({
      calls: { delta: -1, percent: -25 },
      answered: { delta: 0, percent: 0 },
      billableSeconds: { delta: 60, percent: 50 },
      cost: { delta: '0.02000', percent: 50 },
    });
  });
});
