import { now } from '../functions/platform/clock.js';
import { copenhagenDayStart } from '../functions/domain/team-meeting.js';
import { addWorkingDays, copenhagenDate } from '../functions/domain/working-days.js';
import { createUser, getUser } from '../functions/store/users.js';
import { backfillOverviewKeys } from '../functions/store/overview.js';
import { BOTH, DEMO_USERS } from './demo-users.js';
import type { Runtime } from './runtime.js';
import { seedJobTilUddannelse } from './seed-job-til-uddannelse.js';
import { seedYouthCoordination } from './seed-youth-coordination.js';

export { DEMO_USERS };

/**
 * A fresh store gets the admin user; with demo data (the default) also a living example, entered through
 * the HTTP API as a user would — so the demo also proves the API works: a Brug for alle programme in
 * Ishøj (0183) and Vallensbæk (0187), staff in every role, an offers catalogue, and fictional citizens in
 * every colour and at every stage a journey can reach, with tovholders, intake conversations (one missed),
 * preparatory forms, a team meeting held and one coming up, action plans, appointments, instruments and
 * journal notes. Every name and CPR number is invented (README "Demo data").
 *
 * Dates are relative to the clock as it is. One step needs time to have passed: items of a team meeting
 * are recorded at or after its start, and a meeting is convened in the future. The seed therefore convenes
 * the demo's held meeting at the next whole minute and moves the local clock to it (at most two minutes
 * ahead of real time; no timer falls due in that span).
 */

export const DEMO_OFFERS = [
  { key: 'praktik', name: 'Praktik i Ishøj Kommune', provider: 'Ishøj Kommune', domain: 'employment', targetGroup: 'Borgere der er klar til nogle timers praktik', capacity: 6 },
  { key: 'mentor', name: 'Mentorforløb', provider: 'Jobcenter Ishøj-Vallensbæk', domain: 'social', targetGroup: 'Borgere der har brug for struktur og en fast voksen', capacity: 20 },
  { key: 'misbrug', name: 'Misbrugsbehandling – Rusmiddelcenter', provider: 'Rusmiddelcenter Vestegnen', domain: 'health', targetGroup: 'Borgere med et alkohol- eller stofmisbrug' },
  { key: 'psykolog', name: 'Psykologsamtaler via Region H', provider: 'Region Hovedstaden', domain: 'health', targetGroup: 'Borgere med let til moderat angst eller depression', capacity: 12 },
  { key: 'motion', name: 'Motionshold – Sundhedscenter', provider: 'Sundhedscenter Ishøj', domain: 'health', targetGroup: 'Borgere der har gavn af fysisk træning i et fællesskab', capacity: 10 },
  { key: 'fgu', name: 'Afklaring af uddannelsesønske – FGU Vestegnen', provider: 'FGU Vestegnen', domain: 'education', targetGroup: 'Unge under 25 uden uddannelse', capacity: 8 },
  { key: 'gaeld', name: 'Gældsrådgivning', provider: 'Borger- og Socialservice', domain: 'social', targetGroup: 'Borgere med gæld eller restancer' },
] as const;

type OfferKey = (typeof DEMO_OFFERS)[number]['key'];

/**
 * Where a demo citizen's journey is when seeding ends. `met-*` citizens were discussed at the team meeting
 * the seed holds; `due-*` are on the agenda of the upcoming one (five of the six: the meeting takes at most
 * `citizensPerMeeting`).
 */
type Path =
  | 'unscreened'
  | 'unscreened-unreached'
  | 'green-intake-booked'
  | 'green-intake'
  | 'orange-intake-booked'
  | 'orange-intake-unreached'
  | 'green-missed-intake'
  | 'orange-form-pending'
  | 'orange-due'
  | 'green-due'
  | 'blue-due'
  | 'red-moved'
  | 'red-disability-pension'
  | 'red-maternity'
  | 'met-blue-plan-pending'
  | 'met-orange-plan'
  | 'met-green-plan'
  | 'met-orange-aftercare'
  | 'met-orange-closed';

interface DemoCitizen {
  name: string;
  born: string;
  municipality: '0183' | '0187';
  path: Path;
  /** The preparatory form filled in with the citizen, for those who have one. */
  form?: FormKind;
}

