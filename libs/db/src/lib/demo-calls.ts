/**
 * Last month's calls of the demo's Berlin office through telco-b (the national route's first gateway),
 * priced by its deck (Germany fixed 0.012/min in 60/60 s, mobile 0.099/min in 60/1 s), and the carrier's
 * file for them with two planted mismatches: a price difference on one call and a call we never made.
 * Reconciling the file (accounts README, "Carrier reconciliation") finds exactly those two.
 */
import type { PrismaClient } from '../generated/prisma/client';

interface DemoCall {
  caller: string;
  dialed: string;
  e164: string;
  /** Day of last month and UTC time the call was answered (it rang 5 s before). */
  day: number;
  at: string;
  durationSec: number;
  billableSec: number;
  prefix: string;
  description: string;
  price: string;
  cost: string;
}

const CALLS: DemoCall[] = [
  { caller: '1001', dialed: '0301234567', e164: '+49301234567', day: 3, at: '09:15:05', durationSec: 62, billableSec: 120, prefix: '49', description: 'Germany fixed', price: '0.0120', cost: '0.02400' },
  { caller: '1002', dialed: '04098765432', e164: '+494098765432', day: 3, at: '11:02:10', durationSec: 185, billableSec: 240, prefix: '49', description: 'Germany fixed', price: '0.0120', cost: '0.04800' },
  { caller: '1004', dialed: '015112345678', e164: '+4915112345678', day: 4, at: '14:30:00', durationSec: 95, billableSec: 95, prefix: '4915', description: 'Germany mobile', price: '0.0990', cost: '0.15675' },
  { caller: '1004', dialed: '015112345678', e164: '+4915112345678', day: 4, at: '14:31:30', durationSec: 40, billableSec: 60, prefix: '4915', description: 'Germany mobile', price: '0.0990', cost: '0.09900' },
  { caller: '1005', dialed: '0891234567', e164: '+49891234567', day: 5, at: '08:45:00', durationSec: 300, billableSec: 300, prefix: '49', description: 'Germany fixed', price: '0.0120', cost: '0.06000' },
  { caller: '1006', dialed: '0301112233', e164: '+49301112233', day: 5, at: '16:20:00', durationSec: 30, billableSec: 60, prefix: '49', description: 'Germany fixed', price: '0.0120', cost: '0.01200' },
];

/** "2026-11": the month before the one `now` is in (UTC). */
export function demoCallsMonth(now: Date): string {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return first.toISOString().slice(0, 7);
}

const answeredAt = (month: string, c: DemoCall) => new Date(`${month}-${String(c.day).padStart(2, '0')}T${c.at}Z`);

export async function seedDemoCalls(prisma: PrismaClient, tenantId: string, siteId: string, now: Date): Promise<void> {
  const month = demoCallsMonth(now);
  const gateway = await prisma.gateway.findUniqueOrThrow({ where: { tenantId_name: { tenantId, name: 'telco-b' } }, include: { rateDecks: true } });
  const site = await prisma.site.findUniqueOrThrow({ where: { id: siteId } });
  for (const [i, c] of CALLS.entries()) {
    const callId = `demo-${month}-${i + 1}`;
    const answered = answeredAt(month, c);
    const caller = await prisma.extension.findUniqueOrThrow({ where: { tenantId_number: { tenantId, number: c.caller } } });
    await prisma.cdr.upsert({
      where: { callId },
      update: {},
      create: {
        tenantId, callId, direction: 'OUTBOUND', disposition: 'ANSWERED', sipStatus: 200, hangupBy: 'CALLER',
        callerNumber: c.caller, callerName: caller.displayName, callerExtensionId: caller.id, siteId, costCentre: site.costCentre,
        dialedNumber: c.dialed, normalizedNumber: c.e164, gatewayId: gateway.id,
        startedAt: new Date(answered.getTime() - 5000), answeredAt: answered, endedAt: new Date(answered.getTime() + c.durationSec * 1000),
        durationSec: c.durationSec, billableSec: c.billableSec, rateDeckId: gateway.rateDecks[0]?.id, ratePrefix: c.prefix,
        rateDescription: c.description, connectFee: '0', pricePerMinute: c.price, cost: c.cost, currency: 'EUR',
      },
    });
  }
}

/**
 * telco-b's CDR file for those calls, as carriers write one: UTC times a second or two off ours,
 * numbers in E.164 without "+", seconds a second long at times, charges without trailing zeros. Planted: row 5 charges
 * 0.0700 for a call we priced 0.06000, and row 7 bills a call nobody made.
 */
export function demoCarrierFile(now: Date): { month: string; csv: string } {
  const month = demoCallsMonth(now);
  const line = (ref: string, at: Date, number: string, seconds: number, charge: string) =>
    `${ref},${at.toISOString().slice(0, 19).replace('T', ' ')},${number},${seconds},${charge}`;
  const rows = CALLS.map((c, i) => {
    const at = new Date(answeredAt(month, c).getTime() + (i % 2 ? 1000 : 2000));
    const charge = i === 4 ? '0.0700' : c.cost.replace(/0+$/, '');
    return line(`TB-${i + 1}`, at, c.e164.slice(1), c.durationSec + (i % 2), charge);
  });
  rows.push(line('TB-7', new Date(`${month}-05T17:00:00Z`), '4930999888', 45, '0.0120'));
  return { month, csv: ['cdr_ref,call_date,destination,billsec,amount', ...rows].join('\n') + '\n' };
}
