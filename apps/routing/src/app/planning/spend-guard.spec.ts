import { blockedDetails, budgetVerdict, spendVerdict } from './spend-guard';

describe('spendVerdict', () => {
  it.each([
    ['no limits', { extension: null, site: null }, { extension: '999.00000', site: '999.00000' }, { blocked: false }],
    ['under both limits', { extension: '5.00', site: '50.00' }, { extension: '4.99999', site: '49.99999' }, { blocked: false }],
    [
      'exactly at the extension limit',
      { extension: '5.00', site: null },
      { extension: '5.00000', site: '5.00000' },
      { blocked: true, kind: 'spend-limit', limitOf: 'extension', limit: '5.00000', spentToday: '5.00000', reason: 'Daily spend limit reached' },
    ],
    [
      'over the site limit only',
      { extension: '5.00', site: '10.00' },
      { extension: '1.00000', site: '10.01900' },
      { blocked: true, kind: 'spend-limit', limitOf: 'site', limit: '10.00000', spentToday: '10.01900', reason: 'Daily spend limit reached' },
    ],
    [
      'a zero limit blocks every priced call',
      { extension: '0.00', site: null },
      { extension: '0', site: '0' },
      { blocked: true, kind: 'spend-limit', limitOf: 'extension', limit: '0.00000', spentToday: '0.00000', reason: 'Daily spend limit reached' },
    ],
  ] as const)('%s', (_what, limits, spent, expected) => {
    expect(spendVerdict(limits, spent)).toEqual(expected);
  });
});

describe('budgetVerdict', () => {
  const budget = { id: 'b1', month: '2026-12', amount: '500.00000' };
  it.each([
    ['no budget with a hard limit', null, { blocked: false }],
    ['under the budget by the smallest amount', { ...budget, spentThisMonth: '499.99999' }, { blocked: false }],
    [
      'exactly at the budget',
      { ...budget, spentThisMonth: '500' },
      { blocked: true, kind: 'budget-exhausted', budgetId: 'b1', month: '2026-12', budget: '500.00000', spentThisMonth: '500.00000', reason: 'Monthly budget exhausted' },
    ],
    [
      'over the budget',
      { ...budget, spentThisMonth: '612.3' },
      { blocked: true, kind: 'budget-exhausted', budgetId: 'b1', month: '2026-12', budget: '500.00000', spentThisMonth: '612.30000', reason: 'Monthly budget exhausted' },
    ],
  ] as const)('%s', (_what, b, expected) => {
    expect(budgetVerdict(b)).toEqual(expected);
  });
});

describe('blockedDetails', () => {
  it('tells call.blocked which limit refused the call and the figures behind it', () => {
    const daily = spendVerdict({ extension: '1.00', site: null }, { extension: '1', site: '0' });
    const monthly = budgetVerdict({ id: 'b1', month: '2026-12', amount: '5', spentThisMonth: '6' });
    if (!daily.blocked || !monthly.blocked) throw new Error('both must refuse');
    expect(blockedDetails(daily)).toEqual({ reason: 'spend-limit', limitOf: 'extension', limit: '1.00000', spentToday: '1.00000' });
    expect(blockedDetails(monthly)).toEqual({ reason: 'budget-exhausted', budgetId: 'b1', month: '2026-12', budget: '5.00000', spentThisMonth: '6.00000' });
  });
});