/** The demo's citizens: invented names (the surnames say so) and generated CPR numbers. */
export const DEMO_CITIZENS: readonly DemoCitizen[] = [
  { name: 'Anders Fiktivsen', born: '1979-03-14', municipality: '0183', path: 'unscreened' },
  { name: 'Birthe Opdigtet', born: '1968-11-02', municipality: '0187', path: 'unscreened' },
  { name: 'Casper Prøvesen', born: '1991-06-23', municipality: '0183', path: 'unscreened-unreached' },
  { name: 'Ditte Eksempel', born: '1994-01-09', municipality: '0183', path: 'green-intake-booked' },
  { name: 'Emil Demosen', born: '1987-08-30', municipality: '0187', path: 'green-intake' },
  { name: 'Frida Påhitsen', born: '1983-05-17', municipality: '0183', path: 'orange-intake-booked' },
  { name: 'Gustav Fiktivsen', born: '1975-12-01', municipality: '0187', path: 'orange-intake-unreached' },
  { name: 'Hanne Opdigtet', born: '1989-02-26', municipality: '0183', path: 'green-missed-intake' },
  { name: 'Ib Prøvesen', born: '1963-09-12', municipality: '0183', path: 'orange-form-pending' },
  { name: 'Jytte Eksempel', born: '1972-04-05', municipality: '0187', path: 'orange-form-pending' },
  { name: 'Karl Demosen', born: '1985-07-19', municipality: '0183', path: 'orange-due', form: 'substance-use' },
  { name: 'Lone Påhitsen', born: '1978-10-28', municipality: '0187', path: 'orange-due', form: 'housing' },
  { name: 'Mads Fiktivsen', born: '1996-03-03', municipality: '0183', path: 'orange-due', form: 'mental-health' },
  { name: 'Nanna Opdigtet', born: '1990-12-15', municipality: '0187', path: 'green-due' },
  { name: 'Oliver Prøvesen', born: '2005-08-08', municipality: '0183', path: 'blue-due' },
  { name: 'Pia Eksempel', born: '2006-02-21', municipality: '0187', path: 'blue-due' },
  { name: 'Rasmus Demosen', born: '1981-01-27', municipality: '0183', path: 'red-moved' },
  { name: 'Sofie Påhitsen', born: '1960-06-06', municipality: '0187', path: 'red-disability-pension' },
  { name: 'Tanja Fiktivsen', born: '1993-09-24', municipality: '0183', path: 'red-maternity' },
  { name: 'Ulrik Opdigtet', born: '2004-11-11', municipality: '0183', path: 'met-blue-plan-pending' },
  { name: 'Vibeke Prøvesen', born: '1976-04-16', municipality: '0183', path: 'met-orange-plan', form: 'substance-use' },
  { name: 'William Eksempel', born: '1998-07-07', municipality: '0187', path: 'met-green-plan' },
  { name: 'Yasmin Demosen', born: '1988-05-29', municipality: '0183', path: 'met-orange-aftercare', form: 'housing' },
  { name: 'Åge Påhitsen', born: '1966-08-13', municipality: '0187', path: 'met-orange-closed', form: 'housing' },
];

/**
 * A generated CPR number for a birth date: DDMMYY and a serial whose first digit gives the century the
 * CPR office's table assigns (1–3 for the 1900s, 4 for 2000–2036). The rest of the serial is a counter.
 */
export function demoCpr(born: string, n: number): string {
  const [year, month, day] = born.split('-');
  const centuryDigit = Number(year) >= 2000 ? 4 : 1 + (n % 3);
  return `${day}${month}${year!.slice(2)}-${centuryDigit}${String(100 + n * 37).padStart(3, '0')}`;
}

// ---- the HTTP client of the seed ----------------------------------------------------------------------

export class DemoClient {
  private readonly tokens = new Map<string, string>();
  constructor(private readonly runtime: Runtime) {}

  /** From the issuer itself, not `/local/token`: that route may be off (HOST beyond this machine). */
  token(username: string): string {
    let token = this.tokens.get(username);
    if (!token) this.tokens.set(username, (token = this.runtime.tokens.issue(username)));
    return token;
  }

