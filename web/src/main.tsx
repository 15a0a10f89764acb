import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { Inbox, Me, ProgrammeList, type Programme } from '../../functions/contract/schemas.js';
import { api, configure, getToken, type WebConfig } from './api.js';
import { completeCognitoLogin, logout } from './auth.js';
import { setClockOffset } from './format.js';
import { CitizenPage } from './pages/citizen.js';
import { AmbassadorsPage } from './pages/internship.js';
import { ActorsPage, CoordinationListPage, CoordinationPage } from './pages/coordination.js';
import { DashboardPage } from './pages/dashboard.js';
import { EvaluationPage } from './pages/evaluation.js';
import { InboxPage } from './pages/inbox.js';
import { LoginPage } from './pages/login.js';
import { MeetingsPage } from './pages/meetings.js';
import { OverviewPage, prefetchOverview } from './pages/overview.js';
import { AdminPage } from './pages/admin.js';
import { MyAppointmentsPage } from './pages/my-appointments.js';
import { has, hasOverview, landing, type Session } from './session.js';
import { ErrorBanner, Loading } from './ui.js';

/* The caseworker front end: a hash router (the API owns the paths), the signed-in shell, the pages. */

export interface Route {
  page: string;
  id?: string;
  params: URLSearchParams;
}

function parseHash(): Route {
  const [path = '', search = ''] = location.hash.replace(/^#/, '').split('?');
  const [, page = 'oversigt', id] = path.split('/');
  return { page: page || 'oversigt', ...(id ? { id: decodeURIComponent(id) } : {}), params: new URLSearchParams(search) };
}

export function navigate(hash: string): void {
  location.hash = hash;
}

function useRoute(): Route {
  const [route, setRoute] = useState(parseHash);
  useEffect(() => {
    const on = () => setRoute(parseHash());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

const TITLES: Record<string, string> = {
  oversigt: 'Overblik',
  borger: 'Borger',
  indbakke: 'Indbakke',
  teammoeder: 'Teammøder',
  ambassadoerer: 'Ambassadører',
  koordinering: 'Koordineringsgruppen',
  aktoerer: 'Aktører',
  evaluering: 'Evaluering',
  styring: 'Styring',
  admin: 'Administration',
  aftaler: 'Mine aftaler',
  login: 'Log ind',
};

/** The pages of exports and the dashboard: all an evaluator has, beside the case pages for a lead. */
const EVALUATION_PAGES = ['evaluering', 'styring'];

/** A coordination member sees young people through the lists, not the programme's overview: the lists are their start page. */
const coordinationOnly = (session: Session) =>
  session.programme?.template === 'youth-coordination' && !has(session, 'lead', 'tovholder', 'caseworker', 'care-manager');

function App({ config }: { config: WebConfig }) {
  const route = useRoute();
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [unread, setUnread] = useState(0);
  const [signedIn, setSignedIn] = useState(Boolean(getToken()));

  const refreshInbox = useCallback(() => {
    api.get(Inbox, '/me/inbox').then((b) => setUnread(b.items.filter((i) => !i.read).length), () => {});
  }, []);

  useEffect(() => {
    if (!signedIn) return;
    let cancelled = false;
    (async () => {
      const [me, programmes] = await Promise.all([api.get(Me, '/me'), api.get(ProgrammeList, '/programmes')]);
      if (cancelled) return;
      const chosen = sessionStorage.getItem('forlob.programme');
      const programme: Programme | null = programmes.items.find((p) => p.id === chosen) ?? programmes.items[0] ?? null;
      if (programme) sessionStorage.setItem('forlob.programme', programme.id);
      setSession({ me, programmes: programmes.items, programme, refreshInbox });
      refreshInbox();
    })().catch((e) => !cancelled && setError(e));
    return () => {
      cancelled = true;
    };
  }, [signedIn, refreshInbox]);

  useEffect(() => {
    document.title = `${TITLES[route.page] ?? 'Forløb'} — Forløb`;
  }, [route.page]);

  if (!signedIn || route.page === 'login') {
    return (
      <LoginPage
        config={config}
        onSignedIn={() => {
          setSession(null);
          setSignedIn(true);
          navigate('#/oversigt');
        }}
      />
    );
  }
  if (error) return <main id="main"><ErrorBanner error={error} /></main>;
  if (!session) return <main id="main"><Loading /></main>;

  // An evaluator has the evaluation pages only: every other address (a citizen's included) shows the exports.
  const evaluator = session.me.roles.includes('evaluator');
  const evaluates = evaluator || session.me.roles.includes('lead');
  // Without the overview (admin, provider, team member) the start page is the role's own.
  const page = route.page === 'oversigt' && !hasOverview(session) ? landing(session) : route.page;
  const shown = evaluator && !EVALUATION_PAGES.includes(page) ? 'evaluering' : page;
  const admin = has(session, 'admin');
  const ownsAppointments = has(session, 'provider', 'lead', 'tovholder', 'caseworker', 'care-manager');
  const link = (page: string, text: string, extra?: string) => (
    <a href={`#/${page}`} aria-current={shown === page ? 'page' : undefined}>
      {text}
      {extra}
    </a>
  );
  return (
    <>
      <a class="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        Spring til indhold
      </a>
      <header class="topbar">
        <span class="brand">Forløb</span>
        <nav aria-label="Hovedmenu">
          {hasOverview(session) && link('oversigt', 'Overblik')}
          {admin && link('admin', 'Administration')}
          {evaluator || admin || (has(session, 'provider') && !hasOverview(session)) ? null : session.programme?.template === 'job-til-uddannelse' ? (
            link('ambassadoerer', 'Ambassadører')
          ) : session.programme?.template === 'youth-coordination' ? (
            <>
              {link('koordinering', 'Koordineringsgruppen')}
              {link('aktoerer', 'Aktører')}
            </>
          ) : (
            link('teammoeder', 'Teammøder')
          )}
          {ownsAppointments && link('aftaler', 'Mine aftaler')}
          {!evaluator && !admin && link('indbakke', 'Indbakke', unread ? ` (${unread} ulæste)` : '')}
          {evaluates && link('styring', 'Styring')}
          {evaluates && link('evaluering', 'Evaluering')}
        </nav>
        {session.programmes.length > 1 && (
          <label class="programme-picker">
            Program{' '}
            <select
              value={session.programme?.id}
              onChange={(e) => {
                const p = session.programmes.find((x) => x.id === e.currentTarget.value) ?? null;
                if (p) sessionStorage.setItem('forlob.programme', p.id);
                setSession({ ...session, programme: p });
              }}
            >
              {session.programmes.map((p) => (
                <option value={p.id}>{p.name}</option>
              ))}
            </select>
          </label>
        )}
        <span class="who">
          {session.me.name}{' '}
          <button type="button" class="link-button" onClick={() => (setSignedIn(false), setSession(null), logout())}>
            Log ud
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {shown === 'evaluering' && evaluates ? (
          <EvaluationPage session={session} />
        ) : shown === 'styring' && evaluates ? (
          <DashboardPage session={session} />
        ) : shown === 'admin' && admin ? (
          <AdminPage session={session} />
        ) : shown === 'aftaler' ? (
          <MyAppointmentsPage params={route.params} />
        ) : route.page === 'borger' && route.id ? (
          <CitizenPage key={route.id} id={route.id} session={session} />
        ) : route.page === 'indbakke' ? (
          <InboxPage session={session} />
        ) : route.page === 'ambassadoerer' ? (
          <AmbassadorsPage session={session} />
        ) : route.page === 'koordinering' || (route.page === 'oversigt' && coordinationOnly(session)) ? (
          route.id ? <CoordinationListPage key={route.id} id={route.id} session={session} /> : <CoordinationPage session={session} />
        ) : route.page === 'aktoerer' ? (
          <ActorsPage session={session} />
        ) : shown === 'teammoeder' ? (
          <MeetingsPage session={session} id={route.id} />
        ) : shown === 'indbakke' ? (
          <InboxPage session={session} />
        ) : (
          <OverviewPage session={session} params={route.params} />
        )}
      </main>
    </>
  );
}

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  const config = (await fetch('config.json').then((r) => r.json())) as WebConfig;
  configure(config, () => {
    if (location.hash !== '#/login') navigate('#/login');
  });
  if (config.mode === 'cognito') await completeCognitoLogin();
  // A returning user on the overview: ask for its first page now, beside /me and /programmes, not after them.
  const route = parseHash();
  const programmeId = sessionStorage.getItem('forlob.programme');
  if (getToken() && programmeId && route.page === 'oversigt') prefetchOverview(programmeId, route.params);
  if (config.mode === 'local') {
    const clock = (await fetch('/local/clock').then((r) => r.json(), () => null)) as { now?: string } | null;
    if (clock?.now) setClockOffset(Date.parse(clock.now) - Date.now());
  }
  root.textContent = '';
  render(<App config={config} />, root);
}

void start();
