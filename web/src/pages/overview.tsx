import type { z } from 'zod';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Overview, OverviewItem } from '../../../functions/contract/schemas.js';
import { api, query } from '../api.js';
import { COLOURS, label, municipalityName, OVERDUE_KINDS, STAGE_ORDER, STAGE_ORDERS, STAGES, withWeek } from '../format.js';
import { navigate } from '../main.js';
import { has, type Session } from '../session.js';
import { ColourBadge, ErrorBanner, Field, fieldError, Loading } from '../ui.js';
import { YouthCounts } from './coordination.js';
import { EnrolSection, ImportSection } from './import.js';

type Item = z.output<typeof OverviewItem>;
type Counts = z.output<typeof Overview>['counts'];

const FILTERS = ['colour', 'stage', 'municipality', 'overdue', 'cpr'] as const;
let firstRenderMarked = false;

function overviewUrl(programmeId: string, params: URLSearchParams, cursor?: string): string {
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? '']));
  return `/programmes/${programmeId}/enrolments${query({ ...filters, overdue: filters.overdue === 'true' ? 'true' : '', cursor })}`;
}

/** A first page asked for at start-up, used once by the page that would have asked for the same. */
const prefetched = new Map<string, Promise<z.output<typeof Overview>>>();
export function prefetchOverview(programmeId: string, params: URLSearchParams): void {
  const url = overviewUrl(programmeId, params);
  const page = api.get(Overview, url);
  page.catch(() => {}); // the page asks again and shows the error itself
  prefetched.set(url, page);
}
function firstPage(url: string): Promise<z.output<typeof Overview>> {
  const hit = prefetched.get(url);
  prefetched.clear();
  return hit?.catch(() => api.get(Overview, url)) ?? api.get(Overview, url);
}

