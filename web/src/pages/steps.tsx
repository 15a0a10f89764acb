import type { SectionProps } from './citizen.js';

export function PreparatoryFormSection(_props: SectionProps) {
  return null;
}
export function OutcomeSection(_props: SectionProps) {
  return null;
}
