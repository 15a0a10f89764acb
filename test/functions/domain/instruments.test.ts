import { describe, expect, it } from 'vitest';
import { scoreInstrument, type Instrument } from '../../../functions/domain/instruments.js';

// Every expected score below is the hand-added sum of the literal answers (× 4 for WHO-5).

describe('PHQ-9', () => {
  it.each([
    // answers                         score  severity             flags
    [[0, 0, 0, 0, 0, 0, 0, 0, 0], 0, 'minimal', []],
    [[1, 1, 1, 1, 0, 0, 0, 0, 0], 4, 'minimal', []],
    [[1, 1, 1, 1, 1, 0, 0, 0, 0], 5, 'mild', []],
    [[2, 2, 2, 1, 1, 1, 0, 0, 0], 9, 'mild', []],
    [[2, 2, 2, 2, 2, 0, 0, 0, 0], 10, 'moderate', []],
    [[3, 3, 3, 3, 2, 0, 0, 0, 0], 14, 'moderate', []],
    [[3, 3, 3, 3, 3, 0, 0, 0, 0], 15, 'moderately-severe', []],
    [[3, 3, 3, 3, 3, 2, 2, 0, 0], 19, 'moderately-severe', []],
    [[3, 3, 3, 3, 3, 3, 2, 0, 0], 20, 'severe', []],
    [[3, 3, 3, 3, 3, 3, 3, 3, 3], 27, 'severe', ['suicidal-ideation']],
  ])('%j → %i %s %j', (answers, score, severity, flags) => {
    expect(scoreInstrument('PHQ-9', answers)).toEqual({ ok: true, score, severity, flags });
  });

  it('flags suicidal ideation for any answer above 0 on item 9, even at a minimal score', () => {
    expect(scoreInstrument('PHQ-9', [0, 0, 0, 0, 0, 0, 0, 0, 1])).toEqual({
      ok: true,
      score: 1,
      severity: 'minimal',
      flags: ['suicidal-ideation'],
    });
    expect(scoreInstrument('PHQ-9', [1, 1, 1, 1, 1, 1, 1, 0, 2])).toEqual({
      ok: true,
      score: 9,
      severity: 'mild',
      flags: ['suicidal-ideation'],
    });
  });

  it('does not flag on item 8 (only item 9 asks about self-harm)', () => {
    expect(scoreInstrument('PHQ-9', [0, 0, 0, 0, 0, 0, 0, 3, 0])).toEqual({
      ok: true,
      score: 3,
      severity: 'minimal',
      flags: [],
    });
  });

  it('rejects a wrong number of answers', () => {
    expect(scoreInstrument('PHQ-9', [0, 0, 0, 0, 0, 0, 0, 0])).toEqual({
      ok: false,
      errors: [{ path: 'answers', message: 'PHQ-9 needs exactly 9 answers, got 8.' }],
    });
    expect(scoreInstrument('PHQ-9', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual({
      ok: false,
      errors: [{ path: 'answers', message: 'PHQ-9 needs exactly 9 answers, got 10.' }],
    });
    expect(scoreInstrument('PHQ-9', [])).toEqual({
      ok: false,
      errors: [{ path: 'answers', message: 'PHQ-9 needs exactly 9 answers, got 0.' }],
    });
  });

  it('names the index of every out-of-range or non-integer answer', () => {
    expect(scoreInstrument('PHQ-9', [0, 4, 0, -1, 0, 1.5, 0, 0, 3])).toEqual({
      ok: false,
      errors: [
        { path: 'answers.1', message: 'Each PHQ-9 answer must be a whole number from 0 to 3.' },
        { path: 'answers.3', message: 'Each PHQ-9 answer must be a whole number from 0 to 3.' },
        { path: 'answers.5', message: 'Each PHQ-9 answer must be a whole number from 0 to 3.' },
      ],
    });
  });
});

describe('GAD-7', () => {
  it.each([
    [[0, 0, 0, 0, 0, 0, 0], 0, 'minimal'],
    [[1, 1, 1, 1, 0, 0, 0], 4, 'minimal'],
    [[1, 1, 1, 1, 1, 0, 0], 5, 'mild'],
    [[2, 2, 2, 1, 1, 1, 0], 9, 'mild'],
    [[2, 2, 2, 2, 2, 0, 0], 10, 'moderate'],
    [[3, 3, 3, 3, 2, 0, 0], 14, 'moderate'],
    [[3, 3, 3, 3, 3, 0, 0], 15, 'severe'],
    [[3, 3, 3, 3, 3, 3, 3], 21, 'severe'],
  ])('%j → %i %s', (answers, score, severity) => {
    expect(scoreInstrument('GAD-7', answers)).toEqual({ ok: true, score, severity, flags: [] });
  });

  it('rejects 9 answers (a PHQ-9 sent as GAD-7)', () => {
    expect(scoreInstrument('GAD-7', [0, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual({
      ok: false,
      errors: [{ path: 'answers', message: 'GAD-7 needs exactly 7 answers, got 9.' }],
    });
  });

  it('rejects an answer of 4', () => {
    expect(scoreInstrument('GAD-7', [0, 0, 0, 0, 0, 0, 4])).toEqual({
      ok: false,
      errors: [{ path: 'answers.6', message: 'Each GAD-7 answer must be a whole number from 0 to 3.' }],
    });
  });
});

describe('WHO-5', () => {
  it.each([
    // answers          raw  score  severity              flags
    [[0, 0, 0, 0, 0], /* 0 */ 0, 'likely-depression', ['screen-for-depression']],
    [[2, 2, 1, 1, 1], /* 7 */ 28, 'likely-depression', ['screen-for-depression']],
    [[2, 2, 2, 1, 1], /* 8 */ 32, 'poor-wellbeing', ['screen-for-depression']],
    [[2, 2, 2, 2, 2], /* 10 */ 40, 'poor-wellbeing', ['screen-for-depression']],
    [[3, 3, 3, 2, 1], /* 12 */ 48, 'poor-wellbeing', ['screen-for-depression']],
    [[3, 3, 3, 2, 2], /* 13 */ 52, 'good', []],
    [[4, 4, 4, 4, 2], /* 18 */ 72, 'good', []],
    [[5, 5, 5, 5, 5], /* 25 */ 100, 'good', []],
  ])('%j → %i %s %j', (answers, score, severity, flags) => {
    expect(scoreInstrument('WHO-5', answers)).toEqual({ ok: true, score, severity, flags });
  });

  it('flags an item of 1 or 0 even when the total is good', () => {
    expect(scoreInstrument('WHO-5', [3, 3, 3, 3, 1])).toEqual({
      ok: true,
      score: 52,
      severity: 'good',
      flags: ['screen-for-depression'],
    });
    expect(scoreInstrument('WHO-5', [5, 5, 5, 5, 0])).toEqual({
      ok: true,
      score: 80,
      severity: 'good',
      flags: ['screen-for-depression'],
    });
  });

  it('accepts 5 and rejects 6', () => {
    expect(scoreInstrument('WHO-5', [5, 0, 0, 0, 6])).toEqual({
      ok: false,
      errors: [{ path: 'answers.4', message: 'Each WHO-5 answer must be a whole number from 0 to 5.' }],
    });
  });
});

describe('input from the wire', () => {
  it('reports both a wrong count and bad items', () => {
    expect(scoreInstrument('WHO-5', [1, 7, 1])).toEqual({
      ok: false,
      errors: [
        { path: 'answers', message: 'WHO-5 needs exactly 5 answers, got 3.' },
        { path: 'answers.1', message: 'Each WHO-5 answer must be a whole number from 0 to 5.' },
      ],
    });
  });

  it('rejects non-numbers, NaN and Infinity', () => {
    const answers = [1, '2', null, Number.NaN, Number.POSITIVE_INFINITY] as unknown as number[];
    const result = scoreInstrument('WHO-5', answers);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toEqual(['answers.1', 'answers.2', 'answers.3', 'answers.4']);
  });

  it('rejects an unknown instrument and a non-array', () => {
    expect(scoreInstrument('K10' as Instrument, [1])).toEqual({
      ok: false,
      errors: [{ path: 'instrument', message: 'Instrument must be one of PHQ-9, GAD-7, WHO-5.' }],
    });
    expect(scoreInstrument('GAD-7', '0000000' as unknown as number[])).toEqual({
      ok: false,
      errors: [{ path: 'answers', message: 'Answers must be a list of numbers.' }],
    });
  });
});
