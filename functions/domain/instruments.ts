/**
 * Scoring of the standard screening instruments used in the treatment track:
 * PHQ-9 (depression), GAD-7 (anxiety) and WHO-5 (well-being), by their published rules.
 */

export const INSTRUMENTS = ['PHQ-9', 'GAD-7', 'WHO-5'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

export type InstrumentError = { path: string; message: string };

export type InstrumentResult =
  | { ok: true; score: number; severity: string; flags: string[] }
  | { ok: false; errors: InstrumentError[] };

interface Band {
  /** Lowest score (inclusive) that falls in this band. */
  from: number;
  severity: string;
}

interface InstrumentRules {
  items: number;
  maxAnswer: number;
  /** Bands in ascending `from` order. */
  bands: Band[];
  /** Turns the raw sum into the reported score. */
  score: (rawSum: number) => number;
  flags: (answers: readonly number[], rawSum: number) => string[];
}

const RULES: Record<Instrument, InstrumentRules> = {
  'PHQ-9': {
    items: 9,
    maxAnswer: 3,
    bands: [
      { from: 0, severity: 'minimal' },
      { from: 5, severity: 'mild' },
      { from: 10, severity: 'moderate' },
      { from: 15, severity: 'moderately-severe' },
      { from: 20, severity: 'severe' },
    ],
    score: (raw) => raw,
    // Item 9 asks about thoughts of self-harm: any answer above "not at all" must be acted on.
    flags: (answers) => ((answers[8] ?? 0) > 0 ? ['suicidal-ideation'] : []),
  },
  'GAD-7': {
    items: 7,
    maxAnswer: 3,
    bands: [
      { from: 0, severity: 'minimal' },
      { from: 5, severity: 'mild' },
      { from: 10, severity: 'moderate' },
      { from: 15, severity: 'severe' },
    ],
    score: (raw) => raw,
    flags: () => [],
  },
  'WHO-5': {
    items: 5,
    maxAnswer: 5,
    // Scores are multiples of 4, so "29–49" is in practice 32–48.
    bands: [
      { from: 0, severity: 'likely-depression' },
      { from: 29, severity: 'poor-wellbeing' },
      { from: 50, severity: 'good' },
    ],
    score: (raw) => raw * 4,
    flags: (answers, raw) => (raw < 13 || answers.some((a) => a <= 1) ? ['screen-for-depression'] : []),
  },
};

export function isInstrument(value: unknown): value is Instrument {
  return typeof value === 'string' && (INSTRUMENTS as readonly string[]).includes(value);
}

/** Scores one completed questionnaire; every invalid answer is reported, not just the first. */
export function scoreInstrument(instrument: Instrument, answers: number[]): InstrumentResult {
  // The types say this cannot happen, but the values arrive from HTTP bodies.
  if (!isInstrument(instrument)) {
    return { ok: false, errors: [{ path: 'instrument', message: `Instrument must be one of ${INSTRUMENTS.join(', ')}.` }] };
  }
  if (!Array.isArray(answers)) {
    return { ok: false, errors: [{ path: 'answers', message: 'Answers must be a list of numbers.' }] };
  }

  const rules = RULES[instrument];
  const errors: InstrumentError[] = [];
  if (answers.length !== rules.items) {
    errors.push({
      path: 'answers',
      message: `${instrument} needs exactly ${rules.items} answers, got ${answers.length}.`,
    });
  }
  answers.forEach((answer, index) => {
    if (!Number.isInteger(answer) || answer < 0 || answer > rules.maxAnswer) {
      errors.push({
        path: `answers.${index}`,
        message: `Each ${instrument} answer must be a whole number from 0 to ${rules.maxAnswer}.`,
      });
    }
  });
  if (errors.length > 0) return { ok: false, errors };

  const raw = answers.reduce((sum, answer) => sum + answer, 0);
  const score = rules.score(raw);
  return { ok: true, score, severity: severityOf(rules.bands, score), flags: rules.flags(answers, raw) };
}

function severityOf(bands: readonly Band[], score: number): string {
  let severity = bands[0]?.severity ?? '';
  for (const band of bands) {
    if (score >= band.from) severity = band.severity;
  }
  return severity;
}
