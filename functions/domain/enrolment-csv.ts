/**
 * The enrolment import file (`POST /programmes/{id}/enrolments/import`): `cpr;name;municipality`,
 * as Danish Excel saves it ("CSV (semikolonsepareret)" is Windows-1252, "CSV UTF-8" has a BOM).
 *
 * Rejection reasons go back to the user and into logs, so they never contain a CPR number or a name.
 */
import { parseCpr } from '../contract/cpr.js';

export interface EnrolmentRow {
  /** Physical line number in the file; the header is line 1. */
  line: number;
  /** Normalised, 10 digits. */
  cpr: string;
  birthDate: string;
  name: string;
  /** Four-digit municipality code, e.g. "0183". */
  municipality: string;
}

export interface RejectedLine {
  line: number;
  reason: string;
}

export type EnrolmentCsvResult =
  | { ok: true; rows: EnrolmentRow[]; rejected: RejectedLine[] }
  | { ok: false; error: string };

const HEADER = ['cpr', 'name', 'municipality'] as const;

/** The longest name a journey takes: the same limit as a JSON enrolment's `name`. */
export const MAX_NAME_LENGTH = 200;
/** Control characters (C0, DEL, C1): nobody's name has them, and they break what the name is written into. */
const CONTROL_CHARACTER = /\p{Cc}/u;

export function parseEnrolmentCsv(bytes: Uint8Array): EnrolmentCsvResult {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    // Excel's "Unicode text" export; decoding it as Windows-1252 would only produce a baffling header error.
    return { ok: false, error: 'The file is UTF-16 text; save it as CSV (UTF-8 or semicolon separated) instead.' };
  }
  const lines = decode(bytes).split(/\r\n|\n|\r/);

  const header = splitFields(lines[0] ?? '');
  if (!header.ok || !isHeader(header.fields)) {
    return { ok: false, error: `The first line must be the header "${HEADER.join(';')}".` };
  }

  const rows: EnrolmentRow[] = [];
  const rejected: RejectedLine[] = [];
  const firstLineOfCpr = new Map<string, number>();

  for (let index = 1; index < lines.length; index++) {
    const line = index + 1;
    const split = splitFields(lines[index] ?? '');
    if (!split.ok) {
      rejected.push({ line, reason: split.reason });
      continue;
    }
    // Excel writes an emptied row as ";;", which is as blank as an empty line.
    if (split.fields.every((field) => field === '')) continue;
    const fields = withoutExtraEmpties(split.fields);
    if (fields.length !== HEADER.length) {
      rejected.push({ line, reason: `Expected ${HEADER.length} fields separated by ";", found ${fields.length}.` });
      continue;
    }

    const [rawCpr = '', name = '', rawMunicipality = ''] = fields;
    const problems: string[] = [];

    const cpr = parseCpr(rawCpr);
    if (!cpr.ok) {
      problems.push(cpr.reason);
    } else {
      const earlier = firstLineOfCpr.get(cpr.cpr);
      if (earlier === undefined) firstLineOfCpr.set(cpr.cpr, line);
      else problems.push(`The CPR number repeats line ${earlier}.`);
    }
    if (name === '') problems.push('Name is missing.');
    else if (name.length > MAX_NAME_LENGTH) problems.push(`Name is longer than ${MAX_NAME_LENGTH} characters.`);
    else if (CONTROL_CHARACTER.test(name)) problems.push('Name contains a control character.');
    const municipality = normaliseMunicipality(rawMunicipality);
    if (municipality === undefined) problems.push('Municipality must be a four-digit code such as 0183.');

    if (problems.length > 0 || !cpr.ok || municipality === undefined) {
      rejected.push({ line, reason: problems.join(' ') });
    } else {
      rows.push({ line, cpr: cpr.cpr, birthDate: cpr.birthDate, name, municipality });
    }
  }
  return { ok: true, rows, rejected };
}

// ---- decoding ---------------------------------------------------------------------------------

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function decode(bytes: Uint8Array): string {
  try {
    // Strips a BOM by itself.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
    return repairC1(new TextDecoder('windows-1252').decode(body));
  }
}

/**
 * Node ≥ 20.18.3 decodes "windows-1252" as Latin-1, turning 0x80–0x9F into C1 control characters
 * instead of € ‚ ’ “ ” – — and friends (nodejs/node#56542, #60888). Mapping them here gives the
 * right text whether or not the running Node has the fix. Index: WHATWG index-windows-1252.
 */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function repairC1(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_C1.charAt(c.charCodeAt(0) - 0x80));
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

// ---- fields -----------------------------------------------------------------------------------

type SplitResult = { ok: true; fields: string[] } | { ok: false; reason: string };

/**
 * Splits one line on ";" the way Excel quotes: a field may be wrapped in double quotes (so it can
 * hold ";"), with "" for a literal quote. Fields are trimmed. A quoted field cannot span lines.
 */
function splitFields(line: string): SplitResult {
  if (!line.includes('"')) return { ok: true, fields: line.split(';').map((f) => f.trim()) };

  const fields: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (inQuotes) {
      if (c !== '"') current += c;
      else if (line.charAt(i + 1) === '"') {
        current += '"';
        i++;
      } else inQuotes = false;
    } else if (c === ';') {
      fields.push(current.trim());
      current = '';
    } else if (c === '"' && current.trim() === '') {
      current = '';
      inQuotes = true;
    } else {
      current += c;
    }
  }
  if (inQuotes) return { ok: false, reason: 'A quoted field is not closed on this line.' };
  fields.push(current.trim());
  return { ok: true, fields };
}

/** Drops empty fields after the third: Excel adds ";;" for empty columns once a sheet was wider. */
function withoutExtraEmpties(fields: string[]): string[] {
  let end = fields.length;
  while (end > HEADER.length && fields[end - 1] === '') end--;
  return end === fields.length ? fields : fields.slice(0, end);
}

function isHeader(fields: string[]): boolean {
  const names = withoutExtraEmpties(fields);
  return names.length === HEADER.length && names.every((name, i) => name.toLowerCase() === HEADER[i]);
}

/** Excel drops the leading zero of "0183", so a three-digit code gets it back. */
function normaliseMunicipality(value: string): string | undefined {
  if (/^\d{4}$/.test(value)) return value;
  if (/^\d{3}$/.test(value)) return `0${value}`;
  return undefined;
}
