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
 *   journeys a tovholder holds  pk TOVHOLDER#{username}   sk ENROLMENT#{id}
 *   a worklist reason           pk ENROLMENT#{id}         sk REASON#{kind}#{username}  (gsi1 WORKLIST#{username}, sk {dueAt}#{id}#{kind})
 *   a user's last digest        pk DIGEST#{username}      sk LAST  (the date it was sent for)
 *   journal of a journey        pk ENROLMENT#{id}         sk NOTE#{at}#{id}
 *   preparatory form revisions  pk ENROLMENT#{id}         sk PREPFORM#v{0001…}   (latest: query backwards, limit 1)
 *   plan revisions              pk ENROLMENT#{id}         sk PLAN#v{0001…}
 *   a citizen's meeting items   pk ENROLMENT#{id}         sk MEETING#{meetingId}  (agenda place + recommendations; members for scope)
 *   one upcoming agenda at most pk ENROLMENT#{id}         sk AGENDA  (meetingId, slotEnd; conditional put)
 *   team meeting and its agenda pk MEETING#{id}           sk PROFILE
 *   meetings of a programme     gsi1 PROGRAMME#{id}#MEETINGS  sk {startsAt}#{id}
 *   offer                       pk OFFER#{id}             sk PROFILE
 *   offers catalogue            gsi1 OFFERS               sk {domain}#{name}#{id}
 *   appointment (in its journey) pk ENROLMENT#{id}        sk APPOINTMENT#{appointmentId}
 *   appointment by id           pk APPOINTMENT#{id}       sk REF  → enrolmentId
 *   an owner's appointments     gsi1 OWNER#{username}#APPOINTMENTS  sk {startsAt}#{id}
 *   instrument (in its journey) pk ENROLMENT#{id}         sk INSTRUMENT#{instrumentId}
 *   sanction assessment         pk ENROLMENT#{id}         sk SANCTION#{at}#{id}
 *   a watch's waiting token     pk ENROLMENT#{id}         sk WATCH#{kind}#{watchId}
 *   last tick handled of a clock pk ENROLMENT#{id}        sk TICK#journey | TICK#{kind}#{watchId}
 *   an import's progress        pk IMPORT#{id}            sk PROFILE | CHUNK#{n} (lines) | OUTCOME#{n} (created, rejected)
 *   closed journeys by erasure  pk ERASURE-DUE            sk {dueAt}#{enrolmentId}  (written when the journey closes)
 *   evaluation records          pk PROGRAMME#{id}#EVALUATION  sk RECORD#{pseudonym}  (what an erased journey leaves)
 *   internship (in its journey) pk ENROLMENT#{id}         sk INTERNSHIP#{internshipId}  (its weekly hours inside)
 *   internship by id            pk INTERNSHIP#{id}        sk REF  → enrolmentId
 *   learning certificate        pk ENROLMENT#{id}         sk CERTIFICATE#{internshipId}#{certificateId}
 *   ambassador                  pk AMBASSADOR#{id}        sk PROFILE
 *   ambassadors of a municipality pk AMBASSADORS#{municipality}  sk {kind}#{id}  (a copy per municipality served)
 *   an evaluation export        pk EXPORT#{id}            sk PROFILE
 *   exports of a programme      gsi1 PROGRAMME#{id}#EXPORTS  sk {createdAt}#{id}
 *   a programme's export schedule pk PROGRAMME#{id}     sk EXPORT-SCHEDULE
 *   all export schedules        gsi1 EXPORT-SCHEDULES     sk {programmeId}
 * Audit table: pk ENROLMENT#{id} | ACTOR#{actor} | EXPORTS#{programmeId}, sk {at}#{uuid}; index `byTime` on (timeShard AUDIT#{0-15}, at).
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
/** A waiting step's item: `WAIT#{track}#{step}`, or `WAIT#{step}` for a one-track template (the key from before tracks). */
export const waitKey = (enrolmentId: string, step: string, track?: string) => ({ pk: journeyPk(enrolmentId), sk: track === undefined ? `WAIT#${step}` : `WAIT#${track}#${step}` });
export const GSI1 = 'gsi1';
export const tovholderPointerKey = (username: string, enrolmentId: string) => ({ pk: `TOVHOLDER#${username}`, sk: `ENROLMENT#${enrolmentId}` });
export const tovholderPointersPk = (username: string) => `TOVHOLDER#${username}`;
export const noteSk = (at: string, id: string) => `NOTE#${at}#${id}`;

