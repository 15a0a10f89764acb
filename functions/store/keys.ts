/**
 * Keys of the single journey-data table. Access patterns (README "Data access"):
 *   user by username            pk USER#{username}        sk PROFILE
 *   all users (pickers)         gsi1 USERS                sk {username}
 *   programme by id             pk PROGRAMME#{id}         sk PROFILE
 *   all programmes              gsi1 PROGRAMMES           sk {createdAt}#{id}
 *   colour counts               pk PROGRAMME#{id}         sk COUNTS#{municipality}
 *   enrolment by CPR            pk PROGRAMME#{id}         sk CPR#{keyed hash}
 *   journey (all its items)     pk ENROLMENT#{id}         sk JOURNEY | EVENT#… | WAIT#… | …
 *   overview of a programme     gsi1 PROGRAMME#{id}#ENROLMENTS  sk {createdAt}#{id}
 *   notification once           pk NOTIFICATION#{enrolment}#{reason}#{dueAt}  sk ONCE
 *   a user's inbox              pk INBOX#{username}       sk {createdAt}#{id}
 */
export const userKey = (username: string) => ({ pk: `USER#${username}`, sk: 'PROFILE' });
export const USERS_INDEX_PK = 'USERS';
export const programmeKey = (id: string) => ({ pk: `PROGRAMME#${id}`, sk: 'PROFILE' });
export const PROGRAMMES_INDEX_PK = 'PROGRAMMES';
export const countsKey = (programmeId: string, municipality: string) => ({
  pk: `PROGRAMME#${programmeId}`,
  sk: `COUNTS#${municipality}`,
});
export const cprKey = (programmeId: string, hash: string) => ({ pk: `PROGRAMME#${programmeId}`, sk: `CPR#${hash}` });
export const journeyPk = (enrolmentId: string) => `ENROLMENT#${enrolmentId}`;
export const journeyKey = (enrolmentId: string) => ({ pk: journeyPk(enrolmentId), sk: 'JOURNEY' });
export const enrolmentsIndexPk = (programmeId: string) => `PROGRAMME#${programmeId}#ENROLMENTS`;
export const waitKey = (enrolmentId: string, step: string) => ({ pk: journeyPk(enrolmentId), sk: `WAIT#${step}` });
export const GSI1 = 'gsi1';
