import { useEffect, useState } from 'preact/hooks';
import { api, ApiProblem } from '../api.js';
import { addMonths, DOMAINS, formatDate, formatMonth, label, thisMonth } from '../format.js';
import { has } from '../session.js';
import { OfferList, PlanResult, type Offer } from '../../../functions/contract/plan.js';
import { ErrorBanner, Field, fieldError, Section } from '../ui.js';
import type { SectionProps } from './citizen.js';

/** One intervention as the editor holds it: every field a string the person is typing. */
interface InterventionView {
  id?: string | undefined;
  domain: string;
  title: string;
  offerId?: string | null | undefined;
  responsible: string;
  startMonth: string;
  endMonth?: string | null | undefined;
  mode: string;
  goalKind: string;
  goal: string;
}
/** The editor's draft, with the plan version it was started from. */
type Draft = { base: number | null; goal: string; citizenAgreed: boolean; interventions: InterventionView[] };

const MODES: Record<string, string> = { individual: 'Individuelt', group: 'Hold' };
const GOAL_KINDS: Record<string, string> = { outcome: 'Resultatmål', motivation: 'Motivationsmål' };
const blank = (month: string): InterventionView => ({ domain: 'employment', title: '', responsible: '', startMonth: month, endMonth: '', mode: 'individual', goalKind: 'outcome', goal: '' });
const draftKey = (id: string) => `forlob.plan-draft.${id}`;

