/**
 * The time every handler and workflow task uses. In the cloud it is the system clock; the local runtime
 * installs its controllable clock here so that a reminder due in three days can be made to fire now.
 */
type ClockSource = () => Date;

let source: ClockSource = () => new Date();

export function now(): Date {
  return source();
}

export function useClockSource(next: ClockSource): void {
  source = next;
}
