import type { z } from 'zod';
import { ErrorBody } from '../../functions/contract/schemas.js';

/*
 * The API client: every response is parsed with the contract's zod schema (functions/contract), so the
 * front end and the handlers share one definition of each concept. Errors become ApiProblem with the
 * contract's code and details, and Danish text for the person at the screen.
 */

export interface WebConfig {
  mode: 'local' | 'cognito';
  apiUrl?: string;
  cognitoDomain?: string;
  clientId?: string;
  redirectUri?: string;
}

export interface ProblemDetail {
  path: string;
  message: string;
}

const CODE_TEXT: Record<string, string> = {
  'invalid-input': 'Nogle felter er ikke udfyldt korrekt. Ret de markerede felter og prøv igen.',
  unauthenticated: 'Du er ikke logget ind (længere). Log ind igen.',
  forbidden: 'Du har ikke adgang til at gøre dette.',
  'not-found': 'Det findes ikke, eller du har ikke adgang til det.',
  conflict: 'En anden har ændret det samme i mellemtiden. Intet af det, du har skrevet, er gået tabt.',
  'rule-violated': 'Handlingen strider mod en regel i forløbet.',
  'not-in-template': 'Dette trin findes ikke i programmets skabelon.',
  'payload-too-large': 'Filen eller teksten er for stor.',
  unavailable: 'Systemet er ved at starte. Prøv igen om lidt.',
  'internal-error': 'Der skete en fejl hos os. Prøv igen om lidt.',
  network: 'Forbindelsen til serveren svigtede. Prøv igen.',
};

/** Danish text for the domain rules the API names (the error's `rule`, also the start of its message). */
const RULE_TEXT: Record<string, string> = {
  'journey-closed': 'Forløbet er afsluttet.',
  'step-out-of-order': 'Forløbet er ikke nået til dette trin endnu (eller er forbi det).',
  'screening-first': 'Borgeren skal screenes først.',
  'meeting-not-started': 'Anbefalinger kan først registreres, når mødet er begyndt.',
  'not-on-agenda': 'Borgeren er ikke på dagsordenen for dette møde.',
  'too-many-citizens': 'Der er for mange borgere på dagsordenen.',
  'on-another-agenda': 'Borgeren er allerede på dagsordenen for et andet møde.',
  'not-due': 'Borgeren er ikke klar til teammøde endnu.',
  'already-recorded': 'Det er allerede registreret.',
  'appointment-not-started': 'Fremmøde kan først registreres, når aftalen er begyndt.',
  'attendance-registered': 'Fremmødet er allerede registreret.',
  'intake-not-awaited': 'Forløbet venter ikke på en indledende samtale.',
  'owner-not-eligible': 'Den valgte ansvarlige må ikke holde denne aftale.',
  'sanction-needs-no-show': 'En sanktion kræver en aftale, borgeren er udeblevet fra.',
  'sanction-not-allowed': 'En sanktion kan ikke anbefales, når et af spørgsmålene er besvaret med ja.',
  'too-far-ahead': 'Tidspunktet ligger for langt ude i fremtiden.',
  'template-not-available': 'Denne programskabelon findes ikke endnu.',
  'internship-overlaps': 'Den unge har allerede en praktik i samme periode.',
  'week-outside-internship': 'Praktikken løber ikke i den uge.',
  'end-certificate-competences': 'Et afsluttende læringsbevis skal have mindst én personlig og én faglig kompetence.',
  'already-contact-person': 'Personen er allerede kontaktperson.',
};

