import { z } from 'zod';
import { CallDirection, CallDisposition } from '@branchline/db';
import { DIMENSIONS, MAX_PERIOD_DAYS, TIME_BUCKETS } from '@branchline/reports';
import { createZodDto } from '../common/zod-dto';
import { boolQuery, listQuerySchema } from '../common/pagination';
import { countryCode, currency, uuid } from '../common/schemas';
import { idOut, moneyOut } from '../common/responses';
import { cdrSchema } from '../cdrs/cdr.dto';

/** Summary rows a JSON answer may hold; a finer grouping is refused (the CSV export has no limit). */
export const MAX_SUMMARY_ROWS = 10_000;
export const MAX_TOP_LIMIT = 100;

const isUuid = (v: string) => uuid().safeParse(v).success;

/** A key filter: a value, or empty for the calls without one (the null row of a summary). */
const keyFilter = (name: string, valid: (v: string) => boolean, reason: string) =>
  z
    .string()
    .refine((v) => v === '' || valid(v), `${reason}, or empty for the calls without one`)
    .optional()
    .describe(`Only calls with this ${name}; empty (${name}=) selects the calls without one`);

const localDate = (describe: string) => z.iso.date({ error: 'must be a calendar date YYYY-MM-DD' }).describe(describe);

/**
 * The period and filters every report takes, so a figure, its top list and
 * its drill-down select the same calls.
 */
const reportFilters = {
  from: localDate(
    "First local day of the period (included), in the report's time zone: the filtered site's, else the tenant's first site's",
  ),
  to: localDate(`Last local day of the period (included); at most ${MAX_PERIOD_DAYS} days (three years) after from`),
  siteId: keyFilter('siteId', isUuid, 'must be a UUID'),
  extensionId: keyFilter('extensionId', isUuid, 'must be a UUID').describe(
    "Only calls of this extension: the caller's for calls it made, the callee's for inbound calls (each call counts for one " +
      'extension, so the rows of a summary add up); empty selects the calls of no extension',
  ),
  gatewayId: keyFilter('gatewayId', isUuid, 'must be a UUID'),
  costCentre: keyFilter('costCentre', (v) => v.length <= 50, 'must be at most 50 characters'),
  destination: keyFilter('destination', (v) => v.length <= 200, 'must be at most 200 characters').describe(
    "Only calls to this destination as a summary names it: the rate's description, else the country of the number's calling " +
      'code (outbound and emergency calls); empty selects calls without one (inbound, internal)',
  ),
  country: keyFilter('country', (v) => countryCode().safeParse(v).success, 'must be an ISO 3166-1 alpha-2 code such as DE').describe(
    'Only calls to numbers of this country (ISO 3166-1 alpha-2, from the calling code); empty selects calls without one',
  ),
  direction: z.enum(CallDirection).optional(),
  disposition: z.enum(CallDisposition).optional(),
  currency: currency()
    .optional()
    .describe("Only calls priced in this currency (ISO 4217); the tenant's currency unless given"),
};

/** A summary, a top list and a drill-down can also be had as a CSV or XLSX file. */
export const exportOptions = {
  format: z
    .enum(['json', 'csv', 'xlsx'])
    .optional()
    .describe(
      'csv: the same rows as an RFC 4180 CSV file (also chosen by Accept: text/csv); xlsx: as an XLSX workbook (also chosen by ' +
        'Accept: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet); format wins over Accept',
    ),
  bom: boolQuery()
    .optional()
    .describe('CSV only: start the file with a UTF-8 byte-order mark, so Excel reads umlauts right'),
};

export class SummaryQuery extends createZodDto(
  z
    .object({
      ...reportFilters,
      groupBy: z
        .string({ error: 'is required' })
        .max(200)
        .describe(
          `Comma-separated keys the rows are split by, in the order they are sorted: any of ${DIMENSIONS.join(', ')} ` +
            `and at most one of ${TIME_BUCKETS.join(', ')} (weeks are ISO weeks, Monday to Sunday), e.g. site,month`,
        ),
      ...exportOptions,
      compare: boolQuery()
        .optional()
        .describe(
          'Also report the previous period of the same length (the months before for whole calendar months, else as many days ' +
            'before) and the change of every row and of the totals',
        ),
    })
    .strict(),
) {}

const TOP_KINDS = ['calls', 'destinations', 'extensions'] as const;
export type TopKind = (typeof TOP_KINDS)[number];

