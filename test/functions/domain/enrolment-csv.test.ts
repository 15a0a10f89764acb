import { describe, expect, it } from 'vitest';
import { parseEnrolmentCsv } from '../../../functions/domain/enrolment-csv.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Windows-1252 bytes, by hand: the encoder must not be the decoder under test. */
const CP1252: Record<string, number> = {
  æ: 0xe6, ø: 0xf8, å: 0xe5, Æ: 0xc6, Ø: 0xd8, Å: 0xc5, é: 0xe9, ü: 0xfc, '’': 0x92, '€': 0x80, '–': 0x96,
};
function cp1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (c) => {
    const code = c.charCodeAt(0);
    const byte = code < 0x80 ? code : CP1252[c];
    if (byte === undefined) throw new Error(`no Windows-1252 byte for ${c} in the test table`);
    return byte;
  });
}

const parseText = (text: string) => parseEnrolmentCsv(utf8(text));

describe('parseEnrolmentCsv', () => {
  it('parses a UTF-8 file with LF line ends', () => {
    const result = parseText('cpr;name;municipality\n010190-1234;Jens Hansen;0183\n1503842345;Mette Nielsen;0187\n');
    expect(result).toEqual({
      ok: true,
      rows: [
        { line: 2, cpr: '0101901234', birthDate: '1990-01-01', name: 'Jens Hansen', municipality: '0183' },
        { line: 3, cpr: '1503842345', birthDate: '1984-03-15', name: 'Mette Nielsen', municipality: '0187' },
      ],
      rejected: [],
    });
  });

  describe('encodings', () => {
    const expected = {
      ok: true,
      rows: [
        { line: 2, cpr: '0101901234', birthDate: '1990-01-01', name: 'Søren Ærø Åberg', municipality: '0183' },
        { line: 3, cpr: '0202924321', birthDate: '1992-02-02', name: 'Åse Læsø Øster', municipality: '0187' },
      ],
      rejected: [],
    };
    const text = 'cpr;name;municipality\r\n010190-1234;Søren Ærø Åberg;0183\r\n020292-4321;Åse Læsø Øster;187\r\n';

    it('UTF-8 with a BOM and CRLF keeps æøå ÆØÅ', () => {
      expect(parseEnrolmentCsv(Uint8Array.from([...UTF8_BOM, ...utf8(text)]))).toEqual(expected);
    });

    it('UTF-8 without a BOM keeps æøå ÆØÅ', () => {
      expect(parseEnrolmentCsv(utf8(text))).toEqual(expected);
    });

    it('Windows-1252 (Danish Excel "CSV (semikolonsepareret)") keeps æøå ÆØÅ', () => {
      const bytes = cp1252(text);
      // "Søren" is S, 0xF8, r, e, n — a lone 0xF8 is not valid UTF-8, which is what triggers the fallback.
      expect(Array.from(bytes.slice(35, 40))).toEqual([0x53, 0xf8, 0x72, 0x65, 0x6e]);
      expect(parseEnrolmentCsv(bytes)).toEqual(expected);
    });

    it('Windows-1252 bytes 0x80–0x9F become € ’ – rather than control characters', () => {
      const result = parseEnrolmentCsv(cp1252('cpr;name;municipality\n010190-1234;Mette O’Neill – René Müller €;0183\n'));
      expect(result).toMatchObject({ ok: true, rows: [{ name: 'Mette O\u2019Neill \u2013 René Müller \u20ac' }] });
    });

    it('Windows-1252 behind a stray UTF-8 BOM loses the BOM', () => {
      const bytes = Uint8Array.from([...UTF8_BOM, ...cp1252('cpr;name;municipality\n010190-1234;Bjørn;0183\n')]);
      expect(parseEnrolmentCsv(bytes)).toMatchObject({ ok: true, rows: [{ name: 'Bjørn' }] });
    });

    it('refuses UTF-16 with a file-level error', () => {
      const bytes = Uint8Array.from([0xff, 0xfe, 0x63, 0x00, 0x70, 0x00, 0x72, 0x00]);
      expect(parseEnrolmentCsv(bytes)).toEqual({
        ok: false,
        error: 'The file is UTF-16 text; save it as CSV (UTF-8 or semicolon separated) instead.',
      });
    });
  });

  describe('header', () => {
    it.each([
      'CPR;Name;Municipality',
      '  cpr ; NAME ;municipality  ',
      '"cpr";"name";"municipality"',
      'cpr;name;municipality;;', // Excel after a wider sheet
    ])('accepts %j', (header) => {
      expect(parseText(`${header}\n010190-1234;Jens;0183`)).toMatchObject({ ok: true, rows: [{ line: 2 }] });
    });

    it.each([
      ['comma separated', 'cpr,name,municipality\n010190-1234,Jens,0183'],
      ['columns in another order', 'name;cpr;municipality\nJens;010190-1234;0183'],
      ['a column missing', 'cpr;name\n010190-1234;Jens'],
      ['an extra column', 'cpr;name;municipality;phone\n010190-1234;Jens;0183;12345678'],
      ['no header', '010190-1234;Jens;0183\n020292-4321;Åse;0187'],
      ['blank first line', '\ncpr;name;municipality\n010190-1234;Jens;0183'],
      ['empty file', ''],
    ])('is a file-level error with %s', (_, text) => {
      expect(parseText(text)).toEqual({
        ok: false,
        error: 'The first line must be the header "cpr;name;municipality".',
      });
    });

    it('an empty byte array is a file-level error too', () => {
      expect(parseEnrolmentCsv(new Uint8Array())).toMatchObject({ ok: false });
    });

    it('a header without rows is an empty import', () => {
      expect(parseText('cpr;name;municipality\r\n')).toEqual({ ok: true, rows: [], rejected: [] });
    });
  });

  describe('lines', () => {
    it('skips blank lines but keeps physical line numbers', () => {
      const text = [
        'cpr;name;municipality', // 1
        '', // 2
        '010190-1234;Jens;0183', // 3
        '   ', // 4
        ';;', // 5: Excel's emptied row
        ' ; ; ', // 6
        'bad;Anna;0183', // 7
        '020292-4321;Åse;0187', // 8
        '', // 9
      ].join('\r\n');
      const result = parseText(text);
      expect(result).toMatchObject({
        ok: true,
        rows: [{ line: 3 }, { line: 8 }],
        rejected: [{ line: 7 }],
      });
    });

    it('accepts lone CR line ends (old Mac Excel)', () => {
      expect(parseText('cpr;name;municipality\r010190-1234;Jens;0183\r020292-4321;Åse;0187')).toMatchObject({
        ok: true,
        rows: [{ line: 2 }, { line: 3 }],
      });
    });

    it('trims fields', () => {
      expect(parseText('cpr;name;municipality\n  010190-1234 ;\t Jens Hansen  ; 0183 ')).toMatchObject({
        ok: true,
        rows: [{ cpr: '0101901234', name: 'Jens Hansen', municipality: '0183' }],
      });
    });

    it('strips Excel quotes, keeps ";" inside them and turns "" into "', () => {
      const text = 'cpr;name;municipality\n"010190-1234";"Hansen; Jens ""Bo""";"183"\n';
      expect(parseText(text)).toMatchObject({
        ok: true,
        rows: [{ cpr: '0101901234', name: 'Hansen; Jens "Bo"', municipality: '0183' }],
      });
    });

    it('keeps a quote inside an unquoted field', () => {
      expect(parseText('cpr;name;municipality\n010190-1234;Jens "Bo" Hansen;0183')).toMatchObject({
        ok: true,
        rows: [{ name: 'Jens "Bo" Hansen' }],
      });
    });

    it('rejects a line with an unclosed quote', () => {
      expect(parseText('cpr;name;municipality\n010190-1234;"Jens Hansen;0183\n020292-4321;Åse;0187')).toEqual({
        ok: true,
        rows: [{ line: 3, cpr: '0202924321', birthDate: '1992-02-02', name: 'Åse', municipality: '0187' }],
        rejected: [{ line: 2, reason: 'A quoted field is not closed on this line.' }],
      });
    });

    it('rejects a wrong number of fields but ignores empty trailing ones', () => {
      const text = [
        'cpr;name;municipality',
        '010190-1234;Jens',
        '020292-4321;Åse;0187;extra',
        '150384-2345;Mette;0183;;',
      ].join('\n');
      expect(parseText(text)).toEqual({
        ok: true,
        rows: [{ line: 4, cpr: '1503842345', birthDate: '1984-03-15', name: 'Mette', municipality: '0183' }],
        rejected: [
          { line: 2, reason: 'Expected 3 fields separated by ";", found 2.' },
          { line: 3, reason: 'Expected 3 fields separated by ";", found 4.' },
        ],
      });
    });
  });

  describe('fields', () => {
    it.each([
      ['0183', '0183'],
      ['183', '0183'],
      ['101', '0101'],
      ['0860', '0860'],
    ])('municipality %j → %j', (raw, municipality) => {
      expect(parseText(`cpr;name;municipality\n010190-1234;Jens;${raw}`)).toMatchObject({
        ok: true,
        rows: [{ municipality }],
      });
    });

    it.each(['', '83', '01834', 'abc', '183.0', '0 183', '-183'])('rejects municipality %j', (raw) => {
      expect(parseText(`cpr;name;municipality\n010190-1234;Jens;${raw}`)).toEqual({
        ok: true,
        rows: [],
        rejected: [{ line: 2, reason: 'Municipality must be a four-digit code such as 0183.' }],
      });
    });

    it('rejects invalid CPR numbers with the parser’s reason', () => {
      const text = 'cpr;name;municipality\n310490-1234;Jens;0183\n01019-1234;Åse;0187\n';
      expect(parseText(text)).toEqual({
        ok: true,
        rows: [],
        rejected: [
          { line: 2, reason: 'CPR number does not begin with a real date.' },
          { line: 3, reason: 'CPR number must be 10 digits written as DDMMYY-SSSS or DDMMYYSSSS.' },
        ],
      });
    });

    it('accepts a CPR number that fails modulus 11', () => {
      expect(parseText('cpr;name;municipality\n010190-1234;Jens;0183')).toMatchObject({ ok: true, rejected: [] });
    });

    it('rejects a missing name', () => {
      expect(parseText('cpr;name;municipality\n010190-1234; ;0183')).toEqual({
        ok: true,
        rows: [],
        rejected: [{ line: 2, reason: 'Name is missing.' }],
      });
    });

    it('reports every problem of a line', () => {
      expect(parseText('cpr;name;municipality\n999999-9999;;x')).toEqual({
        ok: true,
        rows: [],
        rejected: [
          {
            line: 2,
            reason:
              'CPR number does not begin with a real date. Name is missing. Municipality must be a four-digit code such as 0183.',
          },
        ],
      });
    });
  });

  describe('a CPR number repeated inside the file', () => {
    it('is rejected at its second occurrence, with or without the dash', () => {
      const text = [
        'cpr;name;municipality',
        '010190-1234;Jens;0183', // 2
        '020292-4321;Åse;0187', // 3
        '0101901234;Jens Hansen;0183', // 4
        '010190-1234;Jens H.;0187', // 5
      ].join('\n');
      expect(parseText(text)).toEqual({
        ok: true,
        rows: [
          { line: 2, cpr: '0101901234', birthDate: '1990-01-01', name: 'Jens', municipality: '0183' },
          { line: 3, cpr: '0202924321', birthDate: '1992-02-02', name: 'Åse', municipality: '0187' },
        ],
        rejected: [
          { line: 4, reason: 'The CPR number repeats line 2.' },
          { line: 5, reason: 'The CPR number repeats line 2.' },
        ],
      });
    });

    it('is rejected even when its first occurrence was rejected for another reason', () => {
      const text = 'cpr;name;municipality\n010190-1234;Jens;x\n010190-1234;Jens;0183\n';
      expect(parseText(text)).toEqual({
        ok: true,
        rows: [],
        rejected: [
          { line: 2, reason: 'Municipality must be a four-digit code such as 0183.' },
          { line: 3, reason: 'The CPR number repeats line 2.' },
        ],
      });
    });
  });

  it('never puts a CPR number or a name in a reason', () => {
    const lines = [
      ['310490-1234', 'Jens Hansen', '0183'],
      ['0101901234567', 'Søren Ærø', '0183'],
      ['010190-1234', 'Mette Nielsen', '12'],
      ['010190-1234', 'Mette Nielsen', '0183'],
      ['020292-4321', 'Åse Øster', ''],
      ['020292-4321', '', '0187'],
      ['150384-2345', 'Ib', '0183', 'extra'],
      ['"150384-2345', 'Ib', '0183'],
    ];
    const result = parseText(['cpr;name;municipality', ...lines.map((l) => l.join(';'))].join('\n'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rejected).toHaveLength(lines.length);
    const secrets = lines.flatMap(([cpr = '', name = '']) => [cpr.replace(/\D/g, '').slice(0, 6), name]);
    for (const { reason } of result.rejected) {
      for (const secret of secrets.filter((s) => s.length > 1)) expect(reason).not.toContain(secret);
    }
  });

  it('parses 10,000 lines in well under a second', () => {
    const lines = ['cpr;name;municipality'];
    for (let i = 0; i < 10_000; i++) {
      // Day 01–03 × serial 0000–3999 (1900s): 12,000 distinct CPR numbers to draw from.
      const day = String(1 + Math.floor(i / 4000)).padStart(2, '0');
      const serial = String(i % 4000).padStart(4, '0');
      lines.push(`${day}0585-${serial};Borger Nr. ${i} Ærøskøbing;${i % 2 ? '183' : '0187'}`);
    }
    const bytes = utf8(lines.join('\r\n') + '\r\n');

    const started = performance.now();
    const result = parseEnrolmentCsv(bytes);
    const elapsed = performance.now() - started;

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rejected).toEqual([]);
    expect(result.rows).toHaveLength(10_000);
    expect(result.rows[9_999]).toEqual({
      line: 10_001,
      cpr: '0305851999', // 9999 = 2 × 4000 + 1999
      birthDate: '1985-05-03',
      name: 'Borger Nr. 9999 Ærøskøbing',
      municipality: '0183',
    });
    expect(elapsed).toBeLessThan(500);
  });
});

