/**
 * Cells of the files people open in a spreadsheet (the evaluation exports' CSV and XLSX). A text cell that
 * begins with `=`, `+`, `-` or `@` would be run as a formula (CSV injection), so it gets a leading `'`, which
 * spreadsheets show as text. Numbers are never changed: `-3` stays a number.
 */
export type Cell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@]/;

export function spreadsheetCell(value: Cell): Cell {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}
