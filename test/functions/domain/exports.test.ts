import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../../functions/domain/exports/excel-csv.js';
import { ALL_MUNICIPALITIES, IndicatorAggregator, type IndicatorRow } from '../../../functions/domain/exports/indicators.js';
import { addMonths, panelRows, scoresAllowed, type PanelSource } from '../../../functions/domain/exports/panel.js';
import { isSmall, suppressedCells } from '../../../functions/domain/exports/suppression.js';
import { dueMonth } from '../../../functions/domain/exports/schedule.js';

const STAGES = ['screening', 'intake', 'preparatory-form', 'team-meeting', 'plan', 'follow-up', 'aftercare', 'closed'];
const TO = '2026-12';
const AS_OF = new Date('2026-12-15T12:00:00Z');

let n = 0;
/** A Brug for alle journey enrolled in `month`, screened `colour` a few days later, optionally with an outcome. */
function journey(municipality: string, month: string, colour: string | null, more: Partial<PanelSource> = {}): PanelSource {
  n++;
  const createdAt = `${month}-03T09:00:00Z`;
  const screenedAt = `${month}-10T09:00:00Z`;
  const screened = colour === null ? null : { colour, at: screenedAt };
  return {
    pseudonym: `p${n}`,
    municipality,
    template: 'brug-for-alle',
    templateVersion: 1,
    birthDate: '1990-05-01',
    createdAt,
    stage: colour === null ? 'screening' : colour === 'red' ? 'closed' : 'intake',
    stageEnteredAt: colour === null ? createdAt : screenedAt,
    baseline: screened,
    screening: screened,
    events: colour === null ? [] : [{ kind: 'screened', at: screenedAt }],
    appointments: [],
    plans: [],
    instruments: [],
    outcome: null,
    scoresAllowed: false,
    ...more,
  };
}

function aggregate(sources: PanelSource[]) {
  const aggregator = new IndicatorAggregator({ template: 'brug-for-alle', stages: STAGES, groups: ['green', 'orange', 'red', 'blue', 'unscreened'] }, TO, 0.5);
  for (const source of sources) aggregator.addJourney(source, panelRows(source, TO, AS_OF));
  return aggregator.table();
}

/** Ishøj with 30 citizens enrolled ten a month, Vallensbæk with 3. */
function programme(): PanelSource[] {
  const ishoj = ['2025-01', '2025-02', '2025-03'].flatMap((month) => Array.from({ length: 10 }, (_, i) => journey('0183', month, i < 5 ? 'green' : 'orange')));
  ishoj[0] = { ...ishoj[0]!, appointments: [{ startsAt: '2025-02-01T09:00:00Z', status: 'attended' }, { startsAt: '2025-02-08T09:00:00Z', status: 'no-show' }] };
  const vallensbaek = [
    journey('0187', '2025-02', 'green', { outcome: { outcome: 'education', date: '2025-08-01' }, appointments: [{ startsAt: '2025-02-20T09:00:00Z', status: 'attended' }] }),
    journey('0187', '2025-02', 'orange'),
    journey('0187', '2025-04', 'red'),
  ];
  return [...ishoj, ...vallensbaek];
}

const countColumns = (table: ReturnType<typeof aggregate>) => table.columns.filter((c) => c.kind === 'count').map((c) => c.column);
const cell = (row: IndicatorRow, column: string) => row.values[column] ?? null;

describe('small-cell suppression', () => {
  const table = aggregate(programme());
  const counts = countColumns(table);
  const rowsOf = (m: string) => table.rows.filter((r) => r.municipality === m);
  const row = (m: string, month: string) => table.rows.find((r) => r.municipality === m && r.month === month)!;

  it('has the small municipality in the table, with counts that would be small', () => {
    const small = rowsOf('0187');
    expect(small.length).toBe(24);
    // Its true enrolment is 3 by 2025-04: the table must not say so.
    expect(row('0187', '2025-06').values['enrolled']).toBeNull();
    expect(row('0187', '2025-06').suppressed).toContain('enrolled');
  });

  it('publishes no count of 1–4 in any cell', () => {
    for (const r of table.rows) for (const c of counts) expect(isSmall(cell(r, c) ?? 0), `${r.municipality} ${r.month} ${c}`).toBe(false);
  });

  it('reveals none of the 3-citizen municipality by any difference of two published cells of its rows or columns', () => {
    const small = rowsOf('0187');
    for (const r of small) {
      const published = counts.map((c) => cell(r, c)).filter((v): v is number => v !== null);
      for (const a of published) for (const b of published) expect(isSmall(Math.abs(a - b)), `row ${r.month}`).toBe(false);
    }
    for (const c of counts) {
      const published = small.map((r) => cell(r, c)).filter((v): v is number => v !== null);
      for (const a of published) for (const b of published) expect(isSmall(Math.abs(a - b)), `column ${c}`).toBe(false);
    }
  });

  it('reveals no municipality as the programme less the others', () => {
    for (const r of rowsOf(ALL_MUNICIPALITIES)) {
      for (const c of counts) {
        const all = cell(r, c);
        const ishoj = cell(row('0183', r.month), c);
        if (all !== null && ishoj !== null) expect(isSmall(all - ishoj), `${r.month} ${c}`).toBe(false);
      }
    }
  });

  it('reveals no count by a total less its published parts, or a month less the month before', () => {
    const groups = ['group_green', 'group_orange', 'group_red', 'group_blue', 'group_unscreened'];
    const stages = STAGES.map((s) => `stage_${s}`);
    const outcomes = ['outcome_job', 'outcome_education', 'outcome_match-improved', 'outcome_still-passive', 'outcome_permanent-support', 'outcome_exited'];
    for (const r of table.rows) {
      for (const [whole, parts] of [['enrolled', groups], ['enrolled', stages], ['outcomes', outcomes], ['enrolled', ['outcomes']], ['cohort', ['baseline_green', 'baseline_orange', 'baseline_red', 'baseline_blue']]] as const) {
        const total = cell(r, whole);
        if (total === null) continue;
        const rest = total - parts.reduce((s, p) => s + (cell(r, p) ?? 0), 0);
        expect(isSmall(rest), `${r.municipality} ${r.month} ${whole} less ${parts.join('+')}`).toBe(false);
      }
      const before = table.rows.find((x) => x.municipality === r.municipality && x.month === addMonths(r.month, -1));
      if (!before) continue;
      for (const c of ['enrolled', 'outcomes', 'jobOrEducation', 'stage_closed', 'group_red', 'withPlan']) {
        const [now, then] = [cell(r, c), cell(before, c)];
        if (now !== null && then !== null) expect(isSmall(now - then), `${r.municipality} ${r.month} ${c}`).toBe(false);
      }
    }
  });

  it('suppresses a rate built on a suppressed count, and leaves a published one', () => {
    const feb = row('0187', '2025-02');
    expect(feb.values['attendanceRate']).toBeNull();
    expect(feb.suppressed).toContain('attendanceRate');
  });

  it('publishes what is safe: the large municipality, at the cost of the programme’s row', () => {
    expect(row('0183', '2026-12').values['enrolled']).toBe(30);
    expect(row('0183', '2026-12').values['group_green']).toBe(15);
    expect(row('0183', '2025-02').values['newEnrolments']).toBe(10);
    expect(row(ALL_MUNICIPALITIES, '2026-12').values['enrolled']).toBeNull();
    expect(row(ALL_MUNICIPALITIES, '2026-12').values['goalJobOrEducationShare']).toBe(0.5);
  });
});

