import { now } from '../functions/platform/clock.js';
import { previousMonth } from '../functions/domain/coordination.js';
import { copenhagenDate } from '../functions/domain/working-days.js';
import { YOUTH_DEMO_USERS } from './demo-users.js';
import { demoCpr, type DemoClient } from './seed.js';

/*
 * The demo's youth coordination (seed 003, fictional): Brøndby's (0153) coordination group with its lead and
 * three UU counsellors, the Praktik-generator in the offers catalogue, the actors the group works with, and
 * the lists of the last three months: repeaters, misplaced young people (erased), some nobody could reach,
 * two meetings held and this month's list waiting to be sorted. Entered through the HTTP API like the rest.
 */

const YOUNG = [
  { key: 'amir', name: 'Amir Fiktiv Hansen', born: '2010-03-14' },
  { key: 'bella', name: 'Bella Fiktiv Nielsen', born: '2010-07-02' },
  { key: 'cecilie', name: 'Cecilie Fiktiv Larsen', born: '2011-01-20' },
  { key: 'david', name: 'David Fiktiv Jensen', born: '2009-12-05' },
  { key: 'frida', name: 'Frida Fiktiv Poulsen', born: '2010-10-30' },
  { key: 'gustav', name: 'Gustav Fiktiv Madsen', born: '2011-05-11' },
  { key: 'hannah', name: 'Hannah Fiktiv Olsen', born: '2010-02-17' },
  { key: 'ida', name: 'Ida Fiktiv Kristensen', born: '2011-08-08' },
] as const;
type Key = (typeof YOUNG)[number]['key'];

const ACTORS = [
  { name: 'Karin Kontakt', organisation: 'UU-center Syd', role: 'Opsøgende medarbejder', phone: '43 00 00 01', offers: ['Opsøgende kontakt', 'Uddannelsesvejledning'] },
  { name: 'Mads Ungehus', organisation: 'Jobcentrets Ungehus, Brøndby', role: 'Leder', phone: '43 00 00 02', offers: ['Praktik-generatoren', 'Afklarende samtaler'] },
  { name: 'Pia PPR', organisation: 'Børneforvaltningen, Brøndby', role: 'Sagsbehandler', offers: ['Familiesamtaler'] },
  { name: 'Ole Ungdomsklub', organisation: 'Brøndby Ungdomsklub', role: 'Klubmedarbejder', offers: ['Fritidsjob', 'Aftenklub'] },
  { name: 'Tanja Tømrer', organisation: 'Fiktiv Tømrer ApS', role: 'Praktikvært', email: 'tanja@fiktiv-toemrer.example', offers: ['Praktikplads (tømrer)'] },
];

const CSV = (keys: Key[], n0: number) =>
  ['cpr;name;municipality', ...keys.map((k) => YOUNG.findIndex((y) => y.key === k)).map((i) => `${demoCpr(YOUNG[i]!.born, n0 + i)};${YOUNG[i]!.name};0153`)].join('\r\n');

/** The offer a young person in the rest group for more than a month is proposed for (seed 003). */
export const PRAKTIK_GENERATOR_OFFER = {
  name: 'Praktik-generatoren',
  provider: 'Jobcentrets Ungehus, Brøndby',
  domain: 'employment',
  targetGroup: '15–17-årige i restgruppen, der med vejledning kan få en praktikplads (tre timer om ugen)',
  municipalities: ['0153'],
} as const;