/** Danish text for one field error of the API (its messages are English and technical). */
export function danishDetail(message: string): string {
  const m = message.toLowerCase();
  if (m.includes('required') || m.includes('received undefined')) return 'Skal udfyldes.';
  if (m.includes('too small (minimum 0)')) return 'Må ikke være negativ.';
  if (m.includes('too small') || m.includes('>=1 character') || m.includes('at least')) return 'Skal udfyldes.';
  if (m.includes('168')) return 'Højst 168 timer på en uge, lønnede og ulønnede tilsammen.';
  if (m.includes('too big') || m.includes('at most')) return 'Er for langt eller for stort.';
  if (m.includes('needs a reason')) return 'Skal udfyldes.';
  if (m.includes('exit reason')) return m.includes('only') ? 'Kun en rød screening har en udtrædelsesårsag.' : 'Vælg en udtrædelsesårsag for en rød screening.';
  if (m.includes('cpr') || m.includes('date of birth') || m.includes('ddmmyy')) return 'Ugyldigt CPR-nummer (DDMMÅÅ-LLLL).';
  if (m.includes('before the citizen')) return 'Datoen ligger før borgerens fødsel.';
  if (m.includes('month')) return 'Angiv en måned (ÅÅÅÅ-MM).';
  if (m.includes('datetime') || m.includes('date')) return 'Ugyldig dato eller tid.';
  if (m.includes('email')) return 'Ugyldig e-mailadresse.';
  if (m.includes('invalid option') || m.includes('expected one of')) return 'Vælg en af mulighederne.';
  if (m.includes('cursor')) return 'Listen er forældet; genindlæs siden.';
  if (m.includes('contact attempt')) return 'Angiv kanal og om der blev opnået kontakt.';
  if (m.includes('someone else')) return 'Skal være en anden person.';
  if (m.includes('cvr')) return 'Et CVR-nummer er 8 cifre.';
  if (m.includes('iso week') || m.includes('has no week')) return 'Angiv en uge, der findes (ÅÅÅÅ-Uuu).';
  if (m.includes('job broker')) return 'Vælg en aktiv jobformidler i den unges kommune.';
  if (m.includes('mentor')) return 'Vælg en aktiv mentor eller jobformidler i den unges kommune.';
  if (m.includes('ambassador')) return 'Vælg en ambassadør af den rette slags i den unges kommune.';
  if (m.includes('ends on or after')) return 'Slutdatoen skal ligge på eller efter startdatoen.';
  if (m.includes('must be after startsat')) return 'Sluttidspunktet skal ligge efter starttidspunktet.';
  if (m.includes('end month is before')) return 'Slutmåneden skal ligge på eller efter startmåneden.';
  return 'Ugyldig værdi.';
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly details: ProblemDetail[],
    /** The id of the domain rule that refused, when the API names one. */
    readonly rule?: string,
  ) {
    super(CODE_TEXT[code] ?? 'Noget gik galt.');
  }

  /** The Danish message for the form as a whole. */
  get text(): string {
    const rule = this.rule ?? /^([a-z-]+):/.exec(this.apiMessage)?.[1] ?? (/^[a-z-]+$/.test(this.apiMessage) ? this.apiMessage : undefined);
    if (rule && RULE_TEXT[rule]) return RULE_TEXT[rule];
    if (this.code === 'rule-violated') return `${CODE_TEXT['rule-violated']}${rule ? ` (${rule})` : ''}`;
    return this.message;
  }

  /** Danish messages by field path ("interventions.0.goal"). */
  get fieldErrors(): Record<string, string> {
    return Object.fromEntries(this.details.map((d) => [d.path, danishDetail(d.message)]));
  }
}

let config: WebConfig = { mode: 'local' };
let token: string | null = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem('forlob.token');
let onUnauthenticated: () => void = () => {};

export function configure(c: WebConfig, unauthenticated: () => void): void {
  config = c;
  onUnauthenticated = unauthenticated;
}
export const getConfig = () => config;
export const getToken = () => token;
export function setToken(t: string | null): void {
  token = t;
  if (t) sessionStorage.setItem('forlob.token', t);
  else sessionStorage.removeItem('forlob.token');
}

/** Sends one request; a reply that is not 2xx becomes ApiProblem. */
async function send(method: string, path: string, body: { type: string; data: BodyInit } | undefined, auth: boolean): Promise<{ status: number; text: string; json: unknown }> {
  const headers: Record<string, string> = {};
  if (auth && token) headers.authorization = `Bearer ${token}`;
  if (body) headers['content-type'] = body.type;
  let res: Response;
  try {
    res = await fetch(`${config.apiUrl ?? ''}${path}`, { method, headers, body: body?.data });
  } catch {
    throw new ApiProblem(0, 'network', 'network', []);
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const parsed = ErrorBody.safeParse(json);
    const problem = parsed.success
      ? new ApiProblem(res.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.details, parsed.data.error.rule)
      : new ApiProblem(res.status, res.status >= 500 ? 'internal-error' : 'not-found', text.slice(0, 200), []);
    if (problem.status === 401 && auth) onUnauthenticated();
    throw problem;
  }
  return { status: res.status, text, json };
}

export async function request<S extends z.ZodType>(
  schema: S,
  method: string,
  path: string,
  body?: unknown,
  options: { auth?: boolean; raw?: boolean } = {},
): Promise<z.output<S>> {
  const json = body === undefined ? undefined : { type: 'application/json', data: JSON.stringify(body) };
  const reply = await send(method, path, json, options.auth !== false);
  if (options.raw) return reply.text as z.output<S>;
  return schema.parse(reply.json);
}

/**
 * Uploads a file as the request body. A route that may go on in the background answers 200 with its
 * result or 202 with what to poll: each is parsed with its own schema.
 */
export async function upload<Done extends z.ZodType, Accepted extends z.ZodType>(
  schemas: { done: Done; accepted: Accepted },
  path: string,
  file: { type: string; data: BodyInit },
): Promise<{ accepted: false; body: z.output<Done> } | { accepted: true; body: z.output<Accepted> }> {
  const reply = await send('POST', path, file, true);
  return reply.status === 202 ? { accepted: true, body: schemas.accepted.parse(reply.json) } : { accepted: false, body: schemas.done.parse(reply.json) };
}

export const api = {
  get: <S extends z.ZodType>(schema: S, path: string) => request(schema, 'GET', path),
  post: <S extends z.ZodType>(schema: S, path: string, body?: unknown) => request(schema, 'POST', path, body ?? {}),
  put: <S extends z.ZodType>(schema: S, path: string, body: unknown) => request(schema, 'PUT', path, body),
  patch: <S extends z.ZodType>(schema: S, path: string, body: unknown) => request(schema, 'PATCH', path, body),
};

export function query(params: Record<string, string | undefined | false>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}
