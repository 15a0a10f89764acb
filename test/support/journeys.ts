import type { System as WholeSystem } from './system.js';

/** What these givens need of a system: its API as a user, and its clock (in-process or `npm start`'s). */
type System = Pick<WholeSystem, 'as' | 'advance' | 'request'>;

/*
 * Givens for tests past screening: a citizen enrolled and moved along the journey through the real API.
 * CPR numbers are fictional; the 7th digit gives the century (4 → 2000–2036 for years 00–36).
 */

let serial = 0;
/** A fresh fictional CPR with this birth year (YY) and century digit. */
export function fictionalCpr(yy: string, centuryDigit: number): string {
  serial++;
  const day = String(1 + (serial % 28)).padStart(2, '0');
  const month = String(1 + (serial % 12)).padStart(2, '0');
  return `${day}${month}${yy}${centuryDigit}${String(serial).padStart(3, '0')}`;
}

export async function enrolled(system: System, programmeId: string, name: string, options: { municipality?: string; cpr?: string } = {}): Promise<string> {
  const reply = await system.as('lead.both').post(`/programmes/${programmeId}/enrolments`, {
    cpr: options.cpr ?? fictionalCpr('80', 1),
    name,
    municipality: options.municipality ?? '0183',
  });
  if (reply.status !== 201) throw new Error(`enrol: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.id;
}

export async function screened(system: System, id: string, colour: 'green' | 'orange' | 'blue' | 'red'): Promise<void> {
  const body = colour === 'red' ? { colour, reason: 'Flyttet', exitReason: 'moved' } : { colour, reason: 'Screening' };
  const reply = await system.as('lead.both').post(`/enrolments/${id}/screening`, body);
  if (reply.status !== 200) throw new Error(`screening: ${reply.status} ${JSON.stringify(reply.body)}`);
}

export async function formDone(system: System, id: string, areas: object[] = [{ area: 'employment', wish: 'Et job' }]): Promise<void> {
  const reply = await system.as('lead.both').put(`/enrolments/${id}/preparatory-form`, { citizenParticipated: true, areas });
  if (reply.status !== 200) throw new Error(`form: ${reply.status} ${JSON.stringify(reply.body)}`);
}

export async function clockNow(system: System): Promise<Date> {
  return new Date((await system.request('GET', '/local/clock')).body.now);
}

/** A citizen awaiting the plan: screened orange, form done, discussed at a team meeting of lead.both's. */
export async function awaitingPlan(system: System, programmeId: string, name: string, options: { municipality?: string } = {}): Promise<string> {
  const id = await enrolled(system, programmeId, name, options);
  await screened(system, id, 'orange');
  await formDone(system, id);
  const startsAt = new Date((await clockNow(system)).getTime() + 60_000).toISOString();
  const meeting = await system.as('lead.both').post(`/programmes/${programmeId}/team-meetings`, { startsAt, members: ['lead.both'] });
  if (meeting.status !== 201) throw new Error(`meeting: ${meeting.status} ${JSON.stringify(meeting.body)}`);
  const put = await system.as('lead.both').put(`/team-meetings/${meeting.body.id}/agenda`, { enrolmentIds: [id] });
  if (put.status !== 200) throw new Error(`agenda: ${put.status} ${JSON.stringify(put.body)}`);
  await system.advance('PT1M'); // the meeting is held
  const item = await system.as('lead.both').post(`/team-meetings/${meeting.body.id}/items/${id}`, { citizenPresent: true, recommendations: [] });
  if (item.status !== 200) throw new Error(`item: ${item.status} ${JSON.stringify(item.body)}`);
  return id;
}

export async function addUser(system: System, username: string, roles: string[], programmes: string[], municipalities = ['0183', '0187']): Promise<void> {
  const reply = await system.as('admin').post('/users', { username, name: username, email: `${username}@example.org`, roles, municipalities, programmes });
  if (reply.status !== 201) throw new Error(`user ${username}: ${reply.status} ${JSON.stringify(reply.body)}`);
}
