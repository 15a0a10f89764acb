import PDFDocument from 'pdfkit';
import type { Certificate, Internship } from '../contract/internships.js';

/*
 * A learning certificate as a Danish PDF the young person can attach to a CV or an application: their name, the
 * company, the period and the competences; never the CPR number. pdfkit's standard Helvetica (WinAnsi) has æ, ø
 * and å, so no font file is bundled.
 */

const PHASE: Record<Certificate['phase'], string> = { start: 'ved praktikkens start', progress: 'undervejs i praktikken', end: 'ved praktikkens afslutning' };
const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const danishDate = (date: string) => `${Number(date.slice(8, 10))}. ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

export interface CertificateDocument {
  name: string;
  programme: string;
  issuedBy: string;
  internship: Pick<Internship, 'company' | 'startDate' | 'endDate'>;
  certificate: Certificate;
}

export function certificatePdf(d: CertificateDocument): Promise<Buffer> {
  const { certificate: c, internship: i } = d;
  // The document's dates are the certificate's, so the same certificate gives the same file.
  const doc = new PDFDocument({ size: 'A4', margin: 64, info: { Title: `Læringsbevis — ${d.name}`, Author: d.programme, CreationDate: new Date(c.at), ModDate: new Date(c.at) }, lang: 'da-DK' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.font('Helvetica-Bold').fontSize(26).text('Læringsbevis');
  doc.font('Helvetica').fontSize(13).fillColor('#444').text(PHASE[c.phase]).moveDown(1.2);
  const field = (label: string, value: string) => {
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#000').text(label);
    doc.font('Helvetica').fontSize(13).text(value).moveDown(0.6);
  };
  field('Navn', d.name);
  field('Virksomhed', i.company);
  field('Periode', `${danishDate(i.startDate)} – ${i.endDate ? danishDate(i.endDate) : 'igangværende'}`);
  field('Dato for beviset', danishDate(c.date));
  if (c.direction) field('Retning for praktikken', c.direction);
  for (const [kind, heading] of [['personal', 'Personlige kompetencer'], ['professional', 'Faglige kompetencer']] as const) {
    const competences = c.competences.filter((x) => x.kind === kind);
    if (competences.length === 0) continue;
    doc.moveDown(0.4).font('Helvetica-Bold').fontSize(15).text(heading).moveDown(0.3);
    doc.font('Helvetica').fontSize(12).list(competences.map((x) => x.text), { bulletRadius: 2, textIndent: 14 });
  }
  doc.moveDown(2).font('Helvetica').fontSize(10).fillColor('#444').text(`Udstedt af ${d.issuedBy} i ${d.programme}.`);
  doc.end();
  return done;
}
