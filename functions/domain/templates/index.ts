import { z } from 'zod';
import type { Programme } from '../../contract/schemas.js';
import { brugForAlle } from './brug-for-alle.js';
import { ibbu } from './ibbu.js';
import { jobTilUddannelse } from './job-til-uddannelse.js';
import type { Template, TemplateId } from './template.js';
import { youthCoordination } from './youth-coordination.js';

export * from './template.js';

/** Every template version shipped. A version once shipped stays: journeys enrolled under it keep its rules. */
export const TEMPLATES: readonly Template[] = [brugForAlle, ibbu, jobTilUddannelse, youthCoordination];

/** Looks a template version up among `among` (the shipped ones unless a test gives its own). */
export function findTemplate(id: string, version: number, among: readonly Template[] = TEMPLATES): Template | undefined {
  return among.find((t) => t.id === id && t.version === version);
}

/** The latest version of a template. */
export function latestTemplate(id: TemplateId, among: readonly Template[] = TEMPLATES): Template {
  return among.filter((t) => t.id === id).reduce((a, b) => (b.version > a.version ? b : a));
}

/** The latest version of every template, as GET /templates lists them. */
export const latestTemplates = (among: readonly Template[] = TEMPLATES): Template[] => [...new Set(among.map((t) => t.id))].map((id) => latestTemplate(id, among));

/** The template version a journey was enrolled under. A version nobody ships any more is a deployment error, not a user's. */
export function templateOf(journey: { template: string; templateVersion: number }, among: readonly Template[] = TEMPLATES): Template {
  const template = findTemplate(journey.template, journey.templateVersion, among);
  if (!template) throw new Error(`template ${journey.template} version ${journey.templateVersion} is not shipped`);
  return template;
}

/** What a journey's clocks need: its template version and its programme's settings. */
export interface Rules {
  template: Template;
  settings: Record<string, unknown>;
}

/** The rules a journey runs by: the template version it was enrolled under (its programme's when it names none) with its programme's settings. */
export function rulesOf(
  programme: Pick<Programme, 'template' | 'templateVersion' | 'settings'>,
  journey?: { template: string; templateVersion: number },
  among: readonly Template[] = TEMPLATES,
): Rules {
  return { template: templateOf(journey ?? programme, among), settings: programme.settings };
}

/** A template's settings as GET /templates shows them: each one's default and, for a number, its range. */
export function settingsDescription(template: Template): Record<string, { default: unknown; min?: number; max?: number }> {
  const defaults = template.settings.parse({}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(template.settings.shape).map(([key, field]) => {
      const inner = field instanceof z.ZodDefault ? field.unwrap() : field;
      const range = inner instanceof z.ZodNumber ? { min: inner.minValue ?? undefined, max: inner.maxValue ?? undefined } : {};
      return [key, { default: defaults[key], ...range }];
    }),
  );
}

/** The settings a programme runs with: `given` over the template version's defaults, in its allowed ranges. */
export function effectiveSettings(template: Template, given: Record<string, unknown> | undefined) {
  return template.settings.safeParse(given ?? {});
}
