import type { Session } from '../session.js';

export function MeetingsPage(_props: { session: Session; id?: string | undefined }) {
  return <h1>Teammøder</h1>;
}
