/*
 * The one place the front end turns the API's event codes into Danish: the timeline's event kinds and the
 * import's rejection reasons (the API's own texts are English and never shown). A plain map, so that a new
 * kind is one line here.
 */

export const TIMELINE_KINDS: Record<string, string> = {
  enrolled: 'Indskrevet i programmet',
  screened: 'Screenet',
  screening: 'Screenet',
  'colour-changed': 'Farve ændret',
  'tovholders-assigned': 'Tovholder tildelt',
  'tovholder-left': 'Tovholderen er stoppet',
  'needs-tovholder': 'Mangler tovholder',
  'preparatory-form': 'Forberedelsesskema gemt',
  'team-meeting': 'Drøftet på tværfagligt teammøde',
  'meeting-item': 'Teamets anbefalinger registreret',
  plan: 'Indsatsplan gemt',
  'appointment-booked': 'Aftale booket',
  'appointment-moved': 'Aftale flyttet',
  'attendance-attended': 'Fremmøde: mødt',
  'attendance-no-show': 'Fremmøde: udeblevet',
  'attendance-cancelled': 'Aftale aflyst',
  'missed-attendance': 'Udeblevet fra aftale',
  'instrument-recorded': 'Måleredskab udfyldt',
  'safety-flag': 'Sikkerhedsflag: skal følges op i dag',
  'safety-followed-up': 'Sikkerhedsflag fulgt op',
  'sanction-assessed': 'Sanktionsvurdering',
  note: 'Notat',
  'contact-attempt': 'Kontaktforsøg',
  outcome: 'Udfald registreret',
  'stage-ended': 'Fase afsluttet',
  'track-update': 'Spor opdateret',
  'legal-hold-set': 'Slettestop sat',
  'legal-hold-lifted': 'Slettestop ophævet',
  internship: 'Praktik registreret',
  'internship-ended': 'Praktik afsluttet',
  hours: 'Timer registreret',
  'paid-hours-goal-reached': 'Løntimemål nået',
  'learning-certificate': 'Læringsbevis udstedt',
  'contact-person': 'Kontaktperson skiftet',
  ambassador: 'Ungeambassadør tilknyttet',
  // Youth coordination
  'coordination-list': 'På koordineringslisten',
  'kept-on-list': 'Beholdt på koordineringslisten',
  'responsible-assigned': 'Ansvarlig tildelt',
  'first-contact': 'Første kontakt',
  contact: 'Kontakt',
  'not-reached': 'Ikke opnået kontakt (koordineringsgruppen)',
  guardians: 'Forældremyndighedsindehavere registreret',
  'praktik-generator': 'Praktik-generatoren sat på planen',
  reassigned: 'Overdraget til en anden',
};

/** A kind not known here is still shown in Danish, never as the API's English summary. */
export const timelineText = (kind: string): string => TIMELINE_KINDS[kind] ?? 'Hændelse i forløbet';

/** One sentence of an import's rejection reason in Danish, or null when it is not known here. */
function importSentence(reason: string): string | null {
  if (reason.startsWith('CPR number does not begin')) return 'CPR-nummeret begynder ikke med en rigtig dato.';
  if (reason.startsWith('CPR number must be')) return 'CPR-nummeret skal have 10 cifre (DDMMÅÅ-LLLL eller DDMMÅÅLLLL).';
  const repeats = /^The CPR number repeats line (\d+)\.$/.exec(reason);
  if (repeats) return `CPR-nummeret står allerede på linje ${repeats[1]}.`;
  if (reason.startsWith('Municipality must be')) return 'Kommunen skal være en firecifret kode, fx 0183.';
  const outside = /^Municipality (\d{4}) is not part/.exec(reason);
  if (outside) return `Kommune ${outside[1]} er ikke med i programmet.`;
  const unassigned = /^You are not assigned to municipality (\d{4})/.exec(reason);
  if (unassigned) return `Du er ikke tilknyttet kommune ${unassigned[1]}.`;
  if (reason === 'Name is missing.') return 'Navnet mangler.';
  if (reason === 'Name contains a control character.') return 'Navnet indeholder et ugyldigt tegn.';
  if (reason.startsWith('Name is longer than')) return 'Navnet er for langt.';
  if (reason === 'A quoted field is not closed on this line.') return 'Et felt i anførselstegn er ikke afsluttet på linjen.';
  if (reason.startsWith('Expected') && reason.includes('fields separated by')) return 'Linjen har ikke tre felter adskilt af semikolon.';
  if (reason.startsWith('The file is UTF-16')) return 'Filen er UTF-16-tekst; gem den som CSV (UTF-8) i stedet.';
  if (reason === 'This citizen is already enrolled in the programme.') return 'Borgeren er allerede indskrevet i programmet.';
  if (reason.startsWith('The journey could not be started')) return 'Forløbet kunne ikke startes; importér linjen igen.';
  return null;
}

/**
 * Danish text for why an import refused a line. The API joins several problems of one line into one
 * reason, sentence after sentence; each is translated. A sentence not known here gives a general Danish
 * text rather than English.
 */
export function danishImportReason(reason: string): string {
  // Split after a full stop followed by a capital: the sentences the API joins with a space.
  const sentences = reason.split(/(?<=\.)\s+(?=[A-Z])/);
  return sentences.map((s) => importSentence(s) ?? 'Linjen kunne ikke læses.').join(' ');
}

/** What a journey's audit trail records (the routes' audit actions), in Danish. */
export const AUDIT_ACTIONS: Record<string, string> = {
  'read-journey': 'Læste forløbet',
  overview: 'Så borgeren i overblikket',
  screening: 'Screenede',
  'assign-tovholders': 'Tildelte tovholdere',
  'write-note': 'Skrev notat',
  'record-outcome': 'Registrerede udfald',
  'read-audit': 'Læste revisionssporet',
  'legal-hold': 'Satte eller ophævede slettestop',
  'preparatory-form': 'Gemte forberedelsesskema',
  'read-preparatory-form-revisions': 'Læste forberedelsesskemaets versioner',
  plan: 'Gemte indsatsplan',
  'read-plan-revisions': 'Læste planens versioner',
  'read-team-meeting': 'Så borgeren på et teammøde',
  'team-meeting-agenda': 'Ændrede dagsordenen',
  'team-meeting-item': 'Registrerede teamets anbefalinger',
  'book-appointment': 'Bookede aftale',
  'my-appointments': 'Så sine aftaler',
  'read-appointment': 'Læste aftale',
  'move-appointment': 'Flyttede aftale',
  'register-attendance': 'Registrerede fremmøde',
  'sanction-assessment': 'Vurderede sanktion',
  'record-instrument': 'Registrerede måling',
  'safety-follow-up': 'Fulgte op på sikkerhedsflag',
  'create-internship': 'Registrerede praktik',
  'register-hours': 'Registrerede timer',
  'end-internship': 'Afsluttede praktik',
  'learning-certificate': 'Udstedte læringsbevis',
  'read-learning-certificate': 'Hentede læringsbevis',
  'contact-person': 'Skiftede kontaktperson',
  'youth-ambassador': 'Tilknyttede ungeambassadør',
  'coordination-list': 'Uploadede koordineringsliste',
  'read-coordination-list': 'Læste koordineringsliste',
  'coordination-entry': 'Behandlede linje på koordineringslisten',
  'coordination-meeting': 'Registrerede koordineringsmøde',
  guardians: 'Registrerede forældremyndighed',
  'praktik-generator': 'Satte Praktik-generatoren på planen',
  reassignment: 'Overdrog borgeren',
};
export const auditText = (action: string): string => AUDIT_ACTIONS[action] ?? 'Anden handling';
