import { parseCharge, parseDurationMs, parseStartTime, type StartFormat } from './carrier-fields';
import { carrierNumberDigits, type NumberingContext } from './carrier-number';

describe('parseStartTime', () => {
  it.each<[string, StartFormat, string, string | null]>([
    ['2026-11-03T09:15:02Z', 'iso', 'Europe/Berlin', '2026-11-03T09:15:02.000Z'],
    ['2026-11-03 09:15:02', 'iso', 'UTC', '2026-11-03T09:15:02.000Z'],
    ['2026-11-03 09:15:02', 'iso', 'Europe/Berlin', '2026-11-03T08:15:02.000Z'],
    ['2026-11-03 09:15', 'iso', 'UTC', '2026-11-03T09:15:00.000Z'],
    ['2026-11-03T09:15:02.250+01:00', 'iso', 'UTC', '2026-11-03T08:15:02.250Z'],
    ['2026-11-03 09:15:02 +0530', 'iso', 'UTC', '2026-11-03T03:45:02.000Z'],
    ['03.11.2026 09:15:02', 'dmy', 'Europe/Berlin', '2026-11-03T08:15:02.000Z'],
    ['3/11/2026 9:15:02', 'dmy', 'UTC', '2026-11-03T09:15:02.000Z'],
    ['11/03/2026 09:15:02', 'mdy', 'America/New_York', '2026-11-03T14:15:02.000Z'],
    ['1793697302', 'epoch', 'Europe/Berlin', '2026-11-03T09:15:02.000Z'],
    ['2026-04-31 09:15:02', 'iso', 'UTC', null],
    ['2026-11-03 24:00:00', 'iso', 'UTC', null],
    ['03.11.2026 09:15:02', 'iso', 'UTC', null],
    ['13/03/2026 09:15:02', 'mdy', 'UTC', null],
    ['', 'iso', 'UTC', null],
  ])('%s (%s, %s) is %s', (raw, format, zone, expected) => {
    const t = parseStartTime(raw, format, zone);
    expect(t === null ? null : new Date(t).toISOString()).toBe(expected);
  });
});

describe('parseDurationMs', () => {
  it.each<[string, '.' | ',', number | null]>([
    ['62', '.', 62_000],
    ['62.4', '.', 62_400],
    ['62,4', ',', 62_400],
    ['62,4', '.', null],
    ['1:02', '.', 62_000],
    ['01:01:02', '.', 3_662_000],
    ['1:60', '.', null],
    ['-3', '.', null],
    ['', '.', null],
  ])('%s (decimal "%s") is %s ms', (raw, sep, expected) => {
    expect(parseDurationMs(raw, sep)).toBe(expected);
  });
});

describe('parseCharge', () => {
  it.each<[string, '.' | ',', string]>([
    ['0.015', '.', '0.01500'],
    ['0,015', ',', '0.01500'],
    ['12', '.', '12.00000'],
    ['.5', '.', '0.50000'],
    ['-0.25', '.', '-0.25000'],
    ['0.0123400', '.', '0.01234'],
  ])('%s (decimal "%s") is %s', (raw, sep, expected) => {
    expect(parseCharge(raw, sep)).toEqual({ amount: expected });
  });

  it.each<[string, '.' | ',']>([['0,015', '.'], ['1.234,50', ','], ['€0.01', '.'], ['0.000001', '.'], ['', '.'], ['1e-3', '.']])('refuses %s (decimal "%s")', (raw, sep) => {
    expect(parseCharge(raw, sep)).toHaveProperty('reason');
  });
});

describe('carrierNumberDigits', () => {
  const DE: NumberingContext = { countryCallingCode: '49', trunkPrefix: '0', internationalPrefix: '00' };
  const US: NumberingContext = { countryCallingCode: '1', trunkPrefix: '1', internationalPrefix: '011' };
  it.each<[string, NumberingContext, string | null]>([
    ['+49 30 1234567', DE, '49301234567'],
    ['0049301234567', DE, '49301234567'],
    ['49301234567', DE, '49301234567'],
    ['030 1234567', DE, '49301234567'],
    ['(030) 123-45-67', DE, '49301234567'],
    ['0043 1 234567', DE, '431234567'],
    ['1 212 555 0100', US, '12125550100'],
    ['011 49 30 1234567', US, '49301234567'],
    ['anonymous', DE, null],
    ['+0301234', DE, null],
    ['', DE, null],
  ])('%s is %s', (raw, plan, expected) => {
    expect(carrierNumberDigits(raw, plan)).toBe(expected);
  });
});
