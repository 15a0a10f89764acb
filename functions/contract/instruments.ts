import { z } from 'zod';
import { Id, Instant, Stage } from './primitives.js';

/* Standard instruments (PHQ-9, GAD-7, WHO-5) and the safety follow-up a PHQ-9 item 9 answer starts. */

export const InstrumentName = z.enum(['PHQ-9', 'GAD-7', 'WHO-5']);

export const InstrumentInput = z.object({
  instrument: InstrumentName,
  answers: z.array(z.number()).max(20),
  takenAt: Instant,
});

export const SafetyFollowUp = z.object({ note: z.string(), by: z.string(), at: Instant });

/** One administration of an instrument, as the journey shows it (for the score chart): no raw answers. */
export const InstrumentRecord = z.object({
  id: Id,
  instrument: InstrumentName,
  takenAt: Instant,
  score: z.int(),
  severity: z.string(),
  flags: z.array(z.string()),
  recordedBy: z.string(),
  recordedAt: Instant,
  /** For a safety flag: when it must be followed up, and the follow-up once recorded. */
  safety: z.object({ dueAt: Instant, followUp: SafetyFollowUp.nullable() }).nullable(),
});
export type InstrumentRecord = z.infer<typeof InstrumentRecord>;

export const InstrumentResult = InstrumentRecord.extend({ stage: Stage });

export const SafetyFollowUpInput = z.object({ note: z.string().trim().min(1).max(4000) });
