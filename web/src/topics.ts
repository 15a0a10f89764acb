/*
 * Appointments and instruments as shared/api.md describes them. The Journey schema still types these parts
 * as unknown until their topic's schemas (branch `watch`) land in functions/contract; the pages read them
 * through these tolerant views. Replace each with the contract's schema when it is on main.
 */
import { z } from 'zod';

export const AppointmentView = z
  .object({
    id: z.string(),
    kind: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    owner: z.string(),
    interventionId: z.string().nullish(),
    attendance: z.union([z.string(), z.object({ status: z.string() }).loose()]).nullish(),
    status: z.string().nullish(),
  })
  .loose();
export type AppointmentView = z.infer<typeof AppointmentView>;
export const attendanceOf = (a: AppointmentView): string | null =>
  (typeof a.attendance === 'string' ? a.attendance : a.attendance?.status) ?? (a.status && a.status !== 'booked' && a.status !== 'scheduled' ? a.status : null);

export const InstrumentView = z
  .object({
    id: z.string().optional(),
    instrument: z.string(),
    score: z.number(),
    severity: z.string(),
    flags: z.array(z.string()).default([]),
    takenAt: z.string(),
  })
  .loose();
export type InstrumentView = z.infer<typeof InstrumentView>;

/** Any 2xx body the page only needs to know succeeded. */
export const Accepted = z.unknown();

/** Parses a list leniently: items that do not have the expected shape are left out rather than failing the page. */
export function parseList<T>(schema: z.ZodType<T>, value: unknown): T[] {
  return (Array.isArray(value) ? value : []).flatMap((v) => {
    const r = schema.safeParse(v);
    return r.success ? [r.data] : [];
  });
}
export function parseOne<T>(schema: z.ZodType<T>, value: unknown): T | null {
  const r = schema.safeParse(value);
  return r.success ? r.data : null;
}
