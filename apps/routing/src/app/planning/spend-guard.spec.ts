import { spendVerdict } from './spend-guard';

describe('spendVerdict', () => {
  it.each([
    ['no limits', { extension: null, site: null }, { extension: '999.00000', site: '999.00000' }, { blocked: false }],
    ['under both limits', { extension: '5.00', site: '50.00' }, { extension: '4.99999', site: '49.99999' }, { blocked: false }],
    [
      'exactly at the extension limit',
      { extension: '5.00', site: null },
      { extension: '5.00000', site: '5.00000' },
      { blocked: true, limitOf: 'extension', limit: '5.00000', spentToday: '5.00000', reason: 'Daily spend limit reached' },
    ],
    [
      'over the site limit only',
      { extension: '5.00', site: '10.00' },
      { extension: '1.00000', site: '10.01900' },
      { blocked: true, limitOf: 'site', limit: '10.00000', spentToday: '10.01900', reason: 'Daily spend limit reached' },
    ],
    [
      'a zero limit blocks every priced call',
      { extension: '0.00', site: null },
      { extension: '0', site: '0' },
      { blocked: true, limitOf: 'extension', limit: '0.00000', spentToday: '0.00000', reason: 'Daily spend limit reached' },
    ],
  ] as const)('%s', (_what, limits, spent, expected) => {
    expect(spendVerdict(limits, spent)).toEqual(expected);
  });
});
