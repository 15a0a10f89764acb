/**
 * The demo's staff (fictional), seeded by local/seed.ts and offered as one-click sign-ins by the local web
 * front end. Plain data: the browser bundle imports it too.
 */
export const BOTH = ['0183', '0187'];

export interface DemoUser {
  username: string;
  name: string;
  roles: readonly string[];
  municipalities: readonly string[];
  /** What the user does in the demo (Danish, shown in the README). */
  job: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'lise.leder', name: 'Lise Leder', roles: ['lead'], municipalities: BOTH, job: 'faglig leder, Borger- og Socialservice' },
  { username: 'bent.beskaeftigelse', name: 'Bent Beskæftigelse', roles: ['lead'], municipalities: BOTH, job: 'faglig leder, Jobcenter' },
  { username: 'tove.tovholder', name: 'Tove Tovholder', roles: ['tovholder'], municipalities: BOTH, job: 'primær tovholder (Borger- og Socialservice)' },
  { username: 'jens.jobcenter', name: 'Jens Jobcenter', roles: ['tovholder'], municipalities: BOTH, job: 'sekundær tovholder og social mentor (Jobcenter)' },
  { username: 'sara.sagsbehandler', name: 'Sara Sagsbehandler', roles: ['caseworker'], municipalities: BOTH, job: 'sagsbehandler i Jobcenteret (grønne borgere)' },
  { username: 'carl.care', name: 'Carl Caremanager', roles: ['care-manager'], municipalities: BOTH, job: 'care manager fra Region Hovedstaden' },
  { username: 'tina.team', name: 'Tina Teammedlem', roles: ['team-member'], municipalities: BOTH, job: 'psykiatrisk sygeplejerske i det tværfaglige team' },
  { username: 'palle.praktik', name: 'Palle Praktiksted', roles: ['provider'], municipalities: BOTH, job: 'praktikvejleder, Praktik i Ishøj Kommune' },
  { username: 'eva.evaluator', name: 'Eva Evaluator', roles: ['evaluator'], municipalities: [], job: 'ekstern evaluator (kun eksport, ingen borgerdata)' },
];

/** Brøndby's coordination group (youth coordination), seeded by local/seed-youth-coordination.ts. */
export const YOUTH_DEMO_USERS: readonly DemoUser[] = [
  { username: 'birgit.brondby', name: 'Birgit Brøndby', roles: ['lead'], municipalities: ['0153'], job: 'leder af Jobcentrets Ungehus, Brøndby' },
  { username: 'ulla.uu', name: 'Ulla UU-vejleder', roles: ['coordination-member'], municipalities: ['0153'], job: 'UU-vejleder i koordineringsgruppen' },
  { username: 'uffe.uu', name: 'Uffe UU-vejleder', roles: ['coordination-member'], municipalities: ['0153'], job: 'UU-vejleder i koordineringsgruppen' },
  { username: 'signe.skole', name: 'Signe Specialskole', roles: ['coordination-member'], municipalities: ['0153'], job: 'specialskoleleder i koordineringsgruppen' },
];
