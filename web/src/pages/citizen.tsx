import type { z } from 'zod';
import { useEffect, useState } from 'preact/hooks';
import { AuditTrail, Journey, LegalHoldResult, ScreeningResult } from '../../../functions/contract/schemas.js';
import { api } from '../api.js';
import { COLOURS, EXIT_REASONS, formatDate, formatDateTime, label, municipalityName, STAGE_ORDER, STAGE_ORDERS, STAGES, withWeek } from '../format.js';
import { has, type Session } from '../session.js';
import { ColourBadge, ErrorBanner, Field, fieldError, Loading, Section } from '../ui.js';
import { auditText, timelineText } from '../texts-events.js';
import { AppointmentsSection } from './appointments.js';
import { InstrumentsSection } from './instruments.js';
import { PlanSection } from './plan.js';
import { JournalSection, TovholderSection } from './journal.js';
import { YouthSection } from './coordination.js';
import { OutcomeSection, PreparatoryFormSection } from './steps.js';
import { InternshipSections } from './internship.js';

export type JourneyView = z.output<typeof Journey>;

/** One citizen's journey: the timeline, screening and every later step, each as its own section. */
export function CitizenPage({ id, session }: { id: string; session: Session }) {
  const [journey, setJourney] = useState<JourneyView | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = () => api.get(Journey, `/enrolments/${encodeURIComponent(id)}`).then(setJourney, setError);
  useEffect(() => {
    void reload();
  }, [id]);

  if (error && !journey) return <ErrorBanner error={error} />;
  if (!journey) return <Loading />;
  const j = journey;
  // Gennem Job til Uddannelse's young people have a contact person and internships instead of screening and plan.
  const internships = j.template === 'job-til-uddannelse';
  const stageOrder = STAGE_ORDERS[j.template] ?? STAGE_ORDER;
  return (
    <>
      <p>
        <a href="#/oversigt">← Tilbage til overblikket</a>
      </p>
      <h1>
        {j.citizen.name} {!internships && <ColourBadge colour={j.colour} />}
      </h1>
      <dl class="facts">
        <div>
          <dt>CPR</dt>
          <dd>{j.citizen.cprMasked}</dd>
        </div>
        <div>
          <dt>Kommune</dt>
          <dd>{municipalityName(j.citizen.municipality)}</dd>
        </div>
        <div>
          <dt>Fase</dt>
          <dd>
            {label(STAGES, j.stage)} siden {formatDate(j.stageEnteredAt)}
          </dd>
        </div>
        <div>
          <dt>Næste frist</dt>
          <dd>{withWeek(j.nextDeadline)}</dd>
        </div>
        {internships ? (
          <div>
            <dt>Kontaktperson</dt>
            <dd>{j.contactPerson?.name ?? <span class="missing">Ingen endnu</span>}</dd>
          </div>
        ) : (
          <div>
            <dt>Tovholder</dt>
            <dd>{j.primaryTovholder && !j.needsTovholder ? j.primaryTovholder.name : <span class="missing">Mangler</span>}</dd>
          </div>
        )}
        {j.secondaryTovholder && (
          <div>
            <dt>Sekundær tovholder</dt>
            <dd>{j.secondaryTovholder.name}</dd>
          </div>
        )}
        {j.citizen.phone && (
          <div>
            <dt>Telefon</dt>
            <dd>{j.citizen.phone}</dd>
          </div>
        )}
      </dl>
      <div class="citizen-grid">
        <Section title="Forløb" id="timeline">
          <ol class="stages" aria-label="Faser">
            {stageOrder.map((s) => {
              const at = stageOrder.indexOf(j.stage);
              const i = stageOrder.indexOf(s);
              const state = i < at ? 'done' : i === at ? 'current' : 'todo';
              return (
                <li class={`stage-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
                  {STAGES[s]}
                  <span class="visually-hidden">{state === 'done' ? ' (gennemført)' : state === 'current' ? ' (nuværende)' : ''}</span>
                </li>
              );
            })}
          </ol>
          <ol class="timeline">
            {[...j.timeline].reverse().map((e) => (
              <li>
                <time dateTime={e.at}>{formatDateTime(e.at)}</time> <strong>{timelineText(e.kind)}</strong>
                <span class="by"> · {e.by.name}</span>
              </li>
            ))}
          </ol>
        </Section>
        {internships ? (
          <InternshipSections journey={j} session={session} onSaved={reload} />
        ) : (
          <>
            <ScreeningSection journey={j} session={session} onSaved={reload} />
            <TovholderSection journey={j} session={session} onSaved={reload} />
            <PreparatoryFormSection journey={j} session={session} onSaved={reload} />
            <AppointmentsSection journey={j} session={session} onSaved={reload} />
            <PlanSection journey={j} session={session} onSaved={reload} />
            <InstrumentsSection journey={j} session={session} onSaved={reload} />
          </>
        )}
        <OutcomeSection journey={j} session={session} onSaved={reload} />
        {j.template === 'youth-coordination' && <YouthSection journey={j} onSaved={reload} />}
        <JournalSection journey={j} session={session} onSaved={reload} />
        <LegalHoldSection journey={j} session={session} onSaved={reload} />
        {has(session, 'lead') && <AuditSection journey={j} />}
      </div>
    </>
  );
}

export interface SectionProps {
  journey: JourneyView;
  session: Session;
  onSaved: () => void;
}

function ScreeningSection({ journey, session, onSaved }: SectionProps) {
  const [colour, setColour] = useState<string>(journey.colour ?? '');
  const [reason, setReason] = useState('');
  const [exitReason, setExitReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const canScreen = has(session, 'lead', 'tovholder') && journey.stage !== 'closed';

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api.post(ScreeningResult, `/enrolments/${journey.id}/screening`, {
        colour: colour || undefined,
        reason,
        ...(colour === 'red' ? { exitReason: exitReason || undefined } : {}),
      });
      setReason('');
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const s = journey.screening;
  return (
    <Section title="Screening" id="screening">
      {s ? (
        <p>
          <ColourBadge colour={s.colour} /> {s.reason} <span class="by">({s.by}, {formatDate(s.at)})</span>
          {s.exitReason && <> · Udtrædelsesårsag: {label(EXIT_REASONS, s.exitReason)}</>}
        </p>
      ) : (
        <p>Borgeren er ikke screenet endnu.</p>
      )}
      {journey.baseline && s && journey.baseline.at !== s.at && (
        <p class="hint">
          Første screening (baseline): {COLOURS[journey.baseline.colour]} den {formatDate(journey.baseline.at)}
        </p>
      )}
      {canScreen && (
        <form onSubmit={submit} aria-label={s ? 'Ændr screening' : 'Screen borgeren'}>
          <ErrorBanner error={error} />
          <fieldset class={fieldError(error, 'colour') ? 'has-error' : undefined}>
            <legend>Farve</legend>
            {(['green', 'orange', 'red', 'blue'] as const).map((c) => (
              <label class="radio">
                <input type="radio" name="colour" value={c} checked={colour === c} onChange={() => setColour(c)} /> <ColourBadge colour={c} />
              </label>
            ))}
            {fieldError(error, 'colour') && <span class="field-error">{fieldError(error, 'colour')}</span>}
          </fieldset>
          <Field label="Begrundelse" error={fieldError(error, 'reason')}>
            {(p) => <textarea {...p} name="reason" rows={3} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
          </Field>
          {colour === 'red' && (
            <Field label="Udtrædelsesårsag" error={fieldError(error, 'exitReason')}>
              {(p) => (
                <select {...p} name="exitReason" value={exitReason} onChange={(e) => setExitReason(e.currentTarget.value)}>
                  <option value="">Vælg …</option>
                  {Object.entries(EXIT_REASONS).map(([k, v]) => (
                    <option value={k}>{v}</option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <button type="submit" class="primary" disabled={busy}>
            Gem screening
          </button>
          {saved && (
            <span role="status" class="saved">
              Screeningen er gemt.
            </span>
          )}
        </form>
      )}
    </Section>
  );
}

/**
 * A legal hold (complaint, appeal, court case) keeps the journey from being erased after its retention period.
 * The lead sets and lifts it and sees why, by whom and when; everyone else sees that it is set.
 */
function LegalHoldSection({ journey, session, onSaved }: SectionProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const isLead = has(session, 'lead');
  const hold = journey.legalHold;

  async function put(body: { hold: boolean; reason?: string }) {
    setBusy(true);
    setError(null);
    try {
      await api.put(LegalHoldResult, `/enrolments/${journey.id}/legal-hold`, body);
      setReason('');
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  if (!hold && !isLead) return null;
  return (
    <Section title="Slettestop" id="legal-hold">
      <ErrorBanner error={error} />
      {hold ? (
        <p>
          <strong>Forløbet har slettestop</strong> og slettes ikke efter opbevaringsperioden, så længe stoppet gælder.
          {isLead && (
            <>
              {' '}
              Begrundelse: {hold.reason} <span class="by">({hold.by}, {formatDateTime(hold.at)})</span>
            </>
          )}
        </p>
      ) : (
        <p>Intet slettestop. Forløbet slettes, når opbevaringsperioden efter afslutningen er gået.</p>
      )}
      {isLead &&
        (hold ? (
          <button type="button" disabled={busy} onClick={() => void put({ hold: false })}>
            Ophæv slettestop
          </button>
        ) : (
          <form onSubmit={(e) => (e.preventDefault(), void put({ hold: true, ...(reason.trim() ? { reason } : {}) }))} aria-label="Sæt slettestop">
            <Field label="Årsag til slettestop" error={fieldError(error, 'reason')} hint="Fx en klage, en anke eller en retssag.">
              {(p) => <textarea {...p} name="legalHoldReason" rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />}
            </Field>
            <button type="submit" disabled={busy}>
              Sæt slettestop
            </button>
          </form>
        ))}
    </Section>
  );
}

/** The lead's audit trail of this journey: who read or changed it, or was refused, and when. Loaded on request (reading it is audited too). */
function AuditSection({ journey }: { journey: JourneyView }) {
  const [items, setItems] = useState<z.output<typeof AuditTrail>['items'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => api.get(AuditTrail, `/enrolments/${encodeURIComponent(journey.id)}/audit`).then((b) => setItems([...b.items].reverse()), setError);
  return (
    <Section title="Revisionsspor" id="audit" wide>
      <ErrorBanner error={error} />
      {items === null ? (
        <button type="button" onClick={() => void load()}>
          Vis revisionsspor
        </button>
      ) : (
        <table class="audit">
          <caption class="visually-hidden">Revisionsspor</caption>
          <thead>
            <tr>
              <th scope="col">Hvornår</th>
              <th scope="col">Hvem</th>
              <th scope="col">Handling</th>
              <th scope="col">Resultat</th>
            </tr>
          </thead>
          <tbody>
            {items.map((a) => (
              <tr>
                <td>{formatDateTime(a.at)}</td>
                <td>{a.actor}</td>
                <td>{auditText(a.action)}</td>
                <td>{a.outcome === 'allowed' ? 'Tilladt' : 'Afvist'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
