import { Prisma } from '@branchline/db';
import { formatMoney, MONEY_SCALE, parseMoney } from '@branchline/rating';

export { MONEY_SCALE };

/**
 * Every amount the API shows, at the schema's fixed scale: "0.60000", never
 * "0.6" here and "0.04500" there. Prisma's Decimal prints the shortest form,
 * so responses go through this.
 */
export function renderMoney(value: Prisma.Decimal | string | number): string {
  return formatMoney(parseMoney(Prisma.Decimal.isDecimal(value) ? value.toFixed() : String(value)));
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A response body with every Decimal in it rendered by renderMoney; other values are left as they are. */
export function renderMoneyIn<T>(body: T): T {
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Prisma.Decimal.isDecimal(v)) return renderMoney(v);
    if (Array.isArray(v)) return v.map(walk);
    if (!isPlainObject(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, value] of Object.entries(v)) out[k] = walk(value);
    return out;
  };
  return walk(body) as T;
}
