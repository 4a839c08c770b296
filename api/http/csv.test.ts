import { describe, expect, it } from 'vitest';
import { neutraliseCsvCell, toCsv } from './csv';

describe('CSV cells', () => {
  it('neutralises text a spreadsheet would run as a formula, and nothing else', () => {
    for (const formula of ['=HYPERLINK("http://evil.test","x")', '+1+2', '-2+3', '@SUM(A1:A2)', '\t=1', '\r=1']) {
      expect(neutraliseCsvCell(formula)).toBe(`'${formula}`);
    }
    for (const text of ['The number is not valid', '2026-11-30', 'a=b', ' =1', '30001', '']) expect(neutraliseCsvCell(text)).toBe(text);
  });

  it('writes a header row and quotes what needs quoting, neutralising text cells but not numbers', () => {
    const csv = toCsv({
      columns: ['code', 'reason', 'count', 'share'],
      rows: [
        ['=cmd|" /C calc"!A0', 'Has a "quote", a comma', 3, -0.5],
        [null, '@user', 0, 1],
      ],
    });
    expect(csv).toBe(`code,reason,count,share\n"'=cmd|"" /C calc""!A0","Has a ""quote"", a comma",3,-0.5\n,'@user,0,1\n`);
  });
});
