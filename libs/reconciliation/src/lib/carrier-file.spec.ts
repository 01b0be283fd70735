import { CarrierMappingError, readCarrierCalls, resolveColumns, type CarrierFormat, type CarrierMapping } from './carrier-file';

const FORMAT: CarrierFormat = {
  startFormat: 'iso',
  timeZone: 'UTC',
  decimalSeparator: '.',
  numbering: { countryCallingCode: '49', trunkPrefix: '0', internationalPrefix: '00' },
};
const MAPPING: CarrierMapping = { start: 'Start', number: 'Called', duration: 'Secs', charge: 'Amount', reference: 'Ref' };
const HEADER = ['Ref', 'Start', 'Called', 'Secs', 'Amount'];

describe('resolveColumns', () => {
  it('finds columns by header name', () => {
    expect(resolveColumns(MAPPING, HEADER, 5)).toEqual({ reference: 0, start: 1, number: 2, duration: 3, charge: 4 });
  });

  it('takes 1-based column numbers, with or without a header', () => {
    expect(resolveColumns({ start: '2', number: '3', duration: '4', charge: '5' }, null, 5)).toEqual({ start: 1, number: 2, duration: 3, charge: 4 });
    expect(resolveColumns({ ...MAPPING, reference: undefined, charge: '5' }, HEADER, 5)).toMatchObject({ charge: 4 });
  });

  it.each<[string, Partial<CarrierMapping>, readonly string[] | null, string]>([
    ['a header the file does not have', { charge: 'Charge' }, HEADER, 'chargeColumn'],
    ['a column number beyond the row', { duration: '6' }, HEADER, 'durationColumn'],
    ['column number 0', { start: '0' }, HEADER, 'startColumn'],
    ['a name when there is no header', { number: 'Called' }, null, 'numberColumn'],
  ])('names the parameter for %s', (_name, change, header, parameter) => {
    const numbered: CarrierMapping = { start: '2', number: '3', duration: '4', charge: '5' };
    const mapping = { ...(header ? MAPPING : numbered), ...change } as CarrierMapping;
    expect(() => resolveColumns(mapping, header, 5)).toThrow(expect.objectContaining({ parameter }) as CarrierMappingError);
  });
});

describe('readCarrierCalls', () => {
  const columns = resolveColumns(MAPPING, HEADER, 5);

  it('reads every row into a carrier call', () => {
    const { calls, errors } = readCarrierCalls([['c-1', '2026-11-03 09:15:02', '030 1234567', '62', '0.0155']], columns, FORMAT);
    expect(errors).toEqual([]);
    expect(calls).toEqual([{ row: 1, number: '49301234567', start: Date.parse('2026-11-03T09:15:02Z'), durationMs: 62_000, charge: '0.01550', reference: 'c-1' }]);
  });

  it('names each bad cell by row and field, reading on to the last row', () => {
    const rows = [
      ['c-1', '2026-11-03 09:15:02', '030 1234567', '62', '0.0155'],
      ['c-2', '03.11.2026 09:16', 'withheld', '62', '0.01'],
      ['c-3', '2026-11-03 09:17:00', '030 1234567', 'long', '1,5'],
      ['c-4', '2026-11-03 09:18:00', '030 1234567'],
    ];
    const { calls, errors } = readCarrierCalls(rows, columns, FORMAT);
    expect(calls.map((c) => c.row)).toEqual([1]);
    expect(errors.map((e) => `${e.row} ${e.field}`)).toEqual(['2 start', '2 number', '3 duration', '3 charge', '4 duration', '4 charge']);
    expect(errors[0].reason).toBe('"03.11.2026 09:16" is not a iso date and time');
  });
});