/** The months the grid spans: from the earliest start to the latest end, at least six. */
function monthsOf(interventions: InterventionView[]): string[] {
  const starts = interventions.map((i) => i.startMonth).filter(Boolean).sort();
  const ends = interventions.map((i) => i.endMonth || i.startMonth).filter(Boolean).sort();
  const first = starts[0] ?? thisMonth();
  let last = ends[ends.length - 1] ?? first;
  if (last < addMonths(first, 5)) last = addMonths(first, 5);
  const months: string[] = [];
  for (let m = first; m <= last && months.length < 36; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** Interventions by month, so that parallel ones are visible side by side. */
export function MonthGrid({ interventions, offers = [] }: { interventions: InterventionView[]; offers?: Offer[] }) {
  if (interventions.length === 0) return <p class="empty">Ingen indsatser.</p>;
  const months = monthsOf(interventions);
  const now = thisMonth();
  return (
    <div class="month-grid">
      <table>
        <caption class="visually-hidden">Indsatser pr. måned</caption>
        <thead>
          <tr>
            <th scope="col">Indsats</th>
            {months.map((m) => (
              <th scope="col" class={m === now ? 'now' : undefined}>
                {formatMonth(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {interventions.map((i) => (
            <tr>
              <th scope="row">
                {i.title || '(uden titel)'} <span class="hint">· {label(DOMAINS, i.domain)} · {i.responsible}</span>
                {i.offerId && <span class="offer"> · Tilbud: {offers.find((o) => o.id === i.offerId)?.name ?? 'fra kataloget'}</span>}
              </th>
              {months.map((m) => {
                const on = m >= i.startMonth && m <= (i.endMonth || i.startMonth);
                return (
                  <td class={on ? `on domain-${i.domain}` : undefined}>
                    <span class="visually-hidden">{on ? 'aktiv' : ''}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The plan (indsatsplan): its month grid and the editor, with optimistic concurrency on `version`. */
export function PlanSection({ journey, session, onSaved }: SectionProps) {
  const plan = journey.plan;
  const [draft, setDraft] = useState<Draft | null>(() => {
    const stored = sessionStorage.getItem(draftKey(journey.id));
    return stored ? (JSON.parse(stored) as Draft) : null;
  });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const canEdit = has(session, 'lead', 'tovholder', 'care-manager') && journey.stage !== 'closed';
  const conflict = error instanceof ApiProblem && error.code === 'conflict';
  const [offers, setOffers] = useState<Offer[]>([]);
  useEffect(() => {
    api.get(OfferList, '/offers').then((b) => setOffers(b.items), () => setOffers([]));
  }, []);

  // Nothing typed is lost: the draft lives in session storage until it is saved or discarded.
  useEffect(() => {
    if (draft) sessionStorage.setItem(draftKey(journey.id), JSON.stringify(draft));
    else sessionStorage.removeItem(draftKey(journey.id));
  }, [draft]);

  function startEditing() {
    setSaved(false);
    setError(null);
    setDraft(plan ? { base: plan.version, goal: plan.goal, citizenAgreed: plan.citizenAgreed, interventions: plan.interventions.map((i) => ({ ...i })) } : { base: null, goal: '', citizenAgreed: false, interventions: [blank(thisMonth())] });
  }

  async function save(version: number | null) {
    if (!draft) return;
    if (version !== draft.base) setDraft({ ...draft, base: version });
    setBusy(true);
    setError(null);
    try {
      await api.put(PlanResult, `/enrolments/${journey.id}/plan`, {
        ...(version !== null ? { version } : {}),
        goal: draft.goal,
        citizenAgreed: draft.citizenAgreed,
        interventions: draft.interventions.map((i) => {
          const { endMonth, offerId, ...rest } = i;
          return { ...rest, ...(endMonth ? { endMonth } : {}), ...(offerId ? { offerId } : {}) };
        }),
      });
      setDraft(null);
      setSaved(true);
      onSaved();
    } catch (err) {
      setError(err);
      if (err instanceof ApiProblem && err.code === 'conflict') onSaved(); // fetch the version someone else saved
    } finally {
      setBusy(false);
    }
  }

  const update = (i: number, patch: Partial<InterventionView>) =>
    draft && setDraft({ ...draft, interventions: draft.interventions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });

  return (
    <Section
      title="Indsatsplan"
      id="plan"
      wide
      actions={
        canEdit && !draft ? (
          <button type="button" onClick={startEditing}>
            {plan ? 'Redigér plan' : 'Opret plan'}
          </button>
        ) : undefined
      }
    >
      {journey.teamMeetingItems.some((i) => i.recommendations.length) && (
        <div class="recommendations">
          <h3>Teamets anbefalinger</h3>
          <ul>
            {journey.teamMeetingItems.flatMap((i) =>
              i.recommendations.map((r) => (
                <li>
                  {label(DOMAINS, r.domain)}: {r.text} <span class="hint">(teammøde {formatDate(i.startsAt)})</span>
                </li>
              )),
            )}
          </ul>
        </div>
      )}
      {plan ? (
        <>
          <p>
            <strong>Mål:</strong> {plan.goal} · {plan.citizenAgreed ? 'Borgeren er enig' : 'Borgeren har ikke tilsluttet sig'} · version {plan.version}
          </p>
          <MonthGrid interventions={plan.interventions} offers={offers} />
        </>
      ) : (
        <p class="empty">Der er ingen indsatsplan endnu.</p>
      )}
      {saved && (
        <p role="status" class="saved">
          Planen er gemt.
        </p>
      )}
      {draft && (
        <form
          class="plan-editor"
          aria-label="Redigér indsatsplan"
          onSubmit={(e) => {
            e.preventDefault();
            void save(draft.base);
          }}
        >
          <h3>Din udgave af planen</h3>
          {conflict ? (
            <div class="conflict" role="alert">
              <p>
                <strong>En anden har gemt planen, mens du redigerede</strong>
                {plan ? ` (nu version ${plan.version})` : ''}. Din udgave er ikke gemt, men intet af det, du har skrevet, er gået tabt: den står herunder, og den
                gemte udgave står ovenfor.
              </p>
              <div class="actions">
                <button type="button" class="primary" disabled={busy || !plan} onClick={() => void save(plan?.version ?? null)}>
                  Gem min udgave oven på den nye
                </button>
                <button type="button" onClick={() => (setDraft(null), setError(null))}>
                  Kassér min udgave
                </button>
              </div>
            </div>
          ) : (
            <ErrorBanner error={error} />
          )}
          <Field label="Overordnet mål" error={fieldError(error, 'goal')}>
            {(p) => <textarea {...p} rows={2} value={draft.goal} onInput={(e) => setDraft({ ...draft, goal: e.currentTarget.value })} />}
          </Field>
          <div class="field checkbox">
            <label>
              <input type="checkbox" checked={draft.citizenAgreed} onChange={(e) => setDraft({ ...draft, citizenAgreed: e.currentTarget.checked })} /> Borgeren er enig i planen
            </label>
          </div>
          {draft.interventions.map((i, n) => (
            <fieldset class="intervention">
              <legend>Indsats {n + 1}</legend>
              <div class="row">
                <Field label="Titel" error={fieldError(error, `interventions.${n}.title`)}>
                  {(p) => <input {...p} value={i.title} onInput={(e) => update(n, { title: e.currentTarget.value })} />}
                </Field>
                <Field label="Område" error={fieldError(error, `interventions.${n}.domain`)}>
                  {(p) => (
                    <select {...p} value={i.domain} onChange={(e) => update(n, { domain: e.currentTarget.value })}>
                      {Object.entries(DOMAINS).map(([k, v]) => (
                        <option value={k}>{v}</option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="Tilbud fra kataloget" error={fieldError(error, `interventions.${n}.offerId`)}>
                  {(p) => (
                    <select
                      {...p}
                      value={i.offerId ?? ''}
                      onChange={(e) => {
                        const offer = offers.find((o) => o.id === e.currentTarget.value);
                        // Choosing an offer fills in what is still empty: its name as the title, its provider as responsible.
                        update(n, offer ? { offerId: offer.id, domain: offer.domain, title: i.title || offer.name, responsible: i.responsible || offer.provider } : { offerId: null });
                      }}
                    >
                      <option value="">Intet tilbud</option>
                      {offers.map((o) => (
                        <option value={o.id}>
                          {o.name} ({o.provider})
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="Ansvarlig" error={fieldError(error, `interventions.${n}.responsible`)}>
                  {(p) => <input {...p} value={i.responsible} onInput={(e) => update(n, { responsible: e.currentTarget.value })} />}
                </Field>
                <Field label="Fra måned" error={fieldError(error, `interventions.${n}.startMonth`)}>
                  {(p) => <input {...p} type="month" value={i.startMonth} onInput={(e) => update(n, { startMonth: e.currentTarget.value })} />}
                </Field>
                <Field label="Til måned" error={fieldError(error, `interventions.${n}.endMonth`)}>
                  {(p) => <input {...p} type="month" value={i.endMonth ?? ''} onInput={(e) => update(n, { endMonth: e.currentTarget.value })} />}
                </Field>
                <Field label="Form" error={fieldError(error, `interventions.${n}.mode`)}>
                  {(p) => (
                    <select {...p} value={i.mode} onChange={(e) => update(n, { mode: e.currentTarget.value })}>
                      {Object.entries(MODES).map(([k, v]) => (
                        <option value={k}>{v}</option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field label="Måltype" error={fieldError(error, `interventions.${n}.goalKind`)}>
                  {(p) => (
                    <select {...p} value={i.goalKind} onChange={(e) => update(n, { goalKind: e.currentTarget.value })}>
                      {Object.entries(GOAL_KINDS).map(([k, v]) => (
                        <option value={k}>{v}</option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              <Field label="Mål for indsatsen" error={fieldError(error, `interventions.${n}.goal`)}>
                {(p) => <input {...p} value={i.goal} onInput={(e) => update(n, { goal: e.currentTarget.value })} />}
              </Field>
              <button type="button" class="danger" onClick={() => setDraft({ ...draft, interventions: draft.interventions.filter((_, j) => j !== n) })}>
                Fjern indsats {n + 1}
              </button>
            </fieldset>
          ))}
          {fieldError(error, 'interventions') && !draft.interventions.length && <p class="field-error">{fieldError(error, 'interventions')}</p>}
          <div class="actions">
            <button type="button" onClick={() => setDraft({ ...draft, interventions: [...draft.interventions, blank(draft.interventions.at(-1)?.startMonth || thisMonth())] })}>
              Tilføj indsats
            </button>
            {!conflict && (
              <>
                <button type="submit" class="primary" disabled={busy}>
                  Gem plan
                </button>
                <button type="button" onClick={() => (setDraft(null), setError(null))}>
                  Annullér
                </button>
              </>
            )}
          </div>
          <h3>Forhåndsvisning</h3>
          <MonthGrid interventions={draft.interventions} offers={offers} />
        </form>
      )}
    </Section>
  );
}