export async function seedYouthCoordination(client: DemoClient): Promise<void> {
  const admin = client.as('admin');
  const offer = await admin.post('/offers', PRAKTIK_GENERATOR_OFFER);
  const programme = await admin.post('/programmes', {
    name: 'Ungekoordinering — Brøndby',
    template: 'youth-coordination',
    municipalities: ['0153'],
    settings: { praktikGeneratorOfferId: offer.id },
  });
  for (const user of YOUTH_DEMO_USERS) {
    await admin.post('/users', { username: user.username, name: user.name, email: `${user.username}@forlob.local`, roles: user.roles, municipalities: user.municipalities, programmes: [programme.id] });
  }
  const lead = client.as('birgit.brondby');
  for (const actor of ACTORS) await lead.post(`/programmes/${programme.id}/actors`, actor);

  const month = copenhagenDate(now()).slice(0, 7);
  const months = [previousMonth(previousMonth(month)), previousMonth(month), month];
  const journeyOf = new Map<Key, string>();
  // Each list: who is on it, who is misplaced, who is kept and by whom; the rest stay proposed.
  const plans: { keys: Key[]; misplaced: Key[]; kept: [Key, string][] }[] = [
    { keys: ['amir', 'bella', 'cecilie', 'david', 'frida'], misplaced: ['david'], kept: [['amir', 'ulla.uu'], ['bella', 'uffe.uu'], ['cecilie', 'ulla.uu'], ['frida', 'uffe.uu']] },
    { keys: ['amir', 'bella', 'cecilie', 'gustav', 'hannah'], misplaced: ['hannah'], kept: [['amir', 'ulla.uu'], ['bella', 'uffe.uu'], ['cecilie', 'ulla.uu'], ['gustav', 'signe.skole']] },
    { keys: ['amir', 'cecilie', 'gustav', 'ida'], misplaced: [], kept: [['amir', 'ulla.uu'], ['gustav', 'signe.skole']] },
  ];
  const lists: { id: string; entries: { entryId: string; name: string }[] }[] = [];
  for (const [i, plan] of plans.entries()) {
    const list = await lead.csv(`/programmes/${programme.id}/coordination-lists?month=${months[i]}`, CSV(plan.keys, 0));
    lists.push(list);
    const entryOf = (k: Key) => list.entries.find((e: { name: string }) => e.name === YOUNG.find((y) => y.key === k)!.name)!;
    for (const k of plan.misplaced) await client.call('ulla.uu', 'PATCH', `/coordination-lists/${list.id}/entries/${entryOf(k).entryId}`, { status: 'misplaced' });
    for (const [k, responsible] of plan.kept) {
      const kept = await client.call('ulla.uu', 'PATCH', `/coordination-lists/${list.id}/entries/${entryOf(k).entryId}`, { status: 'kept', responsible });
      journeyOf.set(k, kept.enrolmentId);
    }
    if (i === 0) {
      const ulla = client.as('ulla.uu');
      await ulla.put(`/enrolments/${journeyOf.get('amir')}/guardians`, [{ name: 'Yasmin Fiktiv Hansen', phone: '20 00 00 01', relation: 'mor' }]);
      await ulla.post(`/enrolments/${journeyOf.get('amir')}/notes`, { kind: 'contact-attempt', text: 'Ringet to gange uden svar', channel: 'phone', reached: false });
      await ulla.post(`/enrolments/${journeyOf.get('amir')}/notes`, { kind: 'contact-attempt', text: 'Brev til mor om et møde', channel: 'letter', reached: false, addressee: 'Yasmin Fiktiv Hansen' });
      await client.as('uffe.uu').post(`/enrolments/${journeyOf.get('bella')}/notes`, { kind: 'contact-attempt', text: 'Snakket med Bella om et forløb', channel: 'phone', reached: true });
      await ulla.post(`/enrolments/${journeyOf.get('cecilie')}/notes`, { kind: 'contact-attempt', text: 'Ingen hjemme', channel: 'home-visit', reached: false });
      await ulla.post(`/enrolments/${journeyOf.get('cecilie')}/notes`, { kind: 'contact-attempt', text: 'UU-center Syds opsøgende medarbejder fandt hende ikke', channel: 'outreach', reached: false });
      await client.as('uffe.uu').post(`/enrolments/${journeyOf.get('frida')}/notes`, { kind: 'contact-attempt', text: 'Frida er startet på HF', channel: 'phone', reached: true });
    }
    if (i === 1) {
      await client.as('signe.skole').post(`/enrolments/${journeyOf.get('gustav')}/notes`, { kind: 'contact-attempt', text: 'Besked i Digital Post', channel: 'digital-post', reached: false });
      // Bella has been in the rest group for more than a month: her responsible confirms the Praktik-generator.
      await client.as('uffe.uu').post(`/enrolments/${journeyOf.get('bella')}/praktik-generator`, { canGetInternship: true });
    }
    if (i < 2) {
      const notReached = i === 0 ? [entryOf('cecilie').entryId] : [];
      await lead.post(`/coordination-lists/${list.id}/meeting`, { heldAt: `${months[i]}-20T14:00:00+01:00`, attendees: ['birgit.brondby', 'ulla.uu', 'uffe.uu', 'signe.skole'], notReached });
    }
  }
  // Frida started an education: one of the programme's goal.
  await client.as('uffe.uu').post(`/enrolments/${journeyOf.get('frida')}/outcome`, { outcome: 'education', date: copenhagenDate(now()), note: 'Startet på HF' });
}
