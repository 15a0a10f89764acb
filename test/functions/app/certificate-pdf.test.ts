import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificatePdf } from '../../../functions/app/certificate-pdf.js';

/* The learning certificate's PDF: page 1 rendered to PNG by poppler's pdftoppm, its text read by pdftotext. */
const document = {
  name: 'Søren Ærø Åberg',
  programme: 'Gennem Job til Uddannelse — Jammerbugt',
  issuedBy: 'Anna Jobformidler',
  internship: { company: 'Fiktiv Tømrer & Søn ApS', startDate: '2031-03-03', endDate: '2031-05-30' },
  certificate: {
    id: 'c1',
    internshipId: 'i1',
    phase: 'end' as const,
    date: '2031-05-30',
    direction: 'Tømrerlærling',
    competences: [
      { kind: 'personal' as const, text: 'Møder stabilt og til tiden' },
      { kind: 'professional' as const, text: 'Sætter gipsvægge op efter tegning' },
    ],
    by: 'jb.anna',
    at: '2031-05-30T12:00:00.000Z',
  },
};

describe('learning certificate PDF', () => {
  it('renders page 1 with name, company, period and competences in Danish, and is the same file for the same certificate', async () => {
    const started = performance.now();
    const pdf = await certificatePdf(document);
    const ms = performance.now() - started;
    const dir = mkdtempSync(join(tmpdir(), 'forlob-pdf-'));
    writeFileSync(join(dir, 'bevis.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '72', '-f', '1', '-l', '1', join(dir, 'bevis.pdf'), join(dir, 'page')]);
    const png = readFileSync(join(dir, 'page-1.png'));
    // A4 at 72 dpi: 595.28 × 841.89 points, whole pixels rounded up.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([596, 842]);
    const text = execFileSync('pdftotext', [join(dir, 'bevis.pdf'), '-'], { encoding: 'utf8' });
    for (const expected of ['Læringsbevis', 'ved praktikkens afslutning', 'Søren Ærø Åberg', 'Fiktiv Tømrer & Søn ApS', '3. marts 2031 – 30. maj 2031', 'Personlige kompetencer', 'Møder stabilt og til tiden', 'Faglige kompetencer', 'Sætter gipsvægge op efter tegning', 'Udstedt af Anna Jobformidler']) {
      expect(text).toContain(expected);
    }
    expect(Buffer.compare(pdf, await certificatePdf(document))).toBe(0);
    console.info(`learning certificate PDF: ${pdf.length} bytes, generated in ${ms.toFixed(1)} ms (first, cold); page 1 PNG ${png.length} bytes`);
    const warm = performance.now();
    for (let i = 0; i < 20; i++) await certificatePdf(document);
    console.info(`warm: ${((performance.now() - warm) / 20).toFixed(1)} ms per PDF (mean of 20)`);
  });
});
