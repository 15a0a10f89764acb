import { randomUUID } from 'node:crypto';
import { createEvent } from 'ics';
import { authenticated, inProgrammeScope, mayActOn, requireRole, visibleJourney, type Caller } from '../app/access.js';
import { now } from '../platform/clock.js';
import { ApiError, conflict, notFound, ruleViolated } from '../platform/errors.js';
import { apiHandler } from '../platform/http.js';
import { COORDINATORS, route } from '../contract/routes.js';
import { decideOrRefuse, followDecision } from '../app/decide.js';
import type { TeamMeeting, TeamMeetingItem } from '../contract/meetings.js';
import type { Colour } from '../contract/primitives.js';
import type { Programme, Role } from '../contract/schemas.js';
import { teamMeetingSettingsOf } from '../contract/settings.js';
import { agendaProblems, meetingEnd, meetingPeriod, proposeAgenda, slotsFor, type Candidate } from '../domain/team-meeting.js';
import { audit } from '../store/audit.js';
import { getJourney, queryOverview, saveJourney, type StoredJourney } from '../store/journeys.js';
import { citizensOnUpcomingAgendas, createMeeting, getMeeting, getMeetingItem, listMeetings, recordItemWrites, replaceAgenda, type MeetingWithAgenda } from '../store/meetings.js';
import { latestRevision } from '../store/plans.js';
import { getProgramme } from '../store/programmes.js';
import { getUser } from '../store/users.js';

/** Who convenes a programme's meetings and sees them all; the others see the meetings they sit on. */
const CONVENERS = COORDINATORS;
/** Who can sit on the team: not an admin, provider or evaluator (they never see the citizens on its agenda). */
const MEMBER_ROLES: Role[] = ['lead', 'tovholder', 'caseworker', 'care-manager', 'team-member'];

async function visibleProgramme(caller: Caller, id: string): Promise<Programme> {
  const programme = await getProgramme(id);
  if (!programme || !inProgrammeScope(caller, id)) throw notFound('programme');
  return programme;
}

/** A lead or tovholder of the programme sees its meetings; a team member (or anyone) the ones they are a member of. */
function seesMeeting(caller: Caller, meeting: MeetingWithAgenda['meeting']): boolean {
  if (!inProgrammeScope(caller, meeting.programmeId)) return false;
  return caller.has(...CONVENERS) || meeting.members.includes(caller.user.username);
}

async function visibleMeeting(caller: Caller, id: string): Promise<MeetingWithAgenda> {
  const found = await getMeeting(id);
  if (!found || !seesMeeting(caller, found.meeting)) throw notFound('team meeting');
  return found;
}

/** The meeting as the contract shows it; a citizen's name only where the caller may see that journey. Audited. */
async function meetingView(caller: Caller, { meeting, agenda }: MeetingWithAgenda, action = route('GET /team-meetings/{id}').audit): Promise<TeamMeeting> {
  const journeys = await Promise.all(agenda.map((e) => getJourney(e.enrolmentId)));
  const shown: string[] = [];
  const items = await Promise.all(
    agenda.map(async (entry, i) => {
      const journey = journeys[i];
      const visible = journey !== undefined && (await mayActOn(caller, journey, [...CONVENERS, 'team-member']));
      if (visible) shown.push(entry.enrolmentId);
      // The team's recommendations, once recorded, for those who may see the citizen.
      const item = visible && entry.recorded ? await getMeetingItem(entry.enrolmentId, meeting.id) : undefined;
      return {
        enrolmentId: entry.enrolmentId,
        name: visible ? journey.name : null,
        colour: entry.colour,
        withCitizen: entry.withCitizen,
        slotStart: entry.slotStart,
        slotEnd: entry.slotEnd,
        recorded: entry.recorded,
        citizenPresent: item?.citizenPresent ?? null,
        recommendations: item?.recommendations ?? [],
      };
    }),
  );
  if (shown.length) await audit({ actor: caller.user.username, action, outcome: 'allowed', enrolmentIds: shown });
  return {
    id: meeting.id,
    programmeId: meeting.programmeId,
    startsAt: meeting.startsAt,
    endsAt: meetingEnd(meeting.startsAt, agenda.length, meeting.slotMinutes),
    theme: meeting.theme,
    members: meeting.members,
    slotMinutes: meeting.slotMinutes,
    agenda: items,
    createdBy: meeting.createdBy,
    createdAt: meeting.createdAt,
    version: meeting.version,
  };
}

