import { z } from 'zod';
import { ROW_STATUSES, START_FORMATS } from '@branchline/reconciliation';
import { createZodDto } from '../common/zod-dto';
import { decimal, isoDateTime, timeZone, uuid } from '../common/schemas';
import { boolQuery, listQuerySchema } from '../common/pagination';
import { idOut, moneyOut, pageOf, responseDtos, timestampOut } from '../common/responses';
import { exportOptions } from '../reports/report.dto';

const column = (what: string) =>
  z.string().trim().min(1, 'must name a column').max(100).describe(`The column of ${what}: a header name, or a 1-based column number`);
const seconds = (fallback: number, what: string) =>
  z.coerce.number().int().min(0).max(300).default(fallback).describe(`How far ${what} may differ, in seconds (0-300; default ${fallback})`);

export const DELIMITERS = { ',': ',', ';': ';', tab: '\t', '|': '|' } as const;

/** What a reconciliation request chooses; the CSV itself is the body. */
export const reconcileQuerySchema = z.strictObject({
  gatewayId: uuid().describe('The gateway whose carrier sent the file'),
  from: isoDateTime().describe(
    "Calls answered at or after this. A date (2026-11-01) is the start of that local day in the tenant's reporting zone (its first site's); a timestamp with Z or an offset is taken as given.",
  ),
  to: isoDateTime().describe('Calls answered before this; a date includes its whole local day'),
  startColumn: column('the call start'),
  numberColumn: column('the called number'),
  durationColumn: column('the duration (seconds, or [h:]mm:ss)'),
  chargeColumn: column('the charge'),
  referenceColumn: column('the carrier’s own call id (optional)').optional(),
  header: boolQuery().default(true).describe('The first line is a header (default true); without one, columns are numbers'),
  delimiter: z.enum(Object.keys(DELIMITERS) as [keyof typeof DELIMITERS]).default(',').describe('The field separator (default ,)'),
  decimalSeparator: z.enum(['.', ',']).default('.').describe('Before the decimals of charges and durations (default .)'),
  startFormat: z.enum(START_FORMATS).default('iso').describe('iso: 2026-11-03 09:15:02 (T, Z or an offset allowed); dmy: 03.11.2026 09:15:02; mdy: 11/03/2026 09:15:02; epoch: seconds since 1970'),
  timeZone: timeZone().default('UTC').describe('The zone of start times written without one (default UTC)'),
  startToleranceSec: seconds(5, 'the carrier’s start and our answer time'),
  durationToleranceSec: seconds(2, 'the durations'),
  priceTolerance: decimal().default('0').describe('A pair whose charge and cost differ by at most this much is matched (default 0: exact)'),
  fileName: z.string().trim().min(1).max(200).optional().describe('The carrier file’s name, kept with the result'),
});
export class ReconcileQuery extends createZodDto(reconcileQuerySchema) {}
export type ReconcileOptions = z.infer<typeof reconcileQuerySchema>;

export class ReconciliationListQuery extends createZodDto(listQuerySchema(['createdAt', 'periodFrom'], { gatewayId: uuid().optional() })) {}

export class ReconciliationRowsQuery extends createZodDto(
  z
    .object({
      page: z.coerce.number().int().min(1).default(1),
      pageSize: z.coerce.number().int().min(1).max(500).default(50),
      status: z.enum(ROW_STATUSES).optional().describe('Only rows of this status'),
      ...exportOptions,
    })
    .strict(),
) {}

const amount = () => moneyOut();
export const reconciliationSchema = z.strictObject({
  id: idOut(),
  gatewayId: idOut().nullable().describe('Null once the gateway was deleted'),
  gatewayName: z.string(),
  from: timestampOut(),
  to: timestampOut(),
  currency: z.string(),
  options: z.record(z.string(), z.unknown()).describe('What the request chose: mapping, formats, tolerances, file name'),
  ourCalls: z.number().int().describe('Our answered calls through the gateway in the period (and those paired just outside it)'),
  carrierCalls: z.number().int().describe('The carrier file’s rows'),
  pairs: z.number().int().describe('matched + priceDifferences'),
  matched: z.number().int(),
  priceDifferences: z.number().int(),
  oursOnly: z.number().int().describe('Our calls the carrier did not bill'),
  theirsOnly: z.number().int().describe('Rows the carrier billed that we have no call for'),
  ourTotal: amount().describe('Exact sum of our costs'),
  theirTotal: amount().describe('Exact sum of the carrier’s charges'),
  difference: amount().describe('theirTotal − ourTotal'),
  pairedDifference: amount().describe('The pairs’ share of the difference (the rest is unmatched calls)'),
  createdBy: z.string(),
  createdAt: timestampOut(),
});
const dtos = responseDtos(reconciliationSchema);
export class ReconciliationDto extends dtos.Item {}
export class ReconciliationPageDto extends dtos.Page {}

export const reconciliationRowSchema = z.strictObject({
  position: z.number().int().describe('Order in the report: by start, then file row'),
  status: z.enum(ROW_STATUSES),
  number: z.string().describe('The called number, E.164'),
  cdrId: idOut().nullable(),
  callId: z.string().nullable(),
  ourStart: timestampOut().nullable().describe('When our call was answered'),
  ourDurationSec: z.number().int().nullable(),
  ourCost: amount().nullable(),
  carrierRow: z.number().int().nullable().describe('1-based data row of the carrier’s file'),
  carrierReference: z.string().nullable(),
  carrierStart: timestampOut().nullable(),
  carrierDurationSec: z.number().nullable(),
  carrierCharge: amount().nullable(),
  startDifferenceSec: z.number().nullable().describe('Carrier − ours, for pairs'),
  durationDifferenceSec: z.number().nullable().describe('Carrier − ours, for pairs'),
  priceDifference: amount().nullable().describe('Carrier’s charge − our cost, exact, for pairs'),
});
export class ReconciliationRowPageDto extends createZodDto(pageOf(reconciliationRowSchema)) {}
export type ReconciliationView = z.infer<typeof reconciliationSchema>;
export type ReconciliationRowView = z.infer<typeof reconciliationRowSchema>;
