import type { Reconciliation, ReconciliationRow, ReconciliationRowStatus } from '@branchline/db';
import type { RowStatus } from '@branchline/reconciliation';
import { renderMoney } from '../common/money';
import type { ReconciliationRowView, ReconciliationView } from './reconciliation.dto';

export const dbStatus = (s: RowStatus) => s.toUpperCase().replace('-', '_') as ReconciliationRowStatus;
export const apiStatus = (s: ReconciliationRowStatus) => s.toLowerCase().replace('_', '-') as RowStatus;

const money = <T>(v: T | null) => (v === null ? null : renderMoney(v as never));
const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

export function reconciliationView(r: Reconciliation): ReconciliationView {
  return {
    id: r.id,
    gatewayId: r.gatewayId,
    gatewayName: r.gatewayName,
    from: r.periodFrom.toISOString(),
    to: r.periodTo.toISOString(),
    currency: r.currency,
    options: r.options as Record<string, unknown>,
    ourCalls: r.ourCalls,
    carrierCalls: r.carrierCalls,
    pairs: r.matched + r.priceDifferences,
    matched: r.matched,
    priceDifferences: r.priceDifferences,
    oursOnly: r.oursOnly,
    theirsOnly: r.theirsOnly,
    ourTotal: renderMoney(r.ourTotal),
    theirTotal: renderMoney(r.theirTotal),
    difference: renderMoney(r.difference),
    pairedDifference: renderMoney(r.pairedDifference),
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}

export function reconciliationRowView(r: ReconciliationRow): ReconciliationRowView {
  return {
    position: r.position,
    status: apiStatus(r.status),
    number: `+${r.number}`,
    cdrId: r.cdrId,
    callId: r.callId,
    ourStart: r.ourStart?.toISOString() ?? null,
    ourDurationSec: r.ourDurationSec,
    ourCost: money(r.ourCost),
    carrierRow: r.carrierRow,
    carrierReference: r.carrierReference,
    carrierStart: r.carrierStart?.toISOString() ?? null,
    carrierDurationSec: seconds(r.carrierDurationMs),
    carrierCharge: money(r.carrierCharge),
    startDifferenceSec: seconds(r.startDifferenceMs),
    durationDifferenceSec: seconds(r.durationDifferenceMs),
    priceDifference: money(r.priceDifference),
  };
}