  async call(username: string, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<any> {
    const res = await fetch(`${this.runtime.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token(username)}`, 'content-type': contentType },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = (await res.json()) as any;
    if (!res.ok) {
      // The route's shape only: ids and the error's message (which never carries personal data).
      const route = path.replace(/[A-Za-z0-9_-]{20,}/g, '{id}');
      throw new Error(`seeding failed at ${method} ${route} as ${username}: ${res.status} ${json?.error?.code} ${json?.error?.message ?? ''}`);
    }
    return json;
  }

  as(username: string) {
    return {
      get: (path: string) => this.call(username, 'GET', path),
      post: (path: string, body?: unknown) => this.call(username, 'POST', path, body),
      put: (path: string, body?: unknown) => this.call(username, 'PUT', path, body),
      csv: (path: string, text: string) => this.call(username, 'POST', path, text, 'text/csv; charset=utf-8'),
    };
  }

  /** On the clock itself: `POST /local/clock` is refused (503) while the store is being seeded. */
  setClock(to: string): Promise<void> {
    return this.runtime.clock.advanceTo(Date.parse(to));
  }
}

/** Runs `fn` over `items`, at most `limit` at a time (each item's own steps stay in order). */
async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

// ---- times relative to the clock ----------------------------------------------------------------------

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** `hh:mm` in Copenhagen, `workingDays` working days from now. */
function onWorkingDay(workingDays: number, hh: number, mm = 0): string {
  const date = copenhagenDate(addWorkingDays(now(), workingDays));
  return new Date(Date.parse(copenhagenDayStart(date)) + hh * HOUR + mm * MINUTE).toISOString();
}

const ago = (ms: number) => new Date(now().getTime() - ms).toISOString();

/** The Copenhagen month `offset` months from now, as YYYY-MM. */
function month(offset: number): string {
  const [y, m] = copenhagenDate(now()).split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

// ---- bootstrap -------------------------------------------------------------------------------------------

export async function bootstrap(runtime: Runtime, options: { demo: boolean }): Promise<void> {
  runtime.ready = false;
  if (!(await getUser('admin'))) {
    await createUser({
      username: 'admin',
      name: 'Administrator',
      email: 'admin@forlob.local',
      roles: ['admin'],
      organisation: 'municipality',
      municipalities: [],
      programmes: [],
      active: true,
      createdAt: now().toISOString(),
    });
  }
  if (options.demo && runtime.fresh) {
    await seedDemo(runtime);
    await seedJobTilUddannelse(new DemoClient(runtime));
  }
  // A store kept from before the overview's indexes: its journeys get their keys before the first request.
  if (!runtime.fresh) await backfillOverviewKeys();
  runtime.ready = true;
}

interface Enrolled extends DemoCitizen {
  id: string;
  primary: string;
  secondary: string;
}

const PARALLEL = 4;
const MEMBERS = ['tove.tovholder', 'jens.jobcenter', 'sara.sagsbehandler', 'carl.care', 'tina.team'];

async function seedDemo(runtime: Runtime): Promise<void> {
  const client = new DemoClient(runtime);
  const admin = client.as('admin');
  const lead = client.as('lise.leder');

  // Programme, staff and offers catalogue (the admin's part).
  const programme = await admin.post('/programmes', {
    name: 'Brug for alle — Ishøj og Vallensbæk',
    template: 'brug-for-alle',
    municipalities: BOTH,
  });
  await inParallel(DEMO_USERS, PARALLEL, async (user) => {
    await admin.post('/users', {
      username: user.username,
      name: user.name,
      email: `${user.username}@forlob.local`,
      roles: user.roles,
      municipalities: user.municipalities,
      programmes: [programme.id],
    });
  });
  const offers = new Map<OfferKey, string>();
  await inParallel(DEMO_OFFERS, PARALLEL, async ({ key, ...offer }) => {
    offers.set(key, (await admin.post('/offers', offer)).id);
  });
  const offer = (key: OfferKey) => offers.get(key)!;

  // The target list, as the lead imports it from the case system.
  const csv = ['cpr;name;municipality', ...DEMO_CITIZENS.map((c, n) => `${demoCpr(c.born, n)};${c.name};${c.municipality}`)].join('\r\n');
  const imported = await lead.csv(`/programmes/${programme.id}/enrolments/import`, csv);
  if (imported.created !== DEMO_CITIZENS.length) throw new Error(`seeding failed: ${imported.rejected.length} demo citizens were rejected`);
  const overview = await lead.get(`/programmes/${programme.id}/enrolments`);
  const idByName = new Map<string, string>(overview.items.map((i: { name: string; id: string }) => [i.name, i.id]));
  const citizens: Enrolled[] = DEMO_CITIZENS.map((c, n) => ({
    ...c,
    id: idByName.get(c.name)!,
    primary: n % 2 === 0 ? 'tove.tovholder' : 'jens.jobcenter',
    secondary: n % 2 === 0 ? 'jens.jobcenter' : 'tove.tovholder',
  }));

  // Screening: one at a time within a municipality (each changes that municipality's colour counts).
  await inParallel(BOTH, 2, async (municipality) => {
    for (const c of citizens.filter((c) => c.municipality === municipality)) {
      const screening = screeningOf(c);
      if (screening) await lead.post(`/enrolments/${c.id}/screening`, screening);
    }
  });
  // Tovholders on every screened citizen with a course.
  await inParallel(
    citizens.filter((c) => !c.path.startsWith('unscreened') && !c.path.startsWith('red')),
    PARALLEL,
    async (c) => {
      await lead.put(`/enrolments/${c.id}/tovholders`, { primary: c.primary, secondary: c.secondary });
    },
  );

  // The citizens discussed at the meeting the demo holds get there first.
  const met = citizens.filter((c) => c.path.startsWith('met-'));
  await inParallel(met, PARALLEL, (c) => toTeamMeeting(client, c));
  const tove = client.as('tove.tovholder');
  const heldAt = new Date(Math.ceil((now().getTime() + MINUTE) / MINUTE) * MINUTE).toISOString();
  const convened = await tove.post(`/programmes/${programme.id}/team-meetings`, { startsAt: heldAt, members: MEMBERS });
  // The blue citizens waiting since their screening are due too: the tovholder sets this meeting's agenda by hand.
  const held = await tove.put(`/team-meetings/${convened.id}/agenda`, { enrolmentIds: met.map((c) => c.id) });
  await client.setClock(heldAt);
  await inParallel(met, PARALLEL, (c) => afterMeeting(client, c, held.id, offer));

  // Everyone else, to where their path ends.
  await inParallel(
    citizens.filter((c) => !c.path.startsWith('met-')),
    PARALLEL,
    (c) => walk(client, c),
  );

  // The next team meeting: its agenda is proposed from the citizens now due.
  await tove.post(`/programmes/${programme.id}/team-meetings`, { startsAt: onWorkingDay(3, 10), members: MEMBERS });

  await seedYouthCoordination(client);
}

type Screening = { colour: string; reason: string; exitReason?: string };

/** The screening of a citizen's path, by the colour its name begins with (`met-` aside); none for `unscreened`. */
function screeningOf(c: DemoCitizen): Screening | null {
  const colour = c.path.replace(/^met-/, '').split('-')[0]!;
  return SCREENINGS[colour]?.(c) ?? null;
}

const SCREENINGS: Record<string, ((c: DemoCitizen) => Screening) | undefined> = {
  green: () => ({ colour: 'green', reason: 'Hovedudfordringen er ledighed; ingen kontakt med socialområdet' }),
  orange: () => ({ colour: 'orange', reason: 'Kendt i socialområdet; sociale problemer fylder mest' }),
  blue: () => ({ colour: 'blue', reason: 'Går på STU; PPR inddrages om tiden efter' }),
  red: (c) =>
    c.path === 'red-moved'
      ? { colour: 'red', reason: 'Fraflyttet kommunen', exitReason: 'moved' }
      : c.path === 'red-maternity'
        ? { colour: 'red', reason: 'På barselsorlov', exitReason: 'maternity' }
        : { colour: 'red', reason: 'Tilkendt førtidspension', exitReason: 'disability-pension' },
};

/** An intake conversation that took place an hour or two ago, held by `owner`, registered as `status`. */
async function pastIntake(client: DemoClient, c: Enrolled, owner: string, status: 'attended' | 'no-show'): Promise<string> {
  const appointment = await client.as(owner).post(`/enrolments/${c.id}/appointments`, {
    kind: 'intake',
    startsAt: ago(3 * HOUR),
    endsAt: ago(2 * HOUR),
    owner,
  });
  await client.as(owner).post(`/appointments/${appointment.id}/attendance`, {
    status,
    ...(status === 'no-show' ? { note: 'Mødte ikke op og tog ikke telefonen' } : {}),
  });
  return appointment.id;
}

type FormKind = 'substance-use' | 'mental-health' | 'housing';

const FORMS: Record<FormKind, { area: string; wish?: string; problem?: string; priority?: number }[]> = {
  'substance-use': [
    { area: 'substance-use', problem: 'Drikker dagligt; vil gerne skære ned', wish: 'Have styr på drikkeriet', priority: 1 },
    { area: 'employment', wish: 'Arbejde med hænderne, gerne udendørs', priority: 2 },
    { area: 'finances', problem: 'Restancer på husleje', priority: 3 },
  ],
  'mental-health': [
    { area: 'mental-health', problem: 'Angst i sociale situationer', wish: 'Kunne tage bussen alene', priority: 1 },
    { area: 'social-network', problem: 'Ser næsten ingen', priority: 2 },
    { area: 'employment', wish: 'Et job med få kolleger', priority: 3 },
  ],
  housing: [
    { area: 'housing', problem: 'Bor midlertidigt hos sin søster', wish: 'Egen lejlighed', priority: 1 },
    { area: 'family', problem: 'Konflikt med tidligere partner om samvær', priority: 2 },
    { area: 'employment', wish: 'Tilbage til lagerarbejde', priority: 3 },
  ],
};

/** The citizen's preparatory form, filled in with the citizen at the intake; moves the journey to the team meeting. */
async function form(client: DemoClient, c: Enrolled): Promise<void> {
  if (!c.form) throw new Error(`seeding failed: no preparatory form for the path ${c.path}`);
  await client.as(c.primary).put(`/enrolments/${c.id}/preparatory-form`, { citizenParticipated: true, areas: FORMS[c.form] });
}

/** The `met-*` citizens, up to the stage where they await the team. */
async function toTeamMeeting(client: DemoClient, c: Enrolled): Promise<void> {
  if (c.path === 'met-blue-plan-pending') return; // blue meets the team straight after screening
  if (c.path === 'met-green-plan') {
    await pastIntake(client, c, 'sara.sagsbehandler', 'attended');
    return;
  }
  await pastIntake(client, c, c.primary, 'attended');
  await form(client, c);
}

const RECOMMENDATIONS: Record<string, { domain: string; text: string }[]> = {
  'met-blue-plan-pending': [
    { domain: 'education', text: 'PPR og UU mødes med borgeren om tiden efter STU inden sommerferien' },
    { domain: 'employment', text: 'Overvej en kort praktik i det sidste STU-halvår' },
  ],
  'met-orange-plan': [
    { domain: 'health', text: 'Henvis til Rusmiddelcenteret; start med motivationssamtaler' },
    { domain: 'social', text: 'Mentor hjælper med struktur i hverdagen og med restancerne' },
    { domain: 'employment', text: 'Praktik med få timer, når behandlingen er i gang' },
  ],
  'met-green-plan': [
    { domain: 'health', text: 'Psykologsamtaler via Region H og et motionshold' },
    { domain: 'education', text: 'Afklar uddannelsesønsker med FGU' },
  ],
  'met-orange-aftercare': [{ domain: 'employment', text: 'Virksomhedspraktik med henblik på ansættelse' }],
  'met-orange-closed': [{ domain: 'social', text: 'Sagen forelægges rehabiliteringsteamet med henblik på førtidspension' }],
};

/** The held meeting's item of a `met-*` citizen, then the plan, appointments, instruments and outcome. */
async function afterMeeting(client: DemoClient, c: Enrolled, meetingId: string, offer: (key: OfferKey) => string): Promise<void> {
  const tovholder = client.as(c.primary);
  const absent = c.path === 'met-orange-closed';
  await client.as(c.path === 'met-green-plan' ? 'tina.team' : c.primary).post(`/team-meetings/${meetingId}/items/${c.id}`, {
    citizenPresent: c.path.startsWith('met-orange') && !absent,
    recommendations: RECOMMENDATIONS[c.path],
  });
  if (absent) await tovholder.post(`/enrolments/${c.id}/notes`, { kind: 'note', text: 'Borgeren kom ikke til teammødet; mødet blev holdt alligevel' });
  const intervention = (
    domain: string,
    title: string,
    key: OfferKey | null,
    responsible: string,
    span: [number, number],
    mode: 'individual' | 'group',
    goalKind: 'outcome' | 'motivation',
    goal: string,
  ) => ({ domain, title, ...(key ? { offerId: offer(key) } : {}), responsible, startMonth: month(span[0]), endMonth: month(span[1]), mode, goalKind, goal });

  switch (c.path) {
    case 'met-blue-plan-pending':
      return; // awaits the plan after the team's consultation
    case 'met-orange-plan': {
      const { plan } = await tovholder.put(`/enrolments/${c.id}/plan`, {
        goal: 'Ædru hverdag med struktur og de første timer i praktik',
        citizenAgreed: true,
        interventions: [
          intervention('health', 'Misbrugsbehandling – Rusmiddelcenter', 'misbrug', 'Rusmiddelcenter Vestegnen', [0, 3], 'individual', 'motivation', 'Motivation til at arbejde hen mod ædruelighed: møder op til tre ud af fire samtaler'),
          intervention('social', 'Mentorforløb', 'mentor', 'Jens Jobcenter (social mentor)', [0, 5], 'individual', 'outcome', 'To faste aftaler om ugen, som borgeren selv holder styr på'),
          intervention('employment', 'Praktik i Ishøj Kommune', 'praktik', 'Palle Praktiksted, Ishøj Kommune', [1, 4], 'individual', 'outcome', 'Praktik 10 timer om ugen, stigende til 15'),
          intervention('social', 'Gældsrådgivning', 'gaeld', 'Borger- og Socialservice', [0, 1], 'individual', 'outcome', 'En afdragsordning for huslejerestancen'),
        ],
      });
      const praktik = plan.interventions.find((i: { offerId: string | null }) => i.offerId === offer('praktik'));
      // The provider's introduction meeting: the provider sees this citizen's appointment and registers attendance.
      await tovholder.post(`/enrolments/${c.id}/appointments`, {
        kind: 'intervention',
        startsAt: onWorkingDay(4, 9),
        endsAt: onWorkingDay(4, 11),
        owner: 'palle.praktik',
        interventionId: praktik.id,
      });
      await client.as('carl.care').post(`/enrolments/${c.id}/instruments`, { instrument: 'WHO-5', answers: [2, 2, 3, 2, 3], takenAt: ago(HOUR) });
      await tovholder.post(`/enrolments/${c.id}/notes`, { kind: 'note', text: 'Borgeren har selv ringet til Rusmiddelcenteret og fået en første tid' });
      return;
    }
    case 'met-green-plan': {
      await tovholder.put(`/enrolments/${c.id}/plan`, {
        goal: 'Mindre angst og en afklaret vej mod uddannelse',
        citizenAgreed: true,
        interventions: [
          intervention('health', 'Psykologsamtaler via Region H', 'psykolog', 'Region Hovedstaden', [0, 2], 'individual', 'outcome', 'GAD-7 under 10 ved forløbets slutning'),
          intervention('health', 'Motionshold – Sundhedscenter', 'motion', 'Sundhedscenter Ishøj', [0, 3], 'group', 'motivation', 'Lyst til at komme ud af huset: deltager i holdet hver uge'),
          intervention('education', 'Afklaring af uddannelsesønske – FGU Vestegnen', 'fgu', 'FGU Vestegnen', [2, 4], 'individual', 'outcome', 'Et konkret uddannelsesvalg'),
        ],
      });
      await client.as('carl.care').post(`/enrolments/${c.id}/instruments`, { instrument: 'GAD-7', answers: [1, 2, 1, 1, 0, 1, 1], takenAt: ago(2 * HOUR) });
      await client.as('carl.care').post(`/enrolments/${c.id}/instruments`, { instrument: 'WHO-5', answers: [3, 2, 3, 3, 2], takenAt: ago(2 * HOUR) });
      await tovholder.post(`/enrolments/${c.id}/appointments`, { kind: 'follow-up', startsAt: onWorkingDay(5, 13), endsAt: onWorkingDay(5, 14), owner: c.primary });
      return;
    }
    case 'met-orange-aftercare':
      await tovholder.put(`/enrolments/${c.id}/plan`, {
        goal: 'Fast job på lager',
        citizenAgreed: true,
        interventions: [
          intervention('employment', 'Virksomhedspraktik på lager', null, 'Jobcenterets virksomhedskonsulent', [0, 1], 'individual', 'outcome', 'Ansættelse efter praktikken'),
          intervention('social', 'Mentorforløb', 'mentor', 'Jens Jobcenter (social mentor)', [0, 2], 'individual', 'outcome', 'Hjælp til at finde egen bolig'),
        ],
      });
      await tovholder.post(`/enrolments/${c.id}/outcome`, { outcome: 'job', date: copenhagenDate(now()), note: 'Ansat 25 timer om ugen; efterværn med mentor i tre måneder' });
      return;
    case 'met-orange-closed':
      await tovholder.put(`/enrolments/${c.id}/plan`, {
        goal: 'Afklaring af arbejdsevnen',
        citizenAgreed: false,
        interventions: [intervention('health', 'Lægelig vurdering', null, 'Egen læge og lægekonsulent', [0, 1], 'individual', 'outcome', 'En samlet vurdering til rehabiliteringsteamet')],
      });
      await tovholder.post(`/enrolments/${c.id}/outcome`, { outcome: 'permanent-support', date: copenhagenDate(now()), note: 'Indstillet til førtidspension' });
      return;
  }
}

/** Every other citizen, from screening to where their path ends. */
async function walk(client: DemoClient, c: Enrolled): Promise<void> {
  const tovholder = client.as(c.primary);
  const sara = client.as('sara.sagsbehandler');
  switch (c.path) {
    case 'unscreened':
    case 'red-moved':
    case 'red-disability-pension':
    case 'red-maternity':
      return;
    case 'unscreened-unreached':
      await client.as('tove.tovholder').post(`/enrolments/${c.id}/notes`, { kind: 'contact-attempt', channel: 'phone', reached: false, text: 'Ringede; ingen svar' });
      await client.as('tove.tovholder').post(`/enrolments/${c.id}/notes`, { kind: 'contact-attempt', channel: 'digital-post', reached: false, text: 'Brev om screeningssamtale sendt i e-Boks' });
      return;
    case 'green-intake-booked':
      await sara.post(`/enrolments/${c.id}/appointments`, { kind: 'intake', startsAt: onWorkingDay(1, 9, 30), endsAt: onWorkingDay(1, 10, 30), owner: 'sara.sagsbehandler' });
      return;
    case 'green-intake':
      await sara.post(`/enrolments/${c.id}/notes`, { kind: 'contact-attempt', channel: 'phone', reached: true, text: 'Aftalt at borgeren ringer tilbage med en dag til samtalen' });
      return;
    case 'orange-intake-booked':
      await tovholder.post(`/enrolments/${c.id}/notes`, { kind: 'contact-attempt', channel: 'phone', reached: true, text: 'Aftalt første samtale; borgeren vil gerne have sin søster med' });
      await tovholder.post(`/enrolments/${c.id}/appointments`, { kind: 'intake', startsAt: onWorkingDay(2, 13), endsAt: onWorkingDay(2, 14), owner: c.primary });
      return;
    case 'orange-intake-unreached':
      await tovholder.post(`/enrolments/${c.id}/notes`, { kind: 'contact-attempt', channel: 'phone', reached: false, text: 'Ringede to gange; ingen svar' });
      await tovholder.post(`/enrolments/${c.id}/notes`, { kind: 'contact-attempt', channel: 'sms', reached: false, text: 'SMS med tilbud om en samtale' });
      await tovholder.post(`/enrolments/${c.id}/notes`, { kind: 'note', text: 'Prøver et hjemmebesøg sammen med den sociale mentor i næste uge' });
      return;
    case 'green-missed-intake': {
      // The registered no-show: a green citizen who misses the caseworker's intake becomes orange and goes to the tovholders.
      const missed = await pastIntake(client, c, 'sara.sagsbehandler', 'no-show');
      await tovholder.post(`/enrolments/${c.id}/sanction-assessments`, {
        appointmentId: missed,
        reasonableCause: false,
        lackOfResources: true,
        financialHardship: false,
        conclusion: 'no-sanction',
        note: 'Udeblivelsen skyldes manglende ressourcer, ikke manglende vilje; ingen sanktion',
      });
      await tovholder.post(`/enrolments/${c.id}/appointments`, { kind: 'intake', startsAt: onWorkingDay(3, 13), endsAt: onWorkingDay(3, 14), owner: c.primary });
      return;
    }
    case 'orange-form-pending':
      await pastIntake(client, c, c.primary, 'attended');
      await tovholder.post(`/enrolments/${c.id}/notes`, { kind: 'note', text: 'God første samtale; det forberedende skema udfyldes ved næste møde' });
      return;
    case 'orange-due':
      await pastIntake(client, c, c.primary, 'attended');
      await form(client, c);
      return;
    case 'green-due':
      await pastIntake(client, c, 'sara.sagsbehandler', 'attended');
      return;
    case 'blue-due':
      await tovholder.post(`/enrolments/${c.id}/notes`, { kind: 'note', text: 'STU slutter til sommer; PPR deltager i drøftelsen i teamet' });
      return;
    default:
      throw new Error(`seeding failed: no path ${c.path}`);
  }
}
