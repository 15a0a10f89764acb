import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import parquet from '@dsnp/parquetjs';
import type { ExportFormat } from '../contract/exports.js';
import type { DictionaryColumn } from '../domain/exports/dictionary.js';
import { CSV_BOM, csvLine } from '../domain/exports/excel-csv.js';
import { openExportFile, type WrittenFile } from '../platform/export-files.js';

/*
 * One table file of an export, written row by row as a stream in the format asked for: CSV in the Danish
 * Excel dialect, XLSX by exceljs' streaming WorkbookWriter (each row is committed and leaves memory), Parquet by
 * @dsnp/parquetjs (rows are held only until a row group is full).
 */

export type Cell = string | number | null;

export interface TableWriter {
  write(row: readonly Cell[]): Promise<void>;
  close(): Promise<WrittenFile>;
}

export const EXTENSION: Record<ExportFormat, string> = { csv: 'csv', xlsx: 'xlsx', parquet: 'parquet' };

async function put(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

export async function csvWriter(key: string, header: readonly string[]): Promise<TableWriter> {
  const file = openExportFile(key);
  await put(file.stream, CSV_BOM + csvLine(header));
  return {
    write: (row) => put(file.stream, csvLine(row)),
    async close() {
      file.stream.end();
      return file.done;
    },
  };
}

async function xlsxWriter(key: string, columns: readonly DictionaryColumn[], sheet: string): Promise<TableWriter> {
  const file = openExportFile(key);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: file.stream, useSharedStrings: false, useStyles: false });
  const worksheet = workbook.addWorksheet(sheet);
  worksheet.addRow(columns.map((c) => c.name)).commit();
  let rows = 0;
  return {
    async write(row) {
      worksheet.addRow([...row]).commit();
      // Committed rows go to the zip stream as it drains: give it the chance now and then.
      if (++rows % 1000 === 0 && file.stream.writableNeedDrain) await once(file.stream, 'drain');
    },
    async close() {
      worksheet.commit();
      await workbook.commit();
      return file.done;
    },
  };
}

const PARQUET_TYPE = { string: 'UTF8', month: 'UTF8', integer: 'INT32', number: 'DOUBLE' } as const;

async function parquetWriter(key: string, columns: readonly DictionaryColumn[]): Promise<TableWriter> {
  const file = openExportFile(key);
  const schema = new parquet.ParquetSchema(Object.fromEntries(columns.map((c) => [c.name, { type: PARQUET_TYPE[c.type], optional: true }])));
  const writer = await parquet.ParquetWriter.openStream(schema, file.stream as unknown as Parameters<typeof parquet.ParquetWriter.openStream>[1], { rowGroupSize: 4096 });
  return {
    async write(row) {
      const record: Record<string, unknown> = {};
      columns.forEach((c, i) => {
        if (row[i] !== null && row[i] !== undefined) record[c.name] = row[i];
      });
      await writer.appendRow(record);
    },
    async close() {
      await writer.close();
      return file.done;
    },
  };
}

export function tableWriter(format: ExportFormat, key: string, columns: readonly DictionaryColumn[], sheet: string): Promise<TableWriter> {
  if (format === 'csv') return csvWriter(key, columns.map((c) => c.name));
  if (format === 'xlsx') return xlsxWriter(key, columns, sheet);
  return parquetWriter(key, columns);
}
