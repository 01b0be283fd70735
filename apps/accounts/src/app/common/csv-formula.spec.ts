import { neutraliseCsvFormula, restoreCsvFormula } from './csv-formula';

describe('neutraliseCsvFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","Click")', '\'=HYPERLINK("http://evil.example","Click")'],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+4930123456', "'+4930123456"],
    ['-2+3+cmd|\' /C calc\'!A0', "'-2+3+cmd|' /C calc'!A0"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['=Team=', "'=Team="],
    ["'=already quoted", "''=already quoted"],
    ["''+49", "'''+49"],
    ['Anna Schmidt', 'Anna Schmidt'],
    ['4001', '4001'],
    ['', ''],
    ["O'Brien", "O'Brien"],
    ["'quoted'", "'quoted'"],
    ['Team = Sales', 'Team = Sales'],
    ['a-b', 'a-b'],
  ])('turns %j into %j', (value, cell) => {
    expect(neutraliseCsvFormula(value)).toBe(cell);
  });
});

describe('restoreCsvFormula', () => {
  it.each([
    ["'=x", '=x'],
    ["'+4930123456", '+4930123456'],
    ["'-1", '-1'],
    ["'@x", '@x'],
    ["'\t=1", '\t=1'],
    ["''=x", "'=x"],
    ["'''+49", "''+49"],
    ["'quoted'", "'quoted'"],
    ["'", "'"],
    ["''", "''"],
    ['=x', '=x'],
    ['+4930123456', '+4930123456'],
    ["O'Brien", "O'Brien"],
    ['', ''],
  ])('reads %j as %j', (cell, value) => {
    expect(restoreCsvFormula(cell)).toBe(value);
  });
});

describe('a neutralised cell read back', () => {
  it.each([
    '=HYPERLINK("http://evil.example","Click")',
    '+4930123456',
    '-',
    '@home',
    '\t=1',
    '=Team=',
    "'=x",
    "''=x",
    "'quoted'",
    "'",
    "O'Brien",
    'Anna Schmidt',
    '',
  ])('is the original value %j', (value) => {
    expect(restoreCsvFormula(neutraliseCsvFormula(value))).toBe(value);
  });
});
