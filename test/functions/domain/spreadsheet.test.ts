import { describe, expect, it } from 'vitest';
import { spreadsheetCell } from '../../../functions/domain/spreadsheet.js';

describe('spreadsheetCell', () => {
  it('prefixes text that a spreadsheet would run as a formula', () => {
    expect(spreadsheetCell('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(spreadsheetCell('+45 12 34 56 78')).toBe(`'+45 12 34 56 78`);
    expect(spreadsheetCell('-2+3')).toBe(`'-2+3`);
    expect(spreadsheetCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
  });

  it('leaves other text, and numbers, booleans and empty cells as they are', () => {
    expect(spreadsheetCell('Søren = ok')).toBe('Søren = ok');
    expect(spreadsheetCell('')).toBe('');
    expect(spreadsheetCell(-3)).toBe(-3);
    expect(spreadsheetCell(0.5)).toBe(0.5);
    expect(spreadsheetCell(true)).toBe(true);
    expect(spreadsheetCell(null)).toBeNull();
  });
});
