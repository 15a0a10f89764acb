import { describe, expect, it } from 'vitest';
import { maskCpr, parseCpr } from '../../../functions/contract/cpr.js';
import { EnrolmentInput } from '../../../functions/contract/schemas.js';
import { zodDetails } from '../../../functions/platform/http.js';

describe('parseCpr', () => {
  it('accepts DDMMYY-SSSS and normalises it to 10 digits', () => {
    expect(parseCpr('010190-1234')).toEqual({ ok: true, cpr: '0101901234', birthDate: '1990-01-01' });
  });

  it('accepts DDMMYYSSSS without the dash', () => {
    expect(parseCpr('0101901234')).toEqual({ ok: true, cpr: '0101901234', birthDate: '1990-01-01' });
  });

  it('trims surrounding whitespace', () => {
    expect(parseCpr('  150384-2345 \r\n')).toEqual({ ok: true, cpr: '1503842345', birthDate: '1984-03-15' });
  });

  it('does not apply the modulus-11 rule (dropped in 2007)', () => {
    // Weights 4,3,2,7,6,5,4,3,2,1 over 0101901234: 0+3+0+7+54+0+4+6+6+4 = 84, and 84 mod 11 = 7, not 0.
    expect(parseCpr('010190-1234')).toMatchObject({ ok: true });
  });

  describe('century from the 7th digit', () => {
    it.each([
      // digit 0–3: always 1900s
      ['010100-0000', '1900-01-01'],
      ['311299-3999', '1999-12-31'],
      ['010136-2000', '1936-01-01'],
      ['010158-1000', '1958-01-01'],
      // digit 4: 2000s up to YY 36, else 1900s
      ['010100-4000', '2000-01-01'],
      ['311236-4000', '2036-12-31'],
      ['010137-4000', '1937-01-01'],
      ['311299-4000', '1999-12-31'],
      // digit 9: same rule as 4
      ['010136-9000', '2036-01-01'],
      ['010137-9000', '1937-01-01'],
      // digits 5–8: 2000s up to YY 57, else 1800s
      ['010157-5000', '2057-01-01'],
      ['010158-5000', '1858-01-01'],
      ['010105-6000', '2005-01-01'],
      ['010199-7000', '1899-01-01'],
      ['311257-8000', '2057-12-31'],
      ['010158-8000', '1858-01-01'],
    ])('%s → %s', (input, birthDate) => {
      expect(parseCpr(input)).toMatchObject({ ok: true, birthDate });
    });
  });

  describe('must be a real calendar date', () => {
    it.each([
      ['000190-1234', 'day 0'],
      ['320190-1234', 'day 32'],
      ['010090-1234', 'month 0'],
      ['011390-1234', 'month 13'],
      ['310490-1234', '31 April'],
      ['300290-1234', '30 February'],
      ['290297-1234', '29 February 1997 (not a leap year)'],
      ['290200-1234', '29 February 1900 (century, not a leap year)'],
      ['290258-5234', '29 February 1858 (not a leap year)'],
      ['610190-1234', 'replacement numbers (day + 60) are not real dates'],
    ])('rejects %s: %s', (input) => {
      expect(parseCpr(input)).toEqual({ ok: false, reason: 'CPR number does not begin with a real date.' });
    });

    it.each([
      ['290296-1234', '1996-02-29'],
      ['290200-4234', '2000-02-29'],
      ['290204-5234', '2004-02-29'],
    ])('accepts the leap day %s → %s', (input, birthDate) => {
      expect(parseCpr(input)).toMatchObject({ ok: true, birthDate });
    });
  });

  describe('rejects malformed input', () => {
    it.each([
      [''],
      ['   '],
      ['010190-123'],
      ['01019012345'],
      ['010190 1234'],
      ['010190--1234'],
      ['01-01-90-1234'],
      ['010190-123a'],
      ['O10190-1234'],
      ['٠١٠١٩٠١٢٣٤'], // Arabic-Indic digits are digits to Unicode, not to CPR
      ['0101-901234'],
    ])('%j', (input) => {
      expect(parseCpr(input)).toEqual({
        ok: false,
        reason: 'CPR number must be 10 digits written as DDMMYY-SSSS or DDMMYYSSSS.',
      });
    });
  });

  it('never echoes the input in a reason', () => {
    for (const input of ['320190-1234', '010190-123', '0101901234567', '310490-9876', 'jens 010190']) {
      const result = parseCpr(input);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reason).not.toContain(input.trim());
        expect(result.reason).not.toMatch(/\d{4,}/);
      }
    }
  });
});

describe('maskCpr', () => {
  it('keeps the date and masks the serial number', () => {
    expect(maskCpr('0101901234')).toBe('010190-XXXX');
    expect(maskCpr('010190-1234')).toBe('010190-XXXX');
    expect(maskCpr(' 241299-4321 ')).toBe('241299-XXXX');
  });

  it('masks everything when the input is not shaped like a CPR number', () => {
    expect(maskCpr('01019012')).toBe('XXXXXX-XXXX');
    expect(maskCpr('')).toBe('XXXXXX-XXXX');
    expect(maskCpr('Jens Hansen')).toBe('XXXXXX-XXXX');
  });
});

describe('Cpr in a request body', () => {
  it('is checked with the other fields, so every bad field is named at once', () => {
    const parsed = EnrolmentInput.safeParse({ cpr: '310280-1234', name: '', municipality: '183x' });
    expect(parsed.success).toBe(false);
    expect(zodDetails(parsed.error!).map((d) => d.path).sort()).toEqual(['cpr', 'municipality', 'name']);
  });

  it('names a cpr of the wrong shape without echoing it', () => {
    const parsed = EnrolmentInput.safeParse({ cpr: '010180-123', name: 'Kort', municipality: '0183' });
    expect(zodDetails(parsed.error!)).toEqual([{ path: 'cpr', message: 'CPR number must be 10 digits written as DDMMYY-SSSS or DDMMYYSSSS.' }]);
  });

  it('parses a good one to the normalised digits and the birth date', () => {
    expect(EnrolmentInput.parse({ cpr: ' 010190-1234 ', name: 'Fiktiv', municipality: '0183' }).cpr).toEqual({ cpr: '0101901234', birthDate: '1990-01-01' });
  });
});