/** Every journey of the programme in the caller's municipalities that awaits a team meeting. */
async function dueCandidates(caller: Caller, programme: Programme, withAreas: boolean): Promise<Candidate[]> {
  const municipalities = programme.municipalities.filter((m) => caller.user.municipalities.includes(m));
  if (municipalities.length === 0) return [];
  const journeys: StoredJourney[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryOverview(programme.id, { municipalities, stage: 'team-meeting' }, cursor);
    journeys.push(...page.items);
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return Promise.all(
    journeys.map(async (j) => ({
      enrolmentId: j.id,
      colour: j.colour,
      stage: j.stage,
      waitingSince: j.stageEnteredAt,
      areas: withAreas ? ((await latestRevision(j.id, 'PREPFORM'))?.areas.map((a) => a.area) ?? []) : [],
    })),
  );
}

const danishTime = new Intl.DateTimeFormat('da-DK', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit' });

const THEME_DA: Record<string, string> = {
  employment: 'beskæftigelse',
  education: 'uddannelse',
  'physical-health': 'fysisk helbred',
  'mental-health': 'psykisk helbred',
  'substance-use': 'misbrug',
  family: 'familie',
  housing: 'bolig',
  finances: 'økonomi',
  transport: 'transport',
  'social-network': 'netværk',
  language: 'sprog',
};

export const handler = apiHandler({
  'POST /programmes/{id}/team-meetings': authenticated(async (request, caller) => {
    const programme = await visibleProgramme(caller, request.params.id);
    requireRole(caller, ...request.route.roles);
    const input = request.body;
    const at = now();
    const startsAt = new Date(input.startsAt).toISOString();
    const problems: { path: string; message: string }[] = [];
    if (Date.parse(startsAt) <= at.getTime()) problems.push({ path: 'startsAt', message: 'the meeting must start in the future' });
    const members = [...new Set(input.members)];
    const users = await Promise.all(members.map((m) => getUser(m)));
    users.forEach((user, i) => {
      if (!user || !user.active || !user.programmes.includes(programme.id)) {
        problems.push({ path: `members.${input.members.indexOf(members[i]!)}`, message: 'not an active user of this programme' });
      } else if (!MEMBER_ROLES.some((r) => user.roles.includes(r))) {
        problems.push({ path: `members.${input.members.indexOf(members[i]!)}`, message: 'this user’s roles cannot sit on the team' });
      }
    });
    if (problems.length) throw new ApiError('invalid-input', 'the request is not valid', problems);

    const candidates = await dueCandidates(caller, programme, input.theme !== undefined);
    const taken = await citizensOnUpcomingAgendas(programme.id, at);
    const agenda = proposeAgenda(candidates, { taken, theme: input.theme ?? null, max: teamMeetingSettingsOf(programme.settings).citizensPerMeeting });
    const slots = slotsFor(
      agenda.map((c) => ({ enrolmentId: c.enrolmentId, colour: c.colour as Colour })),
      startsAt,
      teamMeetingSettingsOf(programme.settings).slotMinutes,
    );
    const meeting = {
      id: randomUUID(),
      programmeId: programme.id,
      startsAt,
      theme: input.theme ?? null,
      members,
      slotMinutes: teamMeetingSettingsOf(programme.settings).slotMinutes,
      createdBy: caller.user.username,
      createdAt: at.toISOString(),
      version: 1,
    };
    await createMeeting(meeting, slots, at.toISOString());
    const created = await getMeeting(meeting.id);
    return { body: await meetingView(caller, created!) };
  }),

  'GET /programmes/{id}/team-meetings': authenticated(async (request, caller) => {
    const programme = await visibleProgramme(caller, request.params.id);
    requireRole(caller, ...request.route.roles);
    const query = request.query;
    const { from, to } = meetingPeriod(query.from, query.to);
    const meetings = (await listMeetings(programme.id, from, to)).filter((m) => seesMeeting(caller, m.meeting));
    const items: TeamMeeting[] = [];
    for (const m of meetings) items.push(await meetingView(caller, m));
    return { body: { items } };
  }),

  'GET /team-meetings/{id}': authenticated(async (request, caller) => ({
    body: await meetingView(caller, await visibleMeeting(caller, request.params.id)),
  })),

  'PUT /team-meetings/{id}/agenda': authenticated(async (request, caller) => {
    const before = await visibleMeeting(caller, request.params.id);
    requireRole(caller, ...request.route.roles);
    const { meeting, agenda } = before;
    const programme = await getProgramme(meeting.programmeId);
    if (!programme) throw notFound('programme');
    const input = request.body;
    // The setting keeps a meeting at about half an hour per citizen (seed 004: 4–5 a meeting): more is a second meeting.
    if (input.enrolmentIds.length > teamMeetingSettingsOf(programme.settings).citizensPerMeeting) {
      throw ruleViolated('too-many-citizens', `a meeting of this programme takes at most ${teamMeetingSettingsOf(programme.settings).citizensPerMeeting} citizens`);
    }
    const journeys: StoredJourney[] = [];
    for (const id of input.enrolmentIds) journeys.push(await visibleJourney(caller, id, request.route));
    const details = journeys.flatMap((j, i) => (j.programmeId === meeting.programmeId ? [] : [{ path: `enrolmentIds.${i}`, message: 'not a citizen of this programme' }]));
    const taken = await citizensOnUpcomingAgendas(meeting.programmeId, now(), meeting.id);
    const problems = agendaProblems(journeys.map((j) => ({ enrolmentId: j.id, colour: j.colour, stage: j.stage })), {
      taken,
      current: new Set(agenda.map((e) => e.enrolmentId)),
      recorded: new Set(agenda.filter((e) => e.recorded).map((e) => e.enrolmentId)),
    });
    details.push(...problems.map((p) => ({ path: p.index >= 0 ? `enrolmentIds.${p.index}` : 'enrolmentIds', message: `${p.rule}: ${p.message}` })));
    if (details.length) throw new ApiError('rule-violated', `rule-violated: ${details.map((d) => d.message.split(':')[0]).join(', ')}`, details);
    const existing = new Map(agenda.map((e) => [e.enrolmentId, e.colour]));
    const slots = slotsFor(
      journeys.map((j) => ({ enrolmentId: j.id, colour: (j.colour ?? existing.get(j.id)) as Colour })),
      meeting.startsAt,
      meeting.slotMinutes,
    );
    await replaceAgenda(before, slots, caller.user.username, now().toISOString());
    return { body: await meetingView(caller, (await getMeeting(meeting.id))!) };
  }),

  'GET /team-meetings/{id}/invite.ics': authenticated(async (request, caller) => {
    const { meeting, agenda } = await visibleMeeting(caller, request.params.id);
    const lines = agenda.map(
      (e, i) => `${i + 1}. ${danishTime.format(new Date(e.slotStart))}–${danishTime.format(new Date(e.slotEnd))}: ${e.withCitizen ? 'møde med borgeren' : 'drøftelse uden borgeren'}`,
    );
    const { error, value } = createEvent({
      uid: `${meeting.id}@forlob`,
      productId: 'forlob/team-meetings',
      sequence: meeting.version - 1,
      start: Date.parse(meeting.startsAt),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: Date.parse(meetingEnd(meeting.startsAt, agenda.length, meeting.slotMinutes)),
      endInputType: 'utc',
      endOutputType: 'utc',
      title: meeting.theme ? `Tværfagligt team – tema: ${THEME_DA[meeting.theme]}` : 'Tværfagligt team',
      description: [`${agenda.length} borger(e) på dagsordenen.`, ...lines, 'Se dagsordenen i Forløb.'].join('\n'),
      status: 'CONFIRMED',
      busyStatus: 'BUSY',
      classification: 'CONFIDENTIAL',
    });
    if (error || !value) throw error ?? new Error('no calendar');
    return {
      body: value,
      contentType: 'text/calendar; charset=utf-8',
      headers: { 'content-disposition': 'attachment; filename="teammoede.ics"' },
    };
  }),

  'POST /team-meetings/{id}/items/{enrolmentId}': authenticated(async (request, caller) => {
    const { meeting, agenda } = await visibleMeeting(caller, request.params.id);
    const journey = await visibleJourney(caller, request.params.enrolmentId, request.route);
    const index = agenda.findIndex((e) => e.enrolmentId === journey.id);
    const entry = agenda[index];
    if (!entry) throw ruleViolated('not-on-agenda', 'this citizen is not on the agenda of this meeting');
    if (entry.recorded) throw conflict('this item was already recorded');
    const input = request.body;
    const clock = now();
    const decided = decideOrRefuse(
      journey,
      { kind: 'meeting-item', by: caller.user.username, meetingStartsAt: meeting.startsAt, withCitizen: entry.withCitizen, citizenPresent: input.citizenPresent, recommendations: input.recommendations.length },
      clock,
    );
    const record = { citizenPresent: input.citizenPresent, recommendations: input.recommendations, by: caller.user.username, at: clock.toISOString() };
    await saveJourney(journey, decided.journey, decided.events, recordItemWrites(meeting, index, journey.id, record));
    await followDecision(journey, decided);
    const item: TeamMeetingItem = {
      meetingId: meeting.id,
      startsAt: meeting.startsAt,
      slotStart: entry.slotStart,
      slotEnd: entry.slotEnd,
      withCitizen: entry.withCitizen,
      recorded: true,
      ...record,
    };
    return { body: { item, stage: decided.journey.stage } };
  }),
});
