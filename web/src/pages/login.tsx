import { useState } from 'preact/hooks';
import type { WebConfig } from '../api.js';
import { cognitoRedirect, localLogin } from '../auth.js';
import { DEMO_USERS, YOUTH_DEMO_USERS } from '../../../local/demo-users.js';
import { JTU_DEMO_USERS } from '../../../local/demo-users-job-til-uddannelse.js';
import { ErrorBanner, Field, fieldError } from '../ui.js';

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
            {[...DEMO_USERS, ...JTU_DEMO_USERS, ...YOUTH_DEMO_USERS].map((u) => (
              <li>
                <button type="button" disabled={busy} onClick={() => void signIn(u.username)}>
                  {u.name} — {u.job}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