describe('suppressedCells', () => {
  it('hides a second part when one part alone would be the whole less the rest', () => {
    const values = new Map([['t', 20], ['a', 3], ['b', 10], ['c', 7]]);
    const out = suppressedCells(values, new Set(), [{ whole: 't', parts: ['a', 'b', 'c'] }]);
    expect([...out].sort()).toEqual(['a', 'c']);
  });
  it('hides the whole when no positive part is left to hide', () => {
    const values = new Map([['t', 3], ['a', 3], ['b', 0]]);
    expect([...suppressedCells(values, new Set(), [{ whole: 't', parts: ['a', 'b'] }])].sort()).toEqual(['a', 't']);
  });
  it('keeps hidden parts from adding up to a small count while the whole is published', () => {
    const values = new Map([['t', 30], ['a', 1], ['b', 2], ['c', 12], ['d', 15]]);
    const out = suppressedCells(values, new Set(), [{ whole: 't', parts: ['a', 'b', 'c', 'd'] }]);
    expect(out.has('c')).toBe(true);
    expect(out.has('t')).toBe(false);
  });
});

describe('panel rows', () => {
  it('has one row per month from enrolment to the last month, with the group and stage at each month’s end', () => {
    const source = journey('0183', '2026-10', 'orange');
    const rows = panelRows(source, TO, AS_OF);
    expect(rows.map((r) => [r.month, r.monthsSinceEnrolment, r.group, r.stage, r.ageBand])).toEqual([
      ['2026-10', 0, 'orange', 'intake', '35-39'],
      ['2026-11', 1, 'orange', 'intake', '35-39'],
      ['2026-12', 2, 'orange', 'intake', '35-39'],
    ]);
    expect(rows[2]!.daysInStage).toBe(66);
  });
  it('carries no instrument score without a consent of purpose evaluation', () => {
    const source = journey('0183', '2026-10', 'orange', { instruments: [{ instrument: 'PHQ-9', takenAt: '2026-10-20T10:00:00Z', score: 12 }] });
    expect(panelRows(source, TO, AS_OF).map((r) => r.latestPhq9)).toEqual([null, null, null]);
    expect(panelRows({ ...source, scoresAllowed: true }, TO, AS_OF).map((r) => r.latestPhq9)).toEqual([12, 12, 12]);
    expect(scoresAllowed([])).toBe(false);
    expect(scoresAllowed([{ purpose: 'evaluation', withdrawnAt: null }])).toBe(true);
    expect(scoresAllowed([{ purpose: 'evaluation', withdrawnAt: '2026-11-01T00:00:00Z' }])).toBe(false);
  });
});

describe('Danish Excel CSV', () => {
  it('separates by semicolon, writes a decimal comma and ends lines with CRLF', () => {
    expect(csvLine(['a', 1, 0.25, null])).toBe('a;1;0,25;\r\n');
  });
  it('prefixes text that Excel would read as a formula, not numbers', () => {
    expect(['=SUM(A1)', '+45', '-x', '@me', 'ok'].map(csvCell)).toEqual(["'=SUM(A1)", "'+45", "'-x", "'@me", 'ok']);
    expect(csvCell(-3)).toBe('-3');
  });
  it('quotes a cell holding the separator or a quote', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('the month a schedule is due for', () => {
  it('is this month once its day has come, else the month before (a missed day is made up)', () => {
    expect(dueMonth('2026-12-28', 28)).toBe('2026-12');
    expect(dueMonth('2026-12-27', 28)).toBe('2026-11');
    expect(dueMonth('2027-01-03', 28)).toBe('2026-12');
  });
});
