import type { SectionProps } from './citizen.js';

export function PlanSection(_props: SectionProps) {
  return null;
}
