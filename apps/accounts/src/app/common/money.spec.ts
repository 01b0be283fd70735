import { Prisma } from '@branchline/db';
import { renderMoney, renderMoneyIn } from './money';

describe('renderMoney', () => {
  it.each([
    [new Prisma.Decimal('0'), '0.00000'],
    [new Prisma.Decimal('0.6'), '0.60000'],
    [new Prisma.Decimal('0.0225'), '0.02250'],
    [new Prisma.Decimal('0.00001'), '0.00001'],
    [new Prisma.Decimal('1234567.12345'), '1234567.12345'],
    [new Prisma.Decimal('50.00'), '50.00000'],
    ['0.045', '0.04500'],
    ['0.04500', '0.04500'],
    ['12', '12.00000'],
  ])('renders %s as %s', (value, text) => {
    expect(renderMoney(value)).toBe(text);
  });

  it('refuses an amount finer than the schema keeps rather than rounding it silently', () => {
    expect(() => renderMoney('0.000001')).toThrow();
  });
});

describe('renderMoneyIn', () => {
  it('renders every Decimal in a response at five places and leaves the rest alone', () => {
    const startedAt = new Date('2026-12-03T08:00:00Z');
    const body = {
      data: [
        {
          id: 'a',
          cost: new Prisma.Decimal('0.6'),
          connectFee: null,
          startedAt,
          durationSec: 60,
          nested: { limit: new Prisma.Decimal('5') },
        },
      ],
      total: 1,
    };
    expect(renderMoneyIn(body)).toEqual({
      data: [
        {
          id: 'a',
          cost: '0.60000',
          connectFee: null,
          startedAt,
          durationSec: 60,
          nested: { limit: '5.00000' },
        },
      ],
      total: 1,
    });
  });

  it('passes strings, buffers and undefined through', () => {
    expect(renderMoneyIn('number,displayName\n')).toBe('number,displayName\n');
    expect(renderMoneyIn(undefined)).toBeUndefined();
  });
});
