import { describe, expect, it } from 'vitest';
import { attendanceEffect, checkAttendance, checkBooking, checkSanction } from '../../../functions/domain/appointments.js';
import { User } from '../../../functions/contract/schemas.js';
import { recipientsOf } from '../../../functions/domain/recipients.js';

const now = new Date('2031-03-03T09:00:00+01:00');
const soon = '2031-03-04T10:00:00+01:00';

describe('booking', () => {
  it('books intake only while the journey awaits it, held by the caseworker for green and the tovholders for orange', () => {
    expect(checkBooking({ stage: 'intake', colour: 'green' }, { kind: 'intake', endsAt: soon, ownerRoles: ['caseworker'] }, now)).toEqual({ ok: true });
    expect(checkBooking({ stage: 'intake', colour: 'green' }, { kind: 'intake', endsAt: soon, ownerRoles: ['tovholder'] }, now)).toMatchObject({ rule: 'owner-not-eligible' });
    expect(checkBooking({ stage: 'intake', colour: 'orange' }, { kind: 'intake', endsAt: soon, ownerRoles: ['lead'] }, now)).toEqual({ ok: true });
    expect(checkBooking({ stage: 'intake', colour: 'orange' }, { kind: 'intake', endsAt: soon, ownerRoles: ['caseworker'] }, now)).toMatchObject({ rule: 'owner-not-eligible' });
    expect(checkBooking({ stage: 'team-meeting', colour: 'blue' }, { kind: 'intake', endsAt: soon, ownerRoles: ['tovholder'] }, now)).toMatchObject({ rule: 'intake-not-awaited' });
  });

  it('lets a provider hold interventions only; refuses closed journeys, unknown owners and far-away times', () => {
    expect(checkBooking({ stage: 'follow-up', colour: 'orange' }, { kind: 'intervention', endsAt: soon, ownerRoles: ['provider'] }, now)).toEqual({ ok: true });
    expect(checkBooking({ stage: 'follow-up', colour: 'orange' }, { kind: 'follow-up', endsAt: soon, ownerRoles: ['provider'] }, now)).toMatchObject({ rule: 'owner-not-eligible' });
    expect(checkBooking({ stage: 'follow-up', colour: 'orange' }, { kind: 'follow-up', endsAt: soon, ownerRoles: null }, now)).toMatchObject({ rule: 'owner-not-eligible' });
    expect(checkBooking({ stage: 'closed', colour: 'red' }, { kind: 'follow-up', endsAt: soon, ownerRoles: ['tovholder'] }, now)).toMatchObject({ rule: 'journey-closed' });
    expect(checkBooking({ stage: 'plan', colour: 'orange' }, { kind: 'follow-up', endsAt: '2032-03-03T09:00:00+01:00', ownerRoles: ['tovholder'] }, now)).toMatchObject({ rule: 'too-far-ahead' });
  });
});

describe('attendance', () => {
  it('is registered once, and attended or no-show only once the appointment has begun', () => {
    expect(checkAttendance({ startsAt: soon, attendance: null }, 'no-show', now)).toMatchObject({ rule: 'appointment-not-started' });
    expect(checkAttendance({ startsAt: soon, attendance: null }, 'cancelled', now)).toEqual({ ok: true });
    expect(checkAttendance({ startsAt: '2031-03-03T08:00:00+01:00', attendance: null }, 'attended', now)).toEqual({ ok: true });
    expect(checkAttendance({ startsAt: '2031-03-03T08:00:00+01:00', attendance: { status: 'attended' } }, 'attended', now)).toMatchObject({ rule: 'attendance-registered' });
  });

  it('moves the journey on after an attended intake, and makes a green no-show orange', () => {
    expect(attendanceEffect({ stage: 'intake', colour: 'orange' }, 'intake', 'attended')).toMatchObject({ stage: 'preparatory-form', restartsStageClock: true });
    expect(attendanceEffect({ stage: 'intake', colour: 'green' }, 'intake', 'attended')).toMatchObject({ stage: 'team-meeting', restartsStageClock: true });
    expect(attendanceEffect({ stage: 'intake', colour: 'green' }, 'intake', 'no-show')).toMatchObject({
      stage: 'intake',
      colour: 'orange',
      colourChanged: true,
      tellTovholderMissed: true,
      restartsStageClock: true,
    });
    expect(attendanceEffect({ stage: 'intake', colour: 'orange' }, 'intake', 'no-show')).toMatchObject({ colour: 'orange', colourChanged: false, tellTovholderMissed: true, restartsStageClock: false });
    expect(attendanceEffect({ stage: 'follow-up', colour: 'green' }, 'follow-up', 'no-show')).toMatchObject({ colour: 'green', tellTovholderMissed: true });
    expect(attendanceEffect({ stage: 'intake', colour: 'green' }, 'intake', 'cancelled')).toMatchObject({ stage: 'intake', colour: 'green', restartsStageClock: false, tellTovholderMissed: false });
  });
});

describe('sanctions', () => {
  const base = { attendance: 'no-show' as const, reasonableCause: false, lackOfResources: false, financialHardship: false, conclusion: 'recommend-sanction' as const };
  it('are recommended only after a no-show, without cause, with resources, and without hardship', () => {
    expect(checkSanction(base)).toEqual({ ok: true });
    expect(checkSanction({ ...base, attendance: 'attended' })).toMatchObject({ rule: 'sanction-needs-no-show' });
    expect(checkSanction({ ...base, attendance: null })).toMatchObject({ rule: 'sanction-needs-no-show' });
    expect(checkSanction({ ...base, lackOfResources: true })).toMatchObject({ rule: 'sanction-not-allowed' });
    expect(checkSanction({ ...base, financialHardship: true, conclusion: 'no-sanction' })).toEqual({ ok: true });
  });
});

describe('recipients', () => {
  const user = (username: string, roles: string[], municipalities = ['0183'], active = true) =>
    User.parse({ username, name: username, email: `${username}@example.org`, roles, municipalities, programmes: ['prog-1'], active, createdAt: '2031-01-01T00:00:00Z' });
  const users = [user('lead.a', ['lead']), user('lead.b', ['lead'], ['0187']), user('tov.a', ['tovholder']), user('cm.a', ['care-manager']), user('cm.b', ['care-manager'], ['0187']), user('gone', ['caseworker'], ['0183'], false)];
  const journey = { programmeId: 'prog-1', municipality: '0183', primaryTovholder: null as { username: string } | null };
  const names = (list: User[]) => list.map((u) => u.username);

  it('stands in the municipality’s leads for a missing tovholder or a deactivated owner', () => {
    expect(names(recipientsOf(users, journey, 'tovholder'))).toEqual(['lead.a']);
    expect(names(recipientsOf(users, { ...journey, primaryTovholder: { username: 'tov.a' } }, 'tovholder'))).toEqual(['tov.a']);
    expect(names(recipientsOf(users, { ...journey, owner: 'gone' }, 'owner'))).toEqual(['lead.a']);
  });

  it('sends safety flags to the primary tovholder and the care managers of that municipality', () => {
    expect(names(recipientsOf(users, { ...journey, primaryTovholder: { username: 'tov.a' } }, 'safety-team'))).toEqual(['tov.a', 'cm.a']);
    expect(names(recipientsOf(users, { ...journey, municipality: '0187' }, 'safety-team'))).toEqual(['cm.b']);
  });
});
