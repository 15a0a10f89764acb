import { describe, expect, it } from 'vitest';
import { ageBand, auditCutoff, erasureDueAt, evaluationRecord, isDueForErasure, mayDeleteAuditEntry } from '../../../functions/domain/retention.js';

const closedAt = '2026-03-15T10:00:00.000Z';
const closed = { stage: 'closed' as const, stageEnteredAt: closedAt, legalHold: null };

describe('due for erasure', () => {
  it('is due retentionYears after closing, not a moment before', () => {
    expect(erasureDueAt(closedAt, 5)).toBe('2031-03-15T10:00:00.000Z');
    expect(isDueForErasure(closed, 5, new Date('2031-03-15T09:59:59.999Z'))).toBe(false);
    expect(isDueForErasure(closed, 5, new Date('2031-03-15T10:00:00.000Z'))).toBe(true);
    expect(isDueForErasure(closed, 1, new Date('2027-03-15T10:00:00.000Z'))).toBe(true);
  });

  it('lands a closing on 29 February on 1 March', () => {
    expect(erasureDueAt('2028-02-29T12:00:00.000Z', 1)).toBe('2029-03-01T12:00:00.000Z');
  });

  it('never erases a held journey, however long ago it closed', () => {
    const held = { ...closed, legalHold: { reason: 'klage', by: 'lead', at: closedAt } };
    expect(isDueForErasure(held, 1, new Date('2060-01-01T00:00:00Z'))).toBe(false);
  });

  it('never erases a journey that is not closed', () => {
    for (const stage of ['screening', 'follow-up', 'aftercare'] as const) {
      expect(isDueForErasure({ ...closed, stage }, 1, new Date('2060-01-01T00:00:00Z'))).toBe(false);
    }
  });
});

describe('audit retention', () => {
  const cutoff = auditCutoff(12, new Date('2040-06-01T00:00:00Z'));

  it('deletes an entry older than the retention whose journeys are gone', () => {
    expect(cutoff).toBe('2028-06-01T00:00:00.000Z');
    expect(mayDeleteAuditEntry({ at: '2028-05-31T23:59:59.000Z', enrolmentIds: ['a', 'b'] }, cutoff, () => false)).toBe(true);
    expect(mayDeleteAuditEntry({ at: '2028-06-01T00:00:00.000Z', enrolmentIds: ['a'] }, cutoff, () => false)).toBe(false);
  });

  it('keeps an old entry while any journey it names still exists', () => {
    expect(mayDeleteAuditEntry({ at: '2020-01-01T00:00:00.000Z', enrolmentIds: ['gone', 'alive'] }, cutoff, (id) => id === 'alive')).toBe(false);
  });
});

describe('the evaluation record', () => {
  const journey = {
    programmeId: 'p1',
    municipality: '0183',
    birthDate: '1990-06-02',
    createdAt: '2026-01-31T23:30:00.000Z', // 1 February in Copenhagen
    stageEnteredAt: '2026-11-20T09:00:00.000Z',
    colour: 'orange' as const,
    baseline: { colour: 'green' as const, at: '2026-02-10T09:00:00.000Z' },
    exitReason: null,
    outcome: { outcome: 'still-passive', date: '2026-11-19' },
  };

  it('keeps categories, Copenhagen months and counts only', () => {
    const record = evaluationRecord(
      journey,
      {
        appointments: [{ attendance: { status: 'attended' } }, { attendance: { status: 'no-show' } }, { attendance: null }],
        contactAttempts: [{ reached: true }, { reached: false }],
        instruments: 2,
        planInterventionDomains: ['health', 'employment', 'health'],
      },
      'pseudonym-1',
      new Date('2031-11-21T01:00:00Z'),
    );
    expect(record).toEqual({
      recordVersion: 1,
      pseudonym: 'pseudonym-1',
      programmeId: 'p1',
      municipality: '0183',
      ageBand: '35-39',
      enrolledMonth: '2026-02',
      baselineColour: 'green',
      baselineMonth: '2026-02',
      colour: 'orange',
      exitReason: null,
      closedMonth: '2026-11',
      outcome: 'still-passive',
      outcomeMonth: '2026-11',
      appointmentsBooked: 3,
      appointmentsAttended: 1,
      noShows: 1,
      contactAttempts: 2,
      contactAttemptsUnreached: 1,
      instrumentsTaken: 2,
      planInterventionsByDomain: { health: 2, employment: 1 },
      erasedMonth: '2031-11',
    });
  });

  it('bands ages by five years, counting the birthday', () => {
    expect(ageBand('2000-06-02', '2025-06-01T12:00:00Z')).toBe('20-24');
    expect(ageBand('2000-06-02', '2025-06-02T12:00:00Z')).toBe('25-29');
  });
});
