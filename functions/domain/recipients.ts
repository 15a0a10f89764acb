import type { User } from '../contract/schemas.js';
import type { Audience } from './step-clock.js';

/** What decides who is told about a citizen: the journey's programme, municipality and tovholder. */
export interface RecipientContext {
  programmeId: string;
  municipality: string;
  primaryTovholder: { username: string } | null;
  /** A template with a contact person (Gennem Job til Uddannelse): they are told what a tovholder would be. */
  contactPerson?: { username: string } | null;
  /** The appointment's owner, for the attendance watch. */
  owner?: string;
}

const serves = (u: User, c: RecipientContext) => u.active && u.programmes.includes(c.programmeId) && u.municipalities.includes(c.municipality);

/**
 * The users an audience means for one citizen. Whoever should act but does not exist (no tovholder yet, an
 * owner who was deactivated) is stood in for by the leads of that municipality: nobody falls between two chairs.
 */
export function recipientsOf(users: User[], c: RecipientContext, audience: Audience): User[] {
  const leads = users.filter((u) => serves(u, c) && u.roles.includes('lead'));
  const tovholder = users.find((u) => u.active && u.username === (c.contactPerson ?? c.primaryTovholder)?.username);
  switch (audience) {
    case 'leads':
      return leads;
    case 'tovholder':
      return tovholder ? [tovholder] : leads;
    case 'owner': {
      const owner = users.find((u) => u.active && u.username === c.owner);
      return owner ? [owner] : tovholder ? [tovholder] : leads;
    }
    case 'safety-team': {
      const careManagers = users.filter((u) => serves(u, c) && u.roles.includes('care-manager'));
      const team = [...(tovholder ? [tovholder] : []), ...careManagers.filter((u) => u.username !== tovholder?.username)];
      return team.length > 0 ? team : leads;
    }
  }
}