export type RevisionKind = 'PREPFORM' | 'PLAN';
export const revisionPrefix = (kind: RevisionKind) => `${kind}#v`;
export const revisionKey = (enrolmentId: string, kind: RevisionKind, version: number) => ({
  pk: journeyPk(enrolmentId),
  sk: `${revisionPrefix(kind)}${String(version).padStart(4, '0')}`,
});
export const meetingKey = (meetingId: string) => ({ pk: `MEETING#${meetingId}`, sk: 'PROFILE' });
export const agendaLockKey = (enrolmentId: string) => ({ pk: journeyPk(enrolmentId), sk: 'AGENDA' });
export const meetingItemKey = (enrolmentId: string, meetingId: string) => ({ pk: journeyPk(enrolmentId), sk: `MEETING#${meetingId}` });
export const meetingsIndexPk = (programmeId: string) => `PROGRAMME#${programmeId}#MEETINGS`;
export const offerKey = (offerId: string) => ({ pk: `OFFER#${offerId}`, sk: 'PROFILE' });
export const OFFERS_INDEX_PK = 'OFFERS';
export const appointmentKey = (enrolmentId: string, appointmentId: string) => ({ pk: journeyPk(enrolmentId), sk: `APPOINTMENT#${appointmentId}` });
export const appointmentRefKey = (appointmentId: string) => ({ pk: `APPOINTMENT#${appointmentId}`, sk: 'REF' });
export const ownerAppointmentsIndexPk = (username: string) => `OWNER#${username}#APPOINTMENTS`;
export const instrumentKey = (enrolmentId: string, instrumentId: string) => ({ pk: journeyPk(enrolmentId), sk: `INSTRUMENT#${instrumentId}` });
export const sanctionKey = (enrolmentId: string, at: string, id: string) => ({ pk: journeyPk(enrolmentId), sk: `SANCTION#${at}#${id}` });
export const watchKey = (enrolmentId: string, kind: string, watchId: string) => ({ pk: journeyPk(enrolmentId), sk: `WATCH#${kind}#${watchId}` });
export const handledTickKey = (enrolmentId: string, clock: string) => ({ pk: journeyPk(enrolmentId), sk: `TICK#${clock}` });
/** An import of many lines: its progress, its stored chunks of lines, and each chunk's outcome once written. */
export const importKey = (importId: string) => ({ pk: `IMPORT#${importId}`, sk: 'PROFILE' });
export const importChunkKey = (importId: string, chunk: number) => ({ pk: `IMPORT#${importId}`, sk: `CHUNK#${String(chunk).padStart(6, '0')}` });
export const IMPORT_OUTCOME_PREFIX = 'OUTCOME#';
export const importOutcomeKey = (importId: string, chunk: number) => ({ pk: `IMPORT#${importId}`, sk: `${IMPORT_OUTCOME_PREFIX}${String(chunk).padStart(6, '0')}` });
export const ERASURE_DUE_PK = 'ERASURE-DUE';
export const erasureDueKey = (dueAt: string, enrolmentId: string) => ({ pk: ERASURE_DUE_PK, sk: `${dueAt}#${enrolmentId}` });
export const evaluationRecordsPk = (programmeId: string) => `PROGRAMME#${programmeId}#EVALUATION`;
export const evaluationRecordKey = (programmeId: string, pseudonym: string) => ({ pk: evaluationRecordsPk(programmeId), sk: `RECORD#${pseudonym}` });
export const AUDIT_TIME_INDEX = 'byTime';
/**
 * Audit entries by time, spread over index partitions (every request writes one, an overview page 50) by their
 * uuid's first hex digit. 16: at the national Monday peak of 2,000 requests a second the index takes about
 * 11,000 writes a second (bench/scale.ts, docs/scale.md), over 1,000 a partition with the 4 there were. Entries
 * written under 4 shards are in shards 0–3, which the retention run still reads.
 */
