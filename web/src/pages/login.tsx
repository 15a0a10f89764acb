import { useState } from 'preact/hooks';
import type { WebConfig } from '../api.js';
import { cognitoRedirect, localLogin } from '../auth.js';
import { ErrorBanner, Field, fieldError } from '../ui.js';

/** The demo users `npm start` seeds (local/seed.ts), offered as one-click sign-ins on this machine. */
const DEMO_USERS: [string, string][] = [
  ['lise.leder', 'Lise Leder — faglig leder'],
  ['tove.tovholder', 'Tove Tovholder — tovholder'],
  ['jens.jobcenter', 'Jens Jobcenter — tovholder'],
  ['sara.sagsbehandler', 'Sara Sagsbehandler — sagsbehandler'],
  ['carl.care', 'Carl Caremanager — care manager'],
  ['tina.team', 'Tina Teammedlem — teammedlem'],
];

export function LoginPage({ config, onSignedIn }: { config: WebConfig; onSignedIn: () => void }) {
  const [username, setUsername] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function signIn(name: string) {
    setBusy(true);
    setError(null);
    try {
      await localLogin(name.trim());
      onSignedIn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" class="login">
      <h1>Log ind i Forløb</h1>
      {config.mode === 'cognito' ? (
        <button type="button" class="primary" onClick={() => void cognitoRedirect()}>
          Log ind med kommunens login
        </button>
      ) : (
        <>
          <p>Lokal udgave: vælg en bruger. Der bruges ingen adgangskode på denne maskine.</p>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void signIn(username);
            }}
          >
            <ErrorBanner error={error} />
            <Field label="Brugernavn" error={fieldError(error, 'username') ?? (error ? 'Ingen aktiv bruger med det brugernavn.' : undefined)}>
              {(p) => <input {...p} name="username" autoComplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} required />}
            </Field>
            <button type="submit" class="primary" disabled={busy}>
              Log ind
            </button>
          </form>
          <h2>Demobrugere</h2>
          <ul class="user-picker">
            {DEMO_USERS.map(([u, text]) => (
              <li>
                <button type="button" disabled={busy} onClick={() => void signIn(u)}>
                  {text}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