export class TopQuery extends createZodDto(
  z
    .object({
      ...reportFilters,
      by: z.enum(TOP_KINDS).describe('The costliest calls, destinations or extensions of the period'),
      limit: z.coerce
        .number({ error: 'must be a whole number' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(MAX_TOP_LIMIT, `must be at most ${MAX_TOP_LIMIT}`)
        .default(10),
      ...exportOptions,
    })
    .strict(),
) {}

export class ReportCdrQuery extends createZodDto(
  listQuerySchema(['startedAt', 'cost', 'durationSec'], { ...reportFilters, ...exportOptions }),
) {}

const count = () => z.number().int().min(0);
const figures = {
  calls: count(),
  answered: count().describe('Calls with disposition ANSWERED'),
  billableSeconds: count().describe('Sum of the calls\u2019 billable seconds (after the rate\u2019s increments)'),
  cost: moneyOut().describe('Exact sum of the calls\u2019 costs (five places, nothing rounded)'),
};

const countChange = z.strictObject({
  delta: z.number().int().describe('current − previous'),
  percent: z.number().nullable().describe('delta / previous × 100, one decimal place; null when the previous is 0'),
});
const figuresChange = z
  .strictObject({
    calls: countChange,
    answered: countChange,
    billableSeconds: countChange,
    cost: z.strictObject({
      delta: moneyOut().describe('current − previous, exact'),
      percent: z.number().nullable().describe('delta / previous × 100, one decimal place; null when the previous is 0'),
    }),
  })
  .describe('How each figure moved against the previous period');

const summaryRow = z
  .strictObject({
    siteId: idOut().nullable().optional().describe('groupBy site (null: calls charged to no site)'),
    siteCode: z.string().nullable().optional(),
    siteName: z.string().nullable().optional(),
    costCentre: z.string().nullable().optional().describe('groupBy costCentre'),
    extensionId: idOut()
      .nullable()
      .optional()
      .describe("groupBy extension: the caller's extension, else (inbound) the callee's"),
    extensionNumber: z.string().nullable().optional(),
    extensionName: z.string().nullable().optional(),
    destination: z
      .string()
      .nullable()
      .optional()
      .describe("groupBy destination: the rate's description, else the calling code's country; null for inbound and internal calls"),
    country: z.string().nullable().optional().describe('groupBy destination: ISO 3166-1 country of the calling code'),
    gatewayId: idOut().nullable().optional().describe('groupBy gateway'),
    gatewayName: z.string().nullable().optional(),
    direction: z.enum(CallDirection).optional(),
    disposition: z.enum(CallDisposition).optional(),
    period: z.string().optional().describe('groupBy day, week or month: 2026-03-29, 2026-W13 or 2026-03'),
    periodStart: z.iso.date().optional().describe("The bucket's first local day within the period (drill down with from=periodStart)"),
    periodEnd: z.iso.date().optional().describe("The bucket's last local day within the period (drill down with to=periodEnd)"),
    ...figures,
    change: figuresChange
      .optional()
      .describe(
        'compare=true: against the previous period\u2019s row of the same keys (the n-th day/week/month against the n-th); ' +
          'a row without one is compared with no calls',
      ),
  })
  .describe('The figures of one combination of the groupBy keys; only the keys asked for are present');

const totals = z
  .strictObject({
    ...figures,
    cost: moneyOut().describe('Exact sum of the rows\u2019 cost (equal to it to the 0.00001)'),
    costRounded: z
      .string()
      .regex(/^-?\d+(\.\d+)?$/)
      .describe("cost rounded once, half away from zero, to the currency's minor unit (cents for EUR): the amount to invoice"),
  })
  .describe('All calls of the period matching the filters, in the report currency');

const period = {
  from: z.iso.date(),
  to: z.iso.date(),
};

const summarySchema = z.strictObject({
  ...period,
  timeZone: z.string().describe('The IANA zone whose local days the period and buckets are'),
  currency: z.string().describe('ISO 4217; every amount of the report is in it'),
  groupBy: z.array(z.enum([...DIMENSIONS, ...TIME_BUCKETS])),
  rows: z.array(summaryRow),
  totals,
  otherCurrencies: z
    .array(z.strictObject({ currency: z.string(), calls: count(), cost: moneyOut() }))
    .describe('Calls matching the filters but priced in another currency: not in the figures above, listed so none goes unseen'),
  previous: z
    .strictObject({ ...period, rows: z.array(summaryRow), totals })
    .optional()
    .describe('compare=true: the same report over the previous period'),
  change: figuresChange.optional().describe('compare=true: the totals against the previous period\u2019s'),
});

export class ReportSummaryDto extends createZodDto(summarySchema) {}
export type ReportSummary = z.input<typeof summarySchema>;
export type SummaryRow = z.input<typeof summaryRow>;
export type Totals = z.input<typeof totals>;

const topDestination = z.strictObject({ destination: z.string().nullable(), country: z.string().nullable(), ...figures });
const topExtension = z.strictObject({
  extensionId: idOut().nullable(),
  extensionNumber: z.string().nullable(),
  extensionName: z.string().nullable(),
  ...figures,
});

const topSchema = z.strictObject({
  by: z.enum(TOP_KINDS),
  ...period,
  timeZone: z.string(),
  currency: z.string(),
  data: z
    .array(z.union([cdrSchema, topDestination, topExtension]))
    .describe('Costliest first: calls (CDRs) for by=calls, else the figures of each destination or extension'),
});

export class ReportTopDto extends createZodDto(topSchema) {}
export type ReportTop = z.input<typeof topSchema>;
