import type { CsvColumn, Row } from '../reports/report-csv';

const text = (header: string): CsvColumn<Row> => ({ header, kind: 'text', value: (r) => r[header] as string | null });
const figure = (header: string, kind: CsvColumn<Row>['kind'] = 'figure'): CsvColumn<Row> => ({ header, kind, value: (r) => r[header] as string | number | null });

/** The columns of a reconciliation download: a row view (reconciliation.view.ts) column by column. */
export const RECONCILIATION_CSV_COLUMNS: CsvColumn<Row>[] = [
  figure('position', 'count'),
  text('status'),
  text('number'),
  text('callId'),
  figure('ourStart'),
  figure('ourDurationSec', 'count'),
  figure('ourCost', 'money'),
  figure('carrierRow', 'count'),
  text('carrierReference'),
  figure('carrierStart'),
  figure('carrierDurationSec'),
  figure('carrierCharge', 'money'),
  figure('startDifferenceSec'),
  figure('durationDifferenceSec'),
  figure('priceDifference', 'money'),
  text('cdrId'),
];
