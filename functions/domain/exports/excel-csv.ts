/*
 * CSV as Danish Excel opens it by a double click: `;` between cells, decimal comma, UTF-8 with a byte order
 * mark, CRLF line ends. A text cell that begins with `=`, `+`, `-` or `@` would be read as a formula: it gets a
 * leading `'`. Numbers are written as numbers (a negative number is not text and keeps its minus).
 */

export const CSV_BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@]/;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6).replace('.', ',');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly (string | number | boolean | null | undefined)[]): string => `${cells.map(csvCell).join(';')}\r\n`;
