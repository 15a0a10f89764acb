import { addMonths, JOB_OR_EDUCATION, monthRange, OUTCOME_KINDS, type PanelRow, type PanelSource } from './panel.js';
import { suppressedCells, type Relation } from './suppression.js';
import { indicatorsOf, type OwnIndicator } from './templates.js';

/*
 * The indicators per programme × municipality × month (shared/api.md v2), aggregated from the panel rows as
 * they stream by, then suppressed. The municipality `ALL` is the programme as a whole. Counts are of citizens
 * unless the column says appointments; rates are shares (0–1) of two counts.
 */

export const ALL_MUNICIPALITIES = 'alle';

/** What of a template the indicator table is laid out by: its stages (every track's) and its groups. */
export interface TemplateShape {
  template: string;
  stages: readonly string[];
  groups: readonly string[];
}

/** The groups a journey is placed in (Brug for alle's colours), without the one for not yet placed. */
const placedGroups = (shape: TemplateShape) => shape.groups.filter((g) => g !== indicatorsOf(shape.template).ungrouped);

export interface IndicatorColumn {
  column: string;
  kind: 'count' | 'rate' | 'goal';
  unit: 'citizens' | 'appointments' | 'share';
  da: string;
  en: string;
  /** A count by the end of the month, never less the month after: the month-to-month difference is a count too. */
  cumulative?: boolean;
}

const GROUP_DA: Record<string, string> = { green: 'grøn', orange: 'orange', red: 'rød', blue: 'blå', unscreened: 'ikke screenet' };
const STAGE_DA: Record<string, string> = {
  screening: 'screening',
  intake: 'indledende samtale',
  'preparatory-form': 'forberedelsesskema',
  'team-meeting': 'tværfagligt møde',
  plan: 'indsatsplan',
  'follow-up': 'opfølgning',
  aftercare: 'efterværn',
  closed: 'afsluttet',
};
const OUTCOME_DA: Record<string, string> = {
  job: 'job',
  education: 'uddannelse',
  'match-improved': 'forbedret matchgruppe',
  'still-passive': 'fortsat passiv',
  'permanent-support': 'varig forsørgelse',
  exited: 'udtrådt',
};

const count = (column: string, da: string, en: string, cumulative = false, unit: IndicatorColumn['unit'] = 'citizens'): IndicatorColumn => ({ column, kind: 'count', unit, da, en, cumulative });

/** The columns of the indicator table of a template: those every template shares, then the template's own. */
export function indicatorColumns(shape: TemplateShape): IndicatorColumn[] {
  const { template, stages } = shape;
  const hook = indicatorsOf(template);
  const placed = placedGroups(shape);
  const da = (g: string) => GROUP_DA[g] ?? g;
  return [
    count('enrolled', 'Indskrevne borgere ved månedens udgang', 'Citizens enrolled by the end of the month', true),
    count('newEnrolments', 'Borgere indskrevet i måneden', 'Citizens enrolled during the month'),
    ...shape.groups.map((g) => count(`group_${g}`, `Borgere i gruppen ${da(g)} ved månedens udgang`, `Citizens in group ${g} at the end of the month`, hook.cumulative.includes(`group_${g}`))),
    ...stages.map((s) => count(`stage_${s}`, `Borgere i trinnet ${STAGE_DA[s] ?? s} ved månedens udgang`, `Citizens at stage ${s} at the end of the month`, hook.cumulative.includes(`stage_${s}`))),
    count('appointmentsBooked', 'Aftaler i måneden (ikke aflyste)', 'Appointments in the month (not cancelled)', false, 'appointments'),
    count('appointmentsAttended', 'Aftaler i måneden, hvor borgeren mødte', 'Appointments in the month the citizen attended', false, 'appointments'),
    count('noShows', 'Aftaler i måneden, hvor borgeren udeblev', 'Appointments in the month the citizen missed', false, 'appointments'),
    { column: 'attendanceRate', kind: 'rate', unit: 'share', da: 'Fremmøde: mødt / (mødt + udeblevet)', en: 'Attendance: attended / (attended + no-shows)' },
    ...OUTCOME_KINDS.map((o) => count(`outcome_${o}`, `Borgere med resultatet ${OUTCOME_DA[o]} ved månedens udgang`, `Citizens with outcome ${o} by the end of the month`, true)),
    count('outcomes', 'Borgere med et resultat ved månedens udgang', 'Citizens with an outcome by the end of the month', true),
    count('jobOrEducation', 'Borgere i job eller uddannelse ved månedens udgang', 'Citizens with outcome job or education by the end of the month', true),
    { column: 'jobOrEducationShare', kind: 'rate', unit: 'share', da: 'Andel i job eller uddannelse af dem med et resultat', en: 'Share in job or education of those with an outcome' },
    { column: 'goalJobOrEducationShare', kind: 'goal', unit: 'share', da: 'Programmets mål: andel i job eller uddannelse', en: "The programme's goal: share in job or education" },
    { column: 'goalProgress', kind: 'rate', unit: 'share', da: 'Andel i job eller uddannelse i forhold til målet (1 = nået)', en: 'Share in job or education against the goal (1 = reached)' },
    count('cohort', 'Borgere første gang placeret i en gruppe i måneden (baseline-kohorte)', 'Citizens first placed in a group in the month (baseline cohort)'),
    ...placed.map((g) => count(`baseline_${g}`, `Kohortens borgere screenet ${da(g)} ved baseline`, `Cohort citizens screened ${g} at baseline`)),
    ...placed.map((g) => count(`after12_${g}`, `Kohortens borgere i gruppen ${da(g)} tolv måneder efter`, `Cohort citizens in group ${g} twelve months later`)),
    count('after12_jobOrEducation', 'Kohortens borgere i job eller uddannelse tolv måneder efter', 'Cohort citizens in job or education twelve months later'),
    ...indicatorsOf(template).own.map((o) => count(o.column, o.da, o.en, o.cumulative)),
  ];
}