describe('names', () => {
  it('rejects a name over 200 characters at its line and keeps the other lines', () => {
    const result = parseText(`cpr;name;municipality\n010190-1234;${'A'.repeat(1_000_000)};0183\n0202924321;Åse Læsø;0187\n`);
    expect(result).toEqual({
      ok: true,
      rows: [{ line: 3, cpr: '0202924321', birthDate: '1992-02-02', name: 'Åse Læsø', municipality: '0187' }],
      rejected: [{ line: 2, reason: 'Name is longer than 200 characters.' }],
    });
  });

  it('takes a name of exactly 200 characters', () => {
    const result = parseText(`cpr;name;municipality\n010190-1234;${'Å'.repeat(200)};0183\n`);
    expect(result.ok && result.rows.map((r) => r.name.length)).toEqual([200]);
  });

  it('rejects control characters in a name (C0, DEL and C1), reporting the line', () => {
    const names = ['Jens\u0000Hansen', 'Jens\tHansen', 'Jens\u001bHansen', 'Jens\u007fHansen', 'Jens\u0085Hansen'];
    const result = parseText(['cpr;name;municipality', ...names.map((n, i) => `0${i + 1}0190-1234;${n};0183`)].join('\n'));
    expect(result).toEqual({ ok: true, rows: [], rejected: names.map((_, i) => ({ line: i + 2, reason: 'Name contains a control character.' })) });
  });
});