/** The coordinator's overview: every citizen of the programme, filtered in the URL, paged by the API's cursor. */
export function OverviewPage({ session, params }: { session: Session; params: URLSearchParams }) {
  const programme = session.programme;
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const key = `${programme?.id}|${FILTERS.map((f) => filters[f]).join('|')}`;
  const [items, setItems] = useState<Item[] | null>(null);
  const [counts, setCounts] = useState<Counts | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [cpr, setCpr] = useState(filters.cpr);
  const loadedKey = useRef('');
  // Bumped after an import, to show the citizens it made.
  const [version, setVersion] = useState(0);

  const url = (c?: string) => overviewUrl(programme!.id, params, c);

  useEffect(() => {
    if (!programme) return;
    let cancelled = false;
    setError(null);
    setItems(null);
    firstPage(url()).then(
      (page) => {
        if (cancelled) return;
        loadedKey.current = key;
        setItems(page.items);
        setCounts(page.counts);
        setCursor(page.cursor);
      },
      (e) => !cancelled && (setError(e), setItems([])),
    );
    return () => {
      cancelled = true;
    };
  }, [key, version]);

  useEffect(() => {
    if (items && !firstRenderMarked) {
      firstRenderMarked = true;
      performance.mark('overview-rendered');
    }
  }, [items]);

  if (!programme) return <p>Du er ikke tilknyttet et program.</p>;

  function setFilter(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(`#/oversigt${next.toString() ? `?${next.toString()}` : ''}`);
  }

  async function more() {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await api.get(Overview, url(cursor));
      setItems([...(items ?? []), ...page.items]);
      setCursor(page.cursor);
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  }

  const total = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : 0;
  const filtered = Boolean(filters.colour || filters.stage || filters.municipality || filters.overdue || filters.cpr);
  // A template grouped by stage (Gennem Job til Uddannelse) counts and filters by stage and has no colours.
  const stageGroups = STAGE_ORDERS[programme.template];
  return (
    <>
      <h1>Overblik — {programme.name}</h1>
      {counts && stageGroups && (
        <ul class="counts" aria-label="Antal unge pr. fase">
          {Object.keys(counts).map((stage) => (
            <li>
              <button type="button" class="count" aria-pressed={filters.stage === stage} onClick={() => setFilter('stage', filters.stage === stage ? '' : stage)}>
                <span class="count-number">{counts[stage]}</span> {label(STAGES, stage)}
              </button>
            </li>
          ))}
          <li class="count-total">I gang {total}</li>
        </ul>
      )}
      {counts && !stageGroups && programme.template === 'youth-coordination' ? (
        <YouthCounts counts={counts} />
      ) : counts && !stageGroups && (
        <ul class="counts" aria-label="Antal borgere pr. farve">
          {(['green', 'orange', 'red', 'blue', 'unscreened'] as const).map((c) => (
            <li>
              <button type="button" class={`count colour-${c}`} aria-pressed={filters.colour === c} onClick={() => setFilter('colour', filters.colour === c ? '' : c)}>
                <span class="count-number">{counts[c]}</span> {COLOURS[c]}
              </button>
            </li>
          ))}
          <li class="count-total">I alt {total}</li>
        </ul>
      )}
      <form class="filters" aria-label="Filtre" onSubmit={(e) => (e.preventDefault(), setFilter('cpr', cpr.trim()))}>
        {!stageGroups && (
          <Field label="Farve">
            {(p) => (
              <select {...p} value={filters.colour} onChange={(e) => setFilter('colour', e.currentTarget.value)}>
                <option value="">Alle</option>
                {Object.entries(COLOURS).map(([k, v]) => (
                  <option value={k}>{v}</option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label="Fase">
          {(p) => (
            <select {...p} value={filters.stage} onChange={(e) => setFilter('stage', e.currentTarget.value)}>
              <option value="">Alle</option>
              {(stageGroups ?? STAGE_ORDER).map((s) => (
                <option value={s}>{STAGES[s]}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Kommune">
          {(p) => (
            <select {...p} value={filters.municipality} onChange={(e) => setFilter('municipality', e.currentTarget.value)}>
              <option value="">Alle</option>
              {programme.municipalities
                .filter((m) => session.me.municipalities.includes(m))
                .map((m) => (
                  <option value={m}>{municipalityName(m)}</option>
                ))}
            </select>
          )}
        </Field>
        <div class="field checkbox">
          <label>
            <input type="checkbox" checked={filters.overdue === 'true'} onChange={(e) => setFilter('overdue', e.currentTarget.checked ? 'true' : '')} /> Kun overskredne
          </label>
        </div>
        <Field label="Søg på CPR-nummer" error={fieldError(error, 'cpr')}>
          {(p) => <input {...p} name="cpr" inputMode="numeric" autoComplete="off" placeholder="DDMMÅÅ-LLLL" value={cpr} onInput={(e) => setCpr(e.currentTarget.value)} />}
        </Field>
        <div class="filter-actions">
          <button type="submit">Søg</button>
          {filters.cpr && (
            <button type="button" onClick={() => (setCpr(''), setFilter('cpr', ''))}>
              Ryd søgning
            </button>
          )}
        </div>
      </form>
      {error && !fieldError(error, 'cpr') ? <ErrorBanner error={error} /> : null}
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        // A refused search says why at its field; "nobody matches" would be wrong then.
        error ? null : <p class="empty">Ingen borgere matcher.</p>
      ) : (
        <table class="overview">
          <caption class="visually-hidden">Borgere i programmet</caption>
          <thead>
            <tr>
              <th scope="col">Navn</th>
              <th scope="col">CPR</th>
              <th scope="col">Kommune</th>
              {!stageGroups && <th scope="col">Farve</th>}
              <th scope="col">Fase</th>
              <th scope="col">{stageGroups ? 'Kontaktperson' : 'Tovholder'}</th>
              <th scope="col">Næste frist</th>
              <th scope="col">Overskredet</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} class={i.overdue.length ? 'is-overdue' : undefined}>
                <td>
                  <a href={`#/borger/${i.id}`}>{i.name}</a>
                  {i.repeater && <span class="badge repeater-badge"> Gentager</span>}
                </td>
                <td>{i.cprMasked}</td>
                <td>{municipalityName(i.municipality)}</td>
                {!stageGroups && (
                  <td>
                    <ColourBadge colour={i.colour} />
                  </td>
                )}
                <td>{label(STAGES, i.stage)}</td>
                <td>{stageGroups ? (i.contactPerson?.name ?? '—') : (i.primaryTovholder?.name ?? <span class="missing">Mangler</span>)}</td>
                <td>{withWeek(i.nextDeadline)}</td>
                <td>{i.overdue.length ? i.overdue.map((o) => `${label(OVERDUE_KINDS, o.kind)} (${withWeek(o.dueAt)})`).join(', ') : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {items && (
        <p class="paging" aria-live="polite">
          Viser {items.length}
          {filtered ? '' : ` af ${total}`} {(filtered ? items.length : total) === 1 ? 'borger' : 'borgere'}.{' '}
          {cursor && (
            <button type="button" onClick={() => void more()} disabled={loadingMore}>
              Vis flere
            </button>
          )}
        </p>
      )}
      {has(session, 'lead') && <EnrolSection programme={programme} session={session} />}
      {has(session, 'lead') && <ImportSection programme={programme} onImported={() => setVersion((v) => v + 1)} />}
    </>
  );
}
