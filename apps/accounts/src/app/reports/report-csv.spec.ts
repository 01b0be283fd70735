import { parseGroupBy } from '@branchline/reports';
import { csvField, csvRecord, csvRows, summaryColumns, type CsvColumn } from './report-csv';

describe('RFC 4180 fields', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['two\r\nlines', '"two\r\nlines"'],
    [' spaced ', ' spaced '],
    ['München', 'München'],
  ])('writes %p as %p', (value, field) => {
    expect(csvField(value)).toBe(field);
  });

  it('ends every record with CRLF', () => {
    expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
  });
});

describe('export cells', () => {
  const columns: CsvColumn<Record<string, unknown>>[] = [
    { header: 'name', kind: 'text', value: (r) => r['name'] as string },
    { header: 'cost', kind: 'figure', value: (r) => r['cost'] as string },
    { header: 'at', kind: 'figure', value: (r) => r['at'] as Date },
  ];

  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+4930123', "'+4930123"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tTAB', "'\tTAB"],
    ['Anna', 'Anna'],
  ])('neutralises the text %p as %p', (name, cell) => {
    expect(csvRows(columns, [{ name, cost: '0.02250', at: null }])).toBe(`${cell},0.02250,\r\n`);
  });

  it('writes figures as they are, so a negative amount stays a number, and dates in ISO 8601', () => {
    expect(csvRows(columns, [{ name: null, cost: '-0.50000', at: new Date('2026-03-29T01:30:00Z') }])).toBe(
      ',-0.50000,2026-03-29T01:30:00.000Z\r\n',
    );
  });

  it('puts the key columns in groupBy order, then the figures', () => {
    expect(summaryColumns(parseGroupBy('month,site,destination')).map((c) => c.header)).toEqual([
      'period',
      'periodStart',
      'periodEnd',
      'siteCode',
      'siteName',
      'siteId',
      'destination',
      'country',
      'calls',
      'answered',
      'billableSeconds',
      'cost',
      'currency',
    ]);
  });
});
