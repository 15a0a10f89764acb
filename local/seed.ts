import { now } from '../functions/commons/clock.js';
import { createUser, getUser } from '../functions/store/users.js';
import type { Runtime } from './runtime.js';

/**
 * A fresh store gets the admin user; with demo data (the default) also a living example, entered through
 * the HTTP API as a user would: a Brug for alle programme in Ishøj (0183) and Vallensbæk (0187), staff
 * in every role and fictional citizens in every colour. Names and CPR numbers are invented.
 */
export const DEMO_USERS = [
  { username: 'lise.leder', name: 'Lise Leder', roles: ['lead'] },
  { username: 'tove.tovholder', name: 'Tove Tovholder', roles: ['tovholder'] },
  { username: 'jens.jobcenter', name: 'Jens Jobcenter', roles: ['tovholder'] },
  { username: 'sara.sagsbehandler', name: 'Sara Sagsbehandler', roles: ['caseworker'] },
  { username: 'carl.care', name: 'Carl Caremanager', roles: ['care-manager'] },
  { username: 'tina.team', name: 'Tina Teammedlem', roles: ['team-member'] },
  { username: 'palle.praktik', name: 'Palle Praktiksted', roles: ['provider'] },
  { username: 'eva.evaluator', name: 'Eva Evaluator', roles: ['evaluator'] },
] as const;

const FIRST = ['Anders', 'Birthe', 'Casper', 'Ditte', 'Emil', 'Frida', 'Gustav', 'Hanne', 'Ib', 'Jytte', 'Karl', 'Lone', 'Mads', 'Nanna', 'Ole', 'Pia'];
const LAST = ['Fiktivsen', 'Opdigtet', 'Prøvesen', 'Eksempel'];

/** A fictional CPR number: a real date and a serial whose first digit gives that century. */
export function demoCpr(i: number): string {
  const day = String(1 + (i % 28)).padStart(2, '0');
  const month = String(1 + (i % 12)).padStart(2, '0');
  const year = String(70 + (i % 30)).padStart(2, '0');
  return `${day}${month}${year}-${String(1000 + i * 7).padStart(4, '0')}`;
}

async function api(runtime: Runtime, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${runtime.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`seeding failed at ${method} ${path}: ${res.status} ${json?.error?.code}`);
  return json;
}

async function tokenFor(runtime: Runtime, username: string): Promise<string> {
  const res = await fetch(`${runtime.url}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  return ((await res.json()) as { token: string }).token;
}

export async function bootstrap(runtime: Runtime, options: { demo: boolean }): Promise<void> {
  if (!(await getUser('admin'))) {
    await createUser({
      username: 'admin',
      name: 'Administrator',
      email: 'admin@forlob.local',
      roles: ['admin'],
      municipalities: [],
      programmes: [],
      active: true,
      createdAt: now().toISOString(),
    });
  }
  if (!options.demo || !runtime.fresh) return;
  await seedDemo(runtime);
}

async function seedDemo(runtime: Runtime): Promise<void> {
  const admin = await tokenFor(runtime, 'admin');
  const programme = await api(runtime, admin, 'POST', '/programmes', {
    name: 'Brug for alle — Ishøj og Vallensbæk',
    template: 'brug-for-alle',
    municipalities: ['0183', '0187'],
  });
  for (const user of DEMO_USERS) {
    await api(runtime, admin, 'POST', '/users', {
      ...user,
      email: `${user.username}@forlob.local`,
      municipalities: user.roles.includes('evaluator' as never) ? [] : ['0183', '0187'],
      programmes: [programme.id],
    });
  }
  const lead = await tokenFor(runtime, 'lise.leder');
  const colours = ['green', 'orange', 'orange', 'blue', 'red', null] as const;
  for (let i = 0; i < 18; i++) {
    const journey = await api(runtime, lead, 'POST', `/programmes/${programme.id}/enrolments`, {
      cpr: demoCpr(i),
      name: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`,
      municipality: i % 3 === 0 ? '0187' : '0183',
    });
    const colour = colours[i % colours.length];
    if (colour) {
      await api(runtime, lead, 'POST', `/enrolments/${journey.id}/screening`, {
        colour,
        reason: 'Demo: screenet ud fra sagens akter',
        ...(colour === 'red' ? { exitReason: 'moved' } : {}),
      });
    }
  }
}
