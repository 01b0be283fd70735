import { DialPatternError, matchesDialPattern, parseDialPattern } from './dial-pattern';

describe('dial patterns', () => {
  it.each([
    ['+49.', '+4930123456', true],
    ['+49.', '+49', false],
    ['+49.', '+4330123456', false],
    ['+.', '+12025550100', true],
    ['11[02]', '112', true],
    ['11[02]', '110', true],
    ['11[02]', '111', false],
    ['11[02]', '1120', false],
    ['NXX', '200', true],
    ['NXX', '100', false],
    ['Z!', '1', true],
    ['Z!', '0', false],
    ['[1-3,7]X', '75', true],
    ['[1-3,7]X', '55', false],
  ])('%s against %s is %s', (pattern, number, expected) => {
    expect(matchesDialPattern(parseDialPattern(pattern), number)).toBe(expected);
  });

  it('counts fixed positions as specificity', () => {
    expect(parseDialPattern('+4930.').specificity).toBeGreaterThan(parseDialPattern('+49.').specificity);
  });

  it.each([
    ['', 'must be 1-64 characters'],
    ['4+9', '+ may only stand first'],
    ['49.1', '. may only stand last'],
    ['4[9', 'unclosed ['],
    ['[9-1]', 'empty range 9-1'],
    ['[a]', 'bad digit set'],
    ['49?', 'unexpected character "?"'],
  ])('rejects %j: %s', (pattern, reason) => {
    expect(() => parseDialPattern(pattern)).toThrow(DialPatternError);
    expect(() => parseDialPattern(pattern)).toThrow(reason);
  });
});
