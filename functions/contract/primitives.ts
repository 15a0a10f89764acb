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

/**
 * The years a time or date of this system may have: an appointment or a score in 1900 or 2200 is a typing
 * error (and its due times would run the workflows for centuries). A pattern, so OpenAPI shows it too.
 */
const SANE_YEAR = /^(19\d\d|20\d\d|2100)-/;
const SANE_YEAR_MESSAGE = 'a year from 1900 to 2100';

export const Instant = z.iso.datetime({ offset: true }).regex(SANE_YEAR, SANE_YEAR_MESSAGE);
export const CalendarDate = z.iso.date().regex(SANE_YEAR, SANE_YEAR_MESSAGE);
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

export const Colour = z.enum(['green', 'orange', 'red', 'blue']);
export type Colour = z.infer<typeof Colour>;

/** A stage id of the journey's template (Brug for alle's are `BrugForAlleStage`). */
export const Stage = z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'a stage id of the template');
export type Stage = z.infer<typeof Stage>;

/** A user as others see them: username and name. */
export const PersonRef = z.object({ username: Username, name: z.string() });

/** When a user's daily digest e-mail goes out, `HH:MM` Europe/Copenhagen (07:30 when not set). */
export const DigestTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM');