export const AUDIT_TIME_SHARDS = 16;
export const auditTimeShardPk = (shard: number) => `AUDIT#${shard}`;
export const auditTimeShard = (uuid: string) => auditTimeShardPk(parseInt(uuid[0]!, 16) % AUDIT_TIME_SHARDS);
export const internshipKey = (enrolmentId: string, internshipId: string) => ({ pk: journeyPk(enrolmentId), sk: `INTERNSHIP#${internshipId}` });
export const internshipRefKey = (internshipId: string) => ({ pk: `INTERNSHIP#${internshipId}`, sk: 'REF' });
export const certificateKey = (enrolmentId: string, internshipId: string, certificateId: string) => ({ pk: journeyPk(enrolmentId), sk: `CERTIFICATE#${internshipId}#${certificateId}` });
export const ambassadorKey = (id: string) => ({ pk: `AMBASSADOR#${id}`, sk: 'PROFILE' });
export const municipalityAmbassadorsPk = (municipality: string) => `AMBASSADORS#${municipality}`;
export const municipalityAmbassadorKey = (municipality: string, kind: string, id: string) => ({ pk: municipalityAmbassadorsPk(municipality), sk: `${kind}#${id}` });

/**
 * The overview's indexes (functions/store/overview.ts): every filter of the overview is a key condition, so a
 * page reads only what it shows (bench/overview.ts, P1). Each is partitioned by programme and municipality, so
 * a caller's municipalities are read one after another and a municipality filter is just fewer of them.
 *   a municipality's journeys   OVERVIEW#{programme}#{municipality}                  sk {createdAt}#{id}
 *   … of one colour             OVERVIEW#{programme}#{municipality}#COLOUR#{colour}  sk {createdAt}#{id}
 *   … at one stage              OVERVIEW#{programme}#{municipality}#STAGE#{stage}    sk {createdAt}#{id}
 *   … that fall due (sparse)    OVERVIEW#{programme}#{municipality}#DUE              sk {dueAt}#{id}
 *   a citizen, by CPR           OVERVIEW#{programme}#CPR#{keyed hash}                sk {createdAt}#{id}
 */
export const OVERVIEW_INDEXES = {
  municipality: { name: 'overviewByMunicipality', pk: 'ovMunicipalityPk', sk: 'ovSk' },
  colour: { name: 'overviewByColour', pk: 'ovColourPk', sk: 'ovSk' },
  stage: { name: 'overviewByStage', pk: 'ovStagePk', sk: 'ovSk' },
  due: { name: 'overviewDue', pk: 'ovDuePk', sk: 'ovDueSk' },
  cpr: { name: 'overviewByCpr', pk: 'ovCprPk', sk: 'ovSk' },
} as const;
export const overviewPk = (programmeId: string, municipality: string) => `OVERVIEW#${programmeId}#${municipality}`;
export const overviewCprPk = (programmeId: string, cprHash: string) => `OVERVIEW#${programmeId}#CPR#${cprHash}`;
export const exportKey = (exportId: string) => ({ pk: `EXPORT#${exportId}`, sk: 'PROFILE' });
export const exportsIndexPk = (programmeId: string) => `PROGRAMME#${programmeId}#EXPORTS`;
export const exportScheduleKey = (programmeId: string) => ({ pk: `PROGRAMME#${programmeId}`, sk: 'EXPORT-SCHEDULE' });
export const EXPORT_SCHEDULES_INDEX_PK = 'EXPORT-SCHEDULES';
/** The CPR lookups of a programme's enrolments (`cprKey`): the export pages through them. */
export const CPR_SK_PREFIX = 'CPR#';
/** An export's audit entries, kept under its programme. */
export const exportsAuditPk = (programmeId: string) => `EXPORTS#${programmeId}`;
export const inboxPk = (username: string) => `INBOX#${username}`;
export const inboxKey = (username: string, sk: string) => ({ pk: inboxPk(username), sk });
export const REASON_SK_PREFIX = 'REASON#';
export const reasonKey = (enrolmentId: string, kind: string, username: string) => ({ pk: journeyPk(enrolmentId), sk: `${REASON_SK_PREFIX}${kind}#${username}` });
export const worklistIndexPk = (username: string) => `WORKLIST#${username}`;
export const digestSentKey = (username: string) => ({ pk: `DIGEST#${username}`, sk: 'LAST' });
