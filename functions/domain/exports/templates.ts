import { monthOf, type PanelRow, type PanelSource } from './panel.js';

/*
 * What each template adds to the evaluation: how its stages are read back month by month from a journey's
 * timeline, and its own indicators. A template that has no entry yet exports the indicators every template
 * shares, with the stage history it can give (the enrolment and the current stage). The other templates'
 * issues add theirs here.
 */

/** A citizen count of the template's own, per municipality × month; `count` says whether a panel row is in it. */
export interface OwnIndicator {
  column: string;
  da: string;
  en: string;
  /** Never falls between months (a count "by the end of the month"): month-to-month differences are counts too. */
  cumulative: boolean;
  count: (row: PanelRow, source: PanelSource) => boolean;
}

export interface TemplateIndicators {
  /** When the journey entered which stage: the enrolment first, the current stage last. */
  stageHistory(source: PanelSource): { at: string; stage: string }[];
  /** The group of a journey not yet placed in one (Brug for alle: before the first screening). */
  ungrouped: string;
  /** Group and stage counts (`group_…`, `stage_…`) that never fall: a journey does not leave them. */
  cumulative: string[];
  own: OwnIndicator[];
}

/** Every template knows where a journey started and where it stands now. */
function knownEnds(source: PanelSource, start: string, between: { at: string; stage: string }[] = []): { at: string; stage: string }[] {
  const inner = between.filter((p) => p.at > source.createdAt && p.at < source.stageEnteredAt).sort((a, b) => a.at.localeCompare(b.at));
  return [{ at: source.createdAt, stage: start }, ...inner, { at: source.stageEnteredAt, stage: source.stage }];
}

/**
 * Brug for alle (domain/journey.ts): the baseline screening sends green and orange to the intake, blue to the
 * team meeting and red out; the team meeting leads to the plan, the plan to follow-up, an outcome to
 * aftercare (job, education, match improved) or out. The intake's attendance leaves no timeline event: a
 * journey shows as at the intake until its form or team meeting.
 */
const AFTER_SCREENING: Record<string, string> = { green: 'intake', orange: 'intake', blue: 'team-meeting', red: 'closed' };
const AFTERCARE_OUTCOMES = new Set(['job', 'education', 'match-improved']);

const brugForAlle: TemplateIndicators = {
  stageHistory(source) {
    const points: { at: string; stage: string }[] = [];
    let stage = 'screening';
    for (const event of [...source.events].sort((a, b) => a.at.localeCompare(b.at))) {
      let next: string | undefined;
      if (event.kind === 'screened' && source.baseline) next = AFTER_SCREENING[source.baseline.colour];
      else if (event.kind === 'preparatory-form' && (stage === 'intake' || stage === 'preparatory-form')) next = 'team-meeting';
      else if (event.kind === 'team-meeting' && stage === 'team-meeting') next = 'plan';
      else if (event.kind === 'plan' && stage === 'plan') next = 'follow-up';
      else if (event.kind === 'outcome') next = stage !== 'aftercare' && source.outcome && AFTERCARE_OUTCOMES.has(source.outcome.outcome) ? 'aftercare' : 'closed';
      if (next && next !== stage) points.push({ at: event.at, stage: (stage = next) });
    }
    return knownEnds(source, 'screening', points);
  },
  ungrouped: 'unscreened',
  // Red closes the journey, and a closed journey stays closed.
  cumulative: ['group_red', 'stage_closed'],
  own: [
    {
      column: 'withPlan',
      da: 'Borgere med en indsatsplan ved månedens udgang',
      en: 'Citizens with an action plan by the end of the month',
      cumulative: true,
      count: (row, source) => source.plans.some((p) => monthOf(p.at) <= row.month),
    },
  ],
};

const INDICATORS: Record<string, TemplateIndicators> = { 'brug-for-alle': brugForAlle };

const shared: TemplateIndicators = { stageHistory: (source) => knownEnds(source, source.stage), ungrouped: 'unscreened', cumulative: ['stage_closed'], own: [] };

export function indicatorsOf(template: string): TemplateIndicators {
  return INDICATORS[template] ?? shared;
}
