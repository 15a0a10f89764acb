import type { SectionProps } from './citizen.js';

export function AppointmentsSection(_props: SectionProps) {
  return null;
}
