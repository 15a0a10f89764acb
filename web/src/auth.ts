import { TokenResponse } from '../../functions/contract/schemas.js';
import { getConfig, request, setToken } from './api.js';

/* Signing in: locally by picking a user (POST /local/token); in the cloud through Cognito's hosted UI
 * (authorization code with PKCE; the access token carries the username the API reads). */

export async function localLogin(username: string): Promise<void> {
  const { token } = await request(TokenResponse, 'POST', '/local/token', { username }, { auth: false });
  setToken(token);
}

const b64url = (bytes: ArrayBuffer | Uint8Array) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export async function cognitoRedirect(): Promise<void> {
  const c = getConfig();
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  sessionStorage.setItem('forlob.pkce', verifier);
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: c.clientId ?? '',
    redirect_uri: c.redirectUri ?? location.origin + '/',
    scope: 'openid email profile aws.cognito.signin.user.admin',
    code_challenge_method: 'S256',
    code_challenge: challenge,
  });
  location.assign(`${c.cognitoDomain}/oauth2/authorize?${params.toString()}`);
}

/** Completes a hosted UI sign-in when the page was opened with ?code=; true when a token was obtained. */
export async function completeCognitoLogin(): Promise<boolean> {
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem('forlob.pkce');
  if (!code || !verifier) return false;
  const c = getConfig();
  const res = await fetch(`${c.cognitoDomain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: c.clientId ?? '',
      code,
      redirect_uri: c.redirectUri ?? location.origin + '/',
      code_verifier: verifier,
    }),
  });
  sessionStorage.removeItem('forlob.pkce');
  history.replaceState(null, '', location.pathname + location.hash);
  if (!res.ok) return false;
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) return false;
  setToken(body.access_token);
  return true;
}

export function logout(): void {
  setToken(null);
  const c = getConfig();
  if (c.mode === 'cognito' && c.cognitoDomain) {
    location.assign(`${c.cognitoDomain}/logout?${new URLSearchParams({ client_id: c.clientId ?? '', logout_uri: c.redirectUri ?? location.origin + '/' }).toString()}`);
  } else {
    location.hash = '#/login';
  }
}
