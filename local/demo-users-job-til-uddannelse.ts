import type { DemoUser } from './demo-users.js';

/**
 * The demo's staff of Gennem Job til Uddannelse in Jammerbugt (0849), fictional like the rest; seeded by
 * local/seed-job-til-uddannelse.ts and offered as sign-ins by the local web front end. Plain data.
 */
export const JAMMERBUGT = ['0849'];

export const JTU_DEMO_USERS: readonly DemoUser[] = [
  { username: 'lars.leder', name: 'Lars Leder', roles: ['lead'], municipalities: JAMMERBUGT, job: 'faglig leder, Jobcenter Jammerbugt (Gennem Job til Uddannelse)' },
  { username: 'jonas.jobformidler', name: 'Jonas Jobformidler', roles: ['job-broker'], municipalities: JAMMERBUGT, job: 'jobformidler: de unges kontaktperson, rådgiver og virksomhedskonsulent' },
  { username: 'mette.mentor', name: 'Mette Mentor', roles: ['mentor'], municipalities: JAMMERBUGT, job: 'mentor; kontaktperson for én ung efter en overdragelse' },
];
