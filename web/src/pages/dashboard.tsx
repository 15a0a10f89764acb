import type { z } from 'zod';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChartConfiguration } from 'chart.js';
import { Indicators } from '../../../functions/contract/exports.js';
import { api } from '../api.js';
import { addMonths, COLOURS, formatMonth, municipalityName } from '../format.js';
import type { Session } from '../session.js';
import { ErrorBanner, Loading, Section } from '../ui.js';

type IndicatorsView = z.output<typeof Indicators>;
type Row = IndicatorsView['rows'][number];

const ALL = 'alle';
const GROUP_COLOURS: Record<string, string> = { green: '#2e7d4f', orange: '#c76a00', red: '#b3261e', blue: '#1f5fa8' };
const SUPPRESSED = 'skjult';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${Math.round(v * 100)} %`);

/** A number of the table, or why it is not shown. */
function Cell({ row, column, format = (v: number) => String(v) }: { row: Row | undefined; column: string; format?: (v: number) => string }) {
  if (!row) return <td>—</td>;
  const v = row.values[column];
  if (row.suppressed.includes(column)) return <td class="suppressed">{SUPPRESSED}</td>;
  return <td>{v === null || v === undefined ? '—' : format(v)}</td>;
}

/** A chart drawn by chart.js on a canvas; the numbers are in the table beside it, for those who cannot see it. */
function ChartCanvas({ config, label }: { config: ChartConfiguration; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    // chart.js comes as its own chunk: the other pages do not load it.
    void import('../charts.js').then(({ Chart }) => {
      if (!cancelled) chart = new Chart(canvas.current!, { ...config, options: { ...config.options, animation: false, responsive: true, maintainAspectRatio: true } });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [JSON.stringify(config.data)]);
  return <canvas ref={canvas} role="img" aria-label={label} />;
}

/**
 * The steering group's dashboard: the funnel from screening to outcome, the share in job or education by month
 * against the programme's goal, and baseline against twelve months later — per municipality, as charts with
 * their numbers in a table beside each. Small counts are hidden exactly as in the exports.
 */
export function DashboardPage({ session }: { session: Session }) {
  const programme = session.programme;
  const [data, setData] = useState<IndicatorsView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [municipality, setMunicipality] = useState(ALL);

  useEffect(() => {
    if (!programme) return;
    setData(null);
    api.get(Indicators, `/programmes/${programme.id}/indicators`).then(setData, setError);
  }, [programme?.id]);

  if (!programme) return <p>Du er ikke tilknyttet et program.</p>;
  if (error) return <ErrorBanner error={error} />;
  if (!data) return <Loading />;

  // The template's groups, as the indicators name them (`baseline_green`, …).
  const groups = data.columns.filter((c) => c.column.startsWith('baseline_')).map((c) => c.column.slice('baseline_'.length));
  const rows = data.rows.filter((r) => r.municipality === municipality);
  const last = rows.at(-1);
  const months = rows.map((r) => r.month);
  const municipalities = [...new Set(data.rows.map((r) => r.municipality))];
  const value = (row: Row | undefined, column: string) => (row && !row.suppressed.includes(column) ? (row.values[column] ?? null) : null);

  const funnel: [string, string][] = [
    ['enrolled', 'Indskrevet'],
    ['screened', 'Screenet'],
    ['withPlan', 'Med indsatsplan'],
    ['outcomes', 'Med resultat'],
    ['jobOrEducation', 'I job eller uddannelse'],
  ];
  const screened = (row: Row | undefined) => {
    const enrolled = value(row, 'enrolled');
    const unscreened = value(row, 'group_unscreened');
    return enrolled === null || unscreened === null ? null : enrolled - unscreened;
  };
  const funnelValue = (column: string) => (column === 'screened' ? screened(last) : value(last, column));

  // Cohorts whose twelve months have passed: the baseline colours and the colours a year later, summed where none is hidden.
  const cohorts = rows.filter((r) => r.values['after12_green'] !== null || r.suppressed.some((c) => c.startsWith('after12_')));
  const sum = (column: string) => (cohorts.some((r) => r.suppressed.includes(column)) || cohorts.length === 0 ? null : cohorts.reduce((s, r) => s + (r.values[column] ?? 0), 0));

  return (
    <>
      <h1>Styring — {programme.name}</h1>
      <p>
        Tal pr. kommune og måned. Tal under 5 og tal, som små tal kunne regnes ud af, er skjult (<em>{SUPPRESSED}</em>). Programmets mål: mindst {pct(data.goal)} af borgerne med et resultat i job eller uddannelse.
      </p>
      <label>
        Kommune{' '}
        <select value={municipality} onChange={(e) => setMunicipality(e.currentTarget.value)}>
          {municipalities.map((m) => (
            <option value={m}>{m === ALL ? 'Hele programmet' : municipalityName(m)}</option>
          ))}
        </select>
      </label>
      <div class="dashboard-grid">
        <Section title={`Fra screening til resultat${last ? ` (${formatMonth(last.month)})` : ''}`} id="funnel">
          <div class="chart-with-table">
            <ChartCanvas
              label="Søjlediagram: borgere fra indskrivning til resultat"
              config={{ type: 'bar', data: { labels: funnel.map(([, l]) => l), datasets: [{ label: 'Borgere', data: funnel.map(([c]) => funnelValue(c)), backgroundColor: '#1f5fa8' }] }, options: { plugins: { legend: { display: false } } } }}
            />
            <table>
              <caption>Borgere ved månedens udgang</caption>
              <thead>
                <tr>
                  <th scope="col">Trin</th>
                  <th scope="col">Borgere</th>
                </tr>
              </thead>
              <tbody>
                {funnel.map(([column, text]) => (
                  <tr>
                    <th scope="row">{text}</th>
                    {column === 'screened' ? <td class={screened(last) === null ? 'suppressed' : ''}>{screened(last) ?? SUPPRESSED}</td> : <Cell row={last} column={column} />}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
        <Section title="Andel i job eller uddannelse mod målet" id="goal">
          <div class="chart-with-table">
            <ChartCanvas
              label="Linjediagram: andel i job eller uddannelse pr. måned mod programmets mål"
              config={{
                type: 'line',
                data: {
                  labels: months.map(formatMonth),
                  datasets: [
                    { label: 'Andel i job eller uddannelse', data: rows.map((r) => value(r, 'jobOrEducationShare')), borderColor: '#1f5fa8', spanGaps: false },
                    { label: 'Mål', data: rows.map(() => data.goal), borderColor: '#8a6100', borderDash: [6, 4], pointRadius: 0 },
                  ],
                },
                options: { scales: { y: { min: 0, max: 1 } } },
              }}
            />
            <table>
              <caption>Pr. måned</caption>
              <thead>
                <tr>
                  <th scope="col">Måned</th>
                  <th scope="col">Indskrevne</th>
                  <th scope="col">Med resultat</th>
                  <th scope="col">Job/uddannelse</th>
                  <th scope="col">Mål</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(-12).map((r) => (
                  <tr>
                    <th scope="row">{formatMonth(r.month)}</th>
                    <Cell row={r} column="enrolled" />
                    <Cell row={r} column="outcomes" />
                    <Cell row={r} column="jobOrEducationShare" format={pct} />
                    <td>{pct(data.goal)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
        <Section title="Baseline og tolv måneder efter" id="baseline">
          <div class="chart-with-table">
            <ChartCanvas
              label="Søjlediagram: farver ved første screening og tolv måneder efter"
              config={{
                type: 'bar',
                data: {
                  labels: groups.map((g) => COLOURS[g] ?? g),
                  datasets: [
                    { label: 'Ved baseline', data: groups.map((g) => sum(`baseline_${g}`)), backgroundColor: groups.map((g) => GROUP_COLOURS[g] ?? '#1f5fa8') },
                    { label: 'Tolv måneder efter', data: groups.map((g) => sum(`after12_${g}`)), backgroundColor: '#6b7a8a' },
                  ],
                },
              }}
            />
            <table>
              <caption>
                {cohorts.length === 0 ? 'Ingen borgere er screenet for mere end tolv måneder siden' : `Borgere screenet ${formatMonth(cohorts[0]!.month)}–${formatMonth(cohorts.at(-1)!.month)}, til og med ${formatMonth(addMonths(cohorts.at(-1)!.month, 12))}`}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Farve</th>
                  <th scope="col">Ved baseline</th>
                  <th scope="col">Tolv måneder efter</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr>
                    <th scope="row">{COLOURS[g]}</th>
                    <td class={sum(`baseline_${g}`) === null ? 'suppressed' : ''}>{sum(`baseline_${g}`) ?? (cohorts.length ? SUPPRESSED : '—')}</td>
                    <td class={sum(`after12_${g}`) === null ? 'suppressed' : ''}>{sum(`after12_${g}`) ?? (cohorts.length ? SUPPRESSED : '—')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      </div>
    </>
  );
}
