import { chooseBest, responseRank } from './best-response';
import { parseDuration } from './proxy-requests';

describe('best response selection (RFC 3261 §16.7)', () => {
  it.each([
    [[486, 503], 486],
    [[404, 603], 603],
    [[302, 486], 302],
    [[408, 480], 480],
    [[500, 503], 500],
    [[407, 404], 407],
    [[487], 487],
  ])('picks from %j the %i', (statuses, expected) => {
    expect(statuses[chooseBest(statuses)]).toBe(expected);
  });

  it('returns -1 when there is nothing to choose from', () => {
    expect(chooseBest([])).toBe(-1);
  });

  it('ranks any 6xx above every other class', () => {
    expect(responseRank(699)).toBeLessThan(responseRank(300));
  });
});

describe('parseDuration', () => {
  it.each([
    ['2s', 2000],
    ['1500ms', 1500],
    ['3', 3000],
    ['', undefined],
    ['soon', undefined],
  ])('reads %j as %s', (s, ms) => {
    expect(parseDuration(s)).toBe(ms);
  });
});
