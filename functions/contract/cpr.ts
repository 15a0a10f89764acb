/**
 * Danish CPR numbers (personal identification numbers): `DDMMYY-SSSS`.
 *
 * A CPR number is sensitive personal data, so nothing in this module ever puts
 * the input into a message: reasons are fixed sentences.
 */

import { z } from 'zod';

export type CprResult =
  | { ok: true; cpr: string; birthDate: string }
  | { ok: false; reason: string };

const CPR_SHAPE = /^(\d{2})(\d{2})(\d{2})-?(\d)(\d{3})$/;
const SHAPE_REASON = 'CPR number must be 10 digits written as DDMMYY-SSSS or DDMMYYSSSS.';

/**
 * Parses `DDMMYY-SSSS` or `DDMMYYSSSS` into the normalised 10 digits and the birth date.
 *
 * There is deliberately no modulus-11 check: CPR has issued numbers that fail it since 2007.
 */
export function parseCpr(input: string): CprResult {
  const match = CPR_SHAPE.exec(input.trim());
  if (!match) {
    return { ok: false, reason: SHAPE_REASON };
  }
  const [dd = '', mm = '', yy = '', seventh = '', rest = ''] = match.slice(1);
  const day = Number(dd);
  const month = Number(mm);
  const year = centuryOf(Number(seventh), Number(yy)) + Number(yy);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, reason: 'CPR number does not begin with a real date.' };
  }
  return {
    ok: true,
    cpr: `${dd}${mm}${yy}${seventh}${rest}`,
    birthDate: `${String(year).padStart(4, '0')}-${mm}-${dd}`,
  };
}

/**
 * A CPR number in a request, checked by the schema (so a request with other bad fields names them all, and the
 * OpenAPI document shows the pattern) and parsed to the normalised 10 digits and the birth date.
 */
export const Cpr = z
  .string()
  .trim()
  .regex(CPR_SHAPE, SHAPE_REASON)
  .transform((input, ctx) => {
    const parsed = parseCpr(input);
    if (parsed.ok) return { cpr: parsed.cpr, birthDate: parsed.birthDate };
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  });

/** `0101901234` or `010190-1234` → `010190-XXXX`; anything else is masked completely. */
export function maskCpr(cpr: string): string {
  const match = CPR_SHAPE.exec(cpr.trim());
  if (!match) return 'XXXXXX-XXXX';
  const [dd = '', mm = '', yy = ''] = match.slice(1);
  return `${dd}${mm}${yy}-XXXX`;
}

/** The century table of the CPR office (CPR-kontoret), keyed by the first serial digit. */
function centuryOf(seventhDigit: number, yy: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
