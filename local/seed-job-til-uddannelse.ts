import { now } from '../functions/platform/clock.js';
import { weekAfter } from '../functions/domain/iso-week.js';
import { copenhagenDate, addCalendarDays } from '../functions/domain/working-days.js';
import { JAMMERBUGT, JTU_DEMO_USERS } from './demo-users-job-til-uddannelse.js';
import { demoCpr, type DemoClient } from './seed.js';

/*
 * The demo's Gennem Job til Uddannelse programme in Jammerbugt (0849), entered through the HTTP API like the
 * Brug for alle demo: a lead, a job broker and a mentor, company and youth ambassadors, and fictional young
 * people at every stage — internships with weekly hours (one reached its paid-hours goal, one has a week
 * missing), learning certificates, a mentor who took over as contact person. Dates are relative to the clock.
 */

type Stage = 'clarification' | 'internship' | 'internship-handed-over' | 'goal-reached-follow-up' | 'aftercare' | 'closed';

export const JTU_DEMO_YOUNG: readonly { name: string; born: string; stage: Stage }[] = [
  { name: 'Albert Fiktivsen', born: '2004-05-11', stage: 'clarification' },
  { name: 'Bella Opdigtet', born: '2003-09-02', stage: 'internship' },
  { name: 'Carlo Prøvesen', born: '2005-01-20', stage: 'internship-handed-over' },
  { name: 'Dina Eksempel', born: '2002-12-12', stage: 'goal-reached-follow-up' },
  { name: 'Elias Demosen', born: '2004-07-07', stage: 'aftercare' },
  { name: 'Freja Påhitsen', born: '2003-03-03', stage: 'closed' },
];


const day = (offset: number) => copenhagenDate(addCalendarDays(now(), offset));
/** The ISO week `weeksAgo` weeks before this one. */
const week = (weeksAgo: number) => weekAfter(now(), -weeksAgo);

export async function seedJobTilUddannelse(client: DemoClient): Promise<void> {
  const admin = client.as('admin');
  const lead = client.as('lars.leder');
  const broker = client.as('jonas.jobformidler');
  const mentor = client.as('mette.mentor');

  const programme = await admin.post('/programmes', { name: 'Gennem Job til Uddannelse — Jammerbugt', template: 'job-til-uddannelse', municipalities: JAMMERBUGT });
  for (const user of JTU_DEMO_USERS) {
    await admin.post('/users', { username: user.username, name: user.name, email: `${user.username}@forlob.local`, roles: user.roles, municipalities: user.municipalities, programmes: [programme.id] });
  }
  const carpenter = await lead.post('/ambassadors', { kind: 'company', name: 'Karen Fiktivsen', company: 'Fiktiv Tømrer & Søn ApS', phone: '98 00 00 01', municipalities: JAMMERBUGT });
  await broker.post('/ambassadors', { kind: 'company', name: 'Henrik Opdigtet', company: 'Opdigtet Dagligvarer', email: 'henrik@opdigtet.example', municipalities: JAMMERBUGT });
  const peer = await broker.post('/ambassadors', { kind: 'youth', name: 'Ali Eksempel', phone: '20 00 00 02', municipalities: JAMMERBUGT });

  const hours = async (internshipId: string, weeks: [number, number, number][]) => {
    for (const [ago, paidHours, unpaidHours] of weeks) await broker.post(`/internships/${internshipId}/hours`, { week: week(ago), paidHours, unpaidHours });
  };
  const internship = (body: object) => ({ hoursPerWeek: 20, jobBroker: 'jonas.jobformidler', ...body });

  await Promise.all(
    JTU_DEMO_YOUNG.map(async (young, n) => {
      const { id } = await lead.post(`/programmes/${programme.id}/enrolments`, { cpr: demoCpr(young.born, n), name: young.name, municipality: '0849' });
      switch (young.stage) {
        case 'clarification':
          await broker.post(`/enrolments/${id}/notes`, { kind: 'note', text: 'Første samtale: interesseret i lager og logistik; vi finder en praktikplads' });
          return;
        case 'internship': {
          const i = await broker.post(`/enrolments/${id}/internships`, internship({ company: 'Fiktiv Tømrer & Søn ApS', cvr: '12345678', startDate: day(-35), goal: { kind: 'paid-hours', hours: 120 }, mentor: 'mette.mentor', ambassadorId: carpenter.id }));
          // Last week's hours are not in: the card shows the gap (the weekly reminders count from the registration on).
          await hours(i.id, [[5, 8, 12], [4, 12, 8], [3, 15, 5], [2, 16, 4]]);
          await broker.post(`/internships/${i.id}/learning-certificates`, { phase: 'start', date: day(-35), direction: 'Tømrerfaget: værktøj, sikkerhed og at møde til tiden', competences: [] });
          await broker.put(`/enrolments/${id}/ambassador`, { ambassadorId: peer.id });
          return;
        }
        case 'internship-handed-over': {
          const i = await broker.post(`/enrolments/${id}/internships`, internship({ company: 'Opdigtet Dagligvarer', startDate: day(-21), hoursPerWeek: 15, goal: { kind: 'ordinary-employment' }, mentor: 'mette.mentor' }));
          await hours(i.id, [[3, 0, 15], [2, 5, 10], [1, 8, 7]]);
          // In special cases the mentor takes over from the job broker as contact person.
          await broker.put(`/enrolments/${id}/contact-person`, { username: 'mette.mentor' });
          await mentor.post(`/internships/${i.id}/learning-certificates`, {
            phase: 'progress',
            date: day(-2),
            competences: [{ kind: 'personal', text: 'Siger til, når noget er svært' }, { kind: 'professional', text: 'Fylder varer op efter planogram' }],
          });
          return;
        }
        case 'goal-reached-follow-up': {
          const i = await broker.post(`/enrolments/${id}/internships`, internship({ company: 'Fiktiv Autoværksted', cvr: '87654321', startDate: day(-49), endDate: day(-7), goal: { kind: 'paid-hours', hours: 60 } }));
          await hours(i.id, [[7, 10, 10], [6, 12, 8], [5, 14, 6], [4, 14, 6], [3, 15, 5], [2, 15, 5]]);
          await broker.post(`/internships/${i.id}/learning-certificates`, {
            phase: 'end',
            date: day(-7),
            competences: [
              { kind: 'personal', text: 'Møder stabilt og til tiden' },
              { kind: 'professional', text: 'Skifter dæk og olie selvstændigt' },
              { kind: 'professional', text: 'Kender værkstedets sikkerhedsregler' },
            ],
          });
          await broker.post(`/internships/${i.id}/end`, { endDate: day(-7) });
          return;
        }
        case 'aftercare': {
          const i = await broker.post(`/enrolments/${id}/internships`, internship({ company: 'Fiktiv Tømrer & Søn ApS', startDate: day(-70), endDate: day(-14), goal: { kind: 'ordinary-employment' }, ambassadorId: carpenter.id }));
          await broker.post(`/internships/${i.id}/end`, { endDate: day(-14) });
          await lead.post(`/enrolments/${id}/outcome`, { outcome: 'education', date: day(-3), note: 'Startet på tømreruddannelsen (EUD)' });
          return;
        }
        case 'closed':
          await lead.post(`/enrolments/${id}/outcome`, { outcome: 'exited', date: day(-1), note: 'Flyttet fra kommunen' });
          return;
      }
    }),
  );
}
