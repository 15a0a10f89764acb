import type { SectionProps } from './citizen.js';

export function InstrumentsSection(_props: SectionProps) {
  return null;
}
