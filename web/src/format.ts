/* Danish presentation: dates in da-DK (dd.mm.yyyy) on Europe/Copenhagen time, ISO week numbers, labels. */

const ZONE = 'Europe/Copenhagen';
const dateFormat = new Intl.DateTimeFormat('da-DK', { timeZone: ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('da-DK', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hour12: false });
const partsFormat = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
const monthFormat = new Intl.DateTimeFormat('da-DK', { timeZone: 'UTC', month: 'short', year: 'numeric' });

/** dd.mm.yyyy of an instant or a YYYY-MM-DD date, in Copenhagen. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  return dateFormat.format(d).replace(/\//g, '.');
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  return `${formatDate(value)} kl. ${timeFormat.format(new Date(value)).replace('.', ':')}`;
}

/** The Copenhagen calendar date (YYYY-MM-DD) of an instant. */
export function copenhagenDay(value: string | Date): string {
  return partsFormat.format(typeof value === 'string' ? new Date(value) : value);
}

/** ISO 8601 week number of an instant's Copenhagen date. */
export function isoWeek(value: string | Date): number {
  const [y, m, d] = copenhagenDay(value).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week decides the year
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  firstThursday.setUTCDate(firstThursday.getUTCDate() - firstWeekday + 3);
  return 1 + Math.round((date.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
}

export const withWeek = (value: string | null | undefined) => (value ? `${formatDate(value)} (uge ${isoWeek(value)})` : '—');

/** "jan. 2027" for YYYY-MM. */
export function formatMonth(month: string): string {
  return monthFormat.format(new Date(`${month}-01T12:00:00Z`));
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

export const COLOURS: Record<string, string> = { green: 'Grøn', orange: 'Orange', red: 'Rød', blue: 'Blå', unscreened: 'Ikke screenet' };

export const STAGES: Record<string, string> = {
  screening: 'Screening',
  intake: 'Indledende samtale',
  'preparatory-form': 'Forberedelsesskema',
  'team-meeting': 'Tværfagligt teammøde',
  plan: 'Indsatsplan',
  'follow-up': 'Opfølgning',
  aftercare: 'Efterværn',
  closed: 'Afsluttet',
  // Gennem Job til Uddannelse
  clarification: 'Afklaring',
  internship: 'Praktik',
  // Youth coordination
  contact: 'Første kontakt',
  activity: 'Tilbud om aktivitet',
};
export const STAGE_ORDER = ['screening', 'intake', 'preparatory-form', 'team-meeting', 'plan', 'follow-up', 'aftercare', 'closed'];
/** The stages of each template's journey in order (Brug for alle's when a template is not listed). */
export const STAGE_ORDERS: Record<string, string[]> = { 'job-til-uddannelse': ['clarification', 'internship', 'follow-up', 'aftercare', 'closed'] };

export const MUNICIPALITIES: Record<string, string> = { '0183': 'Ishøj', '0187': 'Vallensbæk', '0153': 'Brøndby', '0849': 'Jammerbugt', '0787': 'Thisted' };
export const municipalityName = (code: string) => MUNICIPALITIES[code] ?? `Kommune ${code}`;

export const EXIT_REASONS: Record<string, string> = {
  moved: 'Fraflyttet kommunen',
  emigrated: 'Udvandret',
  'disability-pension': 'Tilkendt førtidspension',
  'terminally-ill': 'Terminalt syg',
  maternity: 'Barsel',
  other: 'Andet',
};

export const INBOX_KINDS: Record<string, string> = {
  'safety-followed-up': 'Sikkerhedsflag fulgt op',
  'missed-attendance': 'Udeblevet fra aftale',
  'attendance-not-registered': 'Fremmøde ikke registreret',
  'screening-overdue': 'Screening overskredet',
  'step-overdue': 'Frist overskredet',
  escalation: 'Eskaleret til leder',
  'follow-up-due': 'Opfølgning skal ske',
  'safety-flag': 'Sikkerhedsflag',
  'colour-changed': 'Farve ændret',
  'needs-tovholder': 'Mangler tovholder',
  'hours-not-registered': 'Timer ikke registreret',
  'paid-hours-goal-reached': 'Løntimemål nået',
};


export const ROLES: Record<string, string> = {
  admin: 'Administrator',
  lead: 'Faglig leder',
  tovholder: 'Tovholder',
  caseworker: 'Sagsbehandler',
  'care-manager': 'Care manager',
  'team-member': 'Teammedlem',
  provider: 'Leverandør',
  evaluator: 'Evaluator',
  'job-broker': 'Jobformidler',
  mentor: 'Mentor',
  'specialist-psychologist': 'Specialpsykolog',
  'coordination-member': 'Medlem af koordineringsgruppen',
};

export const DOMAINS: Record<string, string> = { employment: 'Beskæftigelse', social: 'Socialt', health: 'Sundhed', education: 'Uddannelse' };

export const AREAS: Record<string, string> = {
  employment: 'Beskæftigelse',
  education: 'Uddannelse',
  'physical-health': 'Fysisk helbred',
  'mental-health': 'Psykisk helbred',
  'substance-use': 'Rusmiddelforbrug',
  family: 'Familie',
  housing: 'Bolig',
  finances: 'Økonomi',
  transport: 'Transport',
  'social-network': 'Socialt netværk',
  language: 'Sprog',
};

export const RESOURCE_UNITS: Record<string, string> = {
  'health-centre': 'Sundhedscenter',
  'medical-consultant': 'Lægekonsulent',
  'general-practitioner': 'Egen læge',
  'family-centre': 'Familiecenter',
  'social-centre': 'Socialcenter',
  uu: 'UU (ungdommens uddannelsesvejledning)',
  ppr: 'PPR',
  'support-person': 'Bostøtte/støtteperson',
  'company-consultant': 'Virksomhedskonsulent',
  'language-centre': 'Sprogcenter',
};

export const APPOINTMENT_KINDS: Record<string, string> = { intake: 'Indledende samtale', 'follow-up': 'Opfølgning', intervention: 'Indsats' };
export const ATTENDANCE: Record<string, string> = { attended: 'Mødt', 'no-show': 'Udeblevet', cancelled: 'Aflyst' };
export const OUTCOMES: Record<string, string> = {
  job: 'Job',
  education: 'Uddannelse',
  'match-improved': 'Forbedret matchkategori',
  'still-passive': 'Fortsat passiv',
  'permanent-support': 'Varig støtte',
  exited: 'Udtrådt',
};
export const SEVERITIES: Record<string, string> = {
  minimal: 'Minimal',
  mild: 'Let',
  moderate: 'Moderat',
  'moderately-severe': 'Moderat svær',
  severe: 'Svær',
  good: 'God trivsel',
  'poor-wellbeing': 'Nedsat trivsel',
  'likely-depression': 'Mulig depression',
};
export const FLAGS: Record<string, string> = { 'suicidal-ideation': 'Selvmordstanker', 'screen-for-depression': 'Screen for depression' };
export const OVERDUE_KINDS: Record<string, string> = { ...INBOX_KINDS, screening: 'Screening', intake: 'Indledende samtale', plan: 'Indsatsplan' };

export const label = (map: Record<string, string>, key: string | null | undefined) => (key ? (map[key] ?? key) : '—');

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** The instant of a Copenhagen wall-clock date (YYYY-MM-DD) and time (HH:MM), as ISO 8601 with its offset. */
export function copenhagenInstant(date: string, time: string): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wall - 3_600_000;
  for (let i = 0; i < 2; i++) {
    const p = Object.fromEntries(offsetFormat.formatToParts(new Date(guess)).map((x) => [x.type, x.value]));
    const shown = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    guess += wall - shown;
  }
  const offsetMin = Math.round((wall - guess) / 60_000);
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  return `${date}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** HH:MM in Copenhagen. */
export const formatTime = (value: string) => timeFormat.format(new Date(value)).replace('.', ':');

let clockOffsetMs = 0;
/** Locally the system runs on a controllable clock (GET /local/clock); "today" in the forms follows it. */
export function setClockOffset(ms: number): void {
  clockOffsetMs = ms;
}
export const clockNow = (): Date => new Date(Date.now() + clockOffsetMs);
export const today = (plusDays = 0) => copenhagenDay(new Date(clockNow().getTime() + plusDays * 86_400_000));

/** The current Copenhagen month, YYYY-MM. */
export const thisMonth = (now = clockNow()) => copenhagenDay(now).slice(0, 7);