export interface IndicatorRow {
  municipality: string;
  month: string;
  values: Record<string, number | null>;
  /** The columns left empty so that no count of 1–4 can be read from the table. */
  suppressed: string[];
}

export interface IndicatorTable {
  columns: IndicatorColumn[];
  goal: number;
  rows: IndicatorRow[];
}

type Counts = Map<string, number>;

/** Aggregates the panel rows of a programme's journeys, one journey at a time; memory grows with municipalities × months only. */
export class IndicatorAggregator {
  private readonly counts: Counts = new Map();
  private readonly municipalities = new Set<string>();
  private firstMonth: string | undefined;
  private readonly own: OwnIndicator[];

  constructor(
    private readonly shape: TemplateShape,
    /** The last month of the export. */
    private readonly to: string,
    /** The programme's goal: the share of those with an outcome in job or education (0–1). */
    private readonly goal: number,
  ) {
    this.own = indicatorsOf(shape.template).own;
  }

  private add(municipality: string, month: string, column: string, n = 1): void {
    const id = cellId(municipality, month, column);
    this.counts.set(id, (this.counts.get(id) ?? 0) + n);
  }

  /** One journey: its panel rows from its enrolment month to the export's last (`panelRows` without `from`). */
  addJourney(source: PanelSource, rows: readonly PanelRow[]): void {
    if (rows.length === 0) return;
    const m = source.municipality;
    this.municipalities.add(m);
    if (this.firstMonth === undefined || rows[0]!.month < this.firstMonth) this.firstMonth = rows[0]!.month;
    this.add(m, rows[0]!.month, 'newEnrolments');
    for (const row of rows) {
      const at = (column: string, n = 1) => this.add(m, row.month, column, n);
      at('enrolled');
      at(`group_${row.group}`);
      at(`stage_${row.stage}`);
      at('appointmentsBooked', row.appointmentsBooked);
      at('appointmentsAttended', row.appointmentsAttended);
      at('noShows', row.noShows);
      if (row.outcome) {
        at(`outcome_${row.outcome}`);
        at('outcomes');
        if (JOB_OR_EDUCATION.includes(row.outcome)) at('jobOrEducation');
      }
      for (const own of this.own) if (own.count(row, source)) at(own.column);
    }
    const baseline = rows.find((r) => r.baselineGroup !== null);
    if (baseline) {
      this.add(m, baseline.month, 'cohort');
      this.add(m, baseline.month, `baseline_${baseline.baselineGroup}`);
      const later = rows.find((r) => r.month === addMonths(baseline.month, 12));
      if (later) {
        this.add(m, baseline.month, `after12_${later.group}`);
        if (later.outcome && JOB_OR_EDUCATION.includes(later.outcome)) this.add(m, baseline.month, 'after12_jobOrEducation');
      }
    }
  }

