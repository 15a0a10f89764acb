import { z } from 'zod';

/*
 * The building blocks every contract file shares. They live apart from schemas.ts so that topic files
 * (plan.ts, meetings.ts, …) can use them and schemas.ts can in turn use the topic files without an import
 * cycle. schemas.ts re-exports all of them.
 */

export const Username = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'lower-case letters, digits, ".", "_" or "-", 2–63 characters');

export const MunicipalityCode = z.string().regex(/^\d{4}$/, 'a four-digit municipality code such as "0183"');

export const Id = z.string().regex(/^[A-Za-z0-9_-]{6,64}$/, 'an id');

export const Instant = z.iso.datetime({ offset: true });
export const CalendarDate = z.iso.date();
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export const Colour = z.enum(['green', 'orange', 'red', 'blue']);
export type Colour = z.infer<typeof Colour>;

export const Stage = z.enum([
  'screening',
  'intake',
  'preparatory-form',
  'team-meeting',
  'plan',
  'follow-up',
  'aftercare',
  'closed',
]);
export type Stage = z.infer<typeof Stage>;