  /** The suppressed table, rows from `from` (the first enrolment month when absent) to the export's last month. */
  table(from?: string): IndicatorTable {
    const columns = indicatorColumns(this.shape);
    const placed = placedGroups(this.shape);
    if (this.firstMonth === undefined) return { columns, goal: this.goal, rows: [] };
    const months = monthRange(this.firstMonth, this.to);
    const municipalities = [...this.municipalities].sort();
    const values: Counts = new Map();
    const hidden = new Set<string>();
    const relations: Relation[] = [];
    const counted = columns.filter((c) => c.kind === 'count');
    const value = (m: string, month: string, column: string) => this.counts.get(cellId(m, month, column)) ?? 0;
    // Twelve months after a cohort's month must have passed within the export for its after12_ cells to exist.
    const hasAfter12 = (month: string) => addMonths(month, 12) <= this.to;
    const present = (month: string, column: string) => !column.startsWith('after12_') || hasAfter12(month);

    for (const month of months) {
      for (const c of counted) {
        if (!present(month, c.column)) continue;
        let total = 0;
        for (const m of municipalities) {
          const v = value(m, month, c.column);
          values.set(cellId(m, month, c.column), v);
          total += v;
        }
        values.set(cellId(ALL_MUNICIPALITIES, month, c.column), total);
        // A small municipality costs the programme's row its cell rather than another municipality's.
        relations.push({ whole: cellId(ALL_MUNICIPALITIES, month, c.column), parts: municipalities.map((m) => cellId(m, month, c.column)), wholeFirst: true });
      }
      for (const m of [...municipalities, ALL_MUNICIPALITIES]) {
        const id = (column: string) => cellId(m, month, column);
        const v = (column: string) => values.get(id(column)) ?? 0;
        /** A hidden cell: the rest of `whole` that the published parts leave, never published but revealed by them. */
        const rest = (whole: string, parts: string[], name: string) => {
          const restId = id(`~${name}`);
          values.set(restId, v(whole) - parts.reduce((s, p) => s + v(p), 0));
          hidden.add(restId);
          relations.push({ whole: id(whole), parts: [...parts.map(id), restId] });
        };
        relations.push({ whole: id('enrolled'), parts: this.shape.groups.map((g) => id(`group_${g}`)) });
        relations.push({ whole: id('enrolled'), parts: this.shape.stages.map((s) => id(`stage_${s}`)) });
        relations.push({ whole: id('outcomes'), parts: OUTCOME_KINDS.map((o) => id(`outcome_${o}`)) });
        relations.push({ whole: id('jobOrEducation'), parts: JOB_OR_EDUCATION.map((o) => id(`outcome_${o}`)) });
        relations.push({ whole: id('cohort'), parts: placed.map((g) => id(`baseline_${g}`)) });
        rest('enrolled', ['outcomes'], 'noOutcome');
        rest('outcomes', ['jobOrEducation'], 'otherOutcome');
        rest('appointmentsBooked', ['appointmentsAttended', 'noShows'], 'notRegistered');
        for (const own of this.own) rest('enrolled', [own.column], `not-${own.column}`);
        if (hasAfter12(month)) {
          relations.push({ whole: id('cohort'), parts: placed.map((g) => id(`after12_${g}`)) });
          rest('cohort', ['after12_jobOrEducation'], 'after12-other');
        }
        // A count by the end of a month is the month before's plus the month's own: that difference is a count too.
        const previous = addMonths(month, -1);
        for (const c of counted.filter((c) => c.cumulative)) {
          if (month === months[0]) continue;
          const before = cellId(m, previous, c.column);
          if (c.column === 'enrolled') {
            relations.push({ whole: id('enrolled'), parts: [before, id('newEnrolments')] });
            continue;
          }
          const newId = id(`~new-${c.column}`);
          values.set(newId, v(c.column) - (values.get(before) ?? 0));
          hidden.add(newId);
          relations.push({ whole: id(c.column), parts: [before, newId] });
        }
      }
    }
    const suppressed = suppressedCells(values, hidden, relations);
    const shown = months.filter((month) => from === undefined || month >= from);
    const rows = shown.flatMap((month) =>
      [...municipalities, ALL_MUNICIPALITIES].map((m): IndicatorRow => {
        const row: IndicatorRow = { municipality: m, month, values: {}, suppressed: [] };
        const id = (column: string) => cellId(m, month, column);
        for (const c of counted) {
          const cell = id(c.column);
          if (!values.has(cell)) row.values[c.column] = null;
          else if (suppressed.has(cell)) (row.values[c.column] = null), row.suppressed.push(c.column);
          else row.values[c.column] = values.get(cell)!;
        }
        /** A share of counts: empty and suppressed when one of them is, empty when there is nothing to divide by. */
        const setRate = (column: string, numerators: string[], denominators: string[], compute: (n: number, d: number) => number | null = (n, d) => (d === 0 ? null : n / d)) => {
          const sum = (cells: string[]) => cells.reduce((s, c) => s + (values.get(id(c)) ?? 0), 0);
          const hiddenInput = [...numerators, ...denominators].some((c) => suppressed.has(id(c)));
          row.values[column] = hiddenInput ? null : compute(sum(numerators), sum(denominators));
          if (hiddenInput) row.suppressed.push(column);
        };
        setRate('attendanceRate', ['appointmentsAttended'], ['appointmentsAttended', 'noShows']);
        setRate('jobOrEducationShare', ['jobOrEducation'], ['outcomes']);
        setRate('goalProgress', ['jobOrEducation'], ['outcomes'], (n, d) => (d === 0 || this.goal === 0 ? null : n / d / this.goal));
        row.values['goalJobOrEducationShare'] = this.goal;
        return row;
      }),
    );
    return { columns, goal: this.goal, rows };
  }
}

const cellId = (municipality: string, month: string, column: string) => `${municipality}|${month}|${column}`;
