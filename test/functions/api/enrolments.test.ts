import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../functions/contract/schemas.js';

/*
 * The handlers of functions/api/enrolments.ts over a store that counts its reads: GET /enrolments/{id} reads the
 * journey's partition once, for the access check and the view alike.
 */
const reads = vi.hoisted(() => ({ getJourney: 0, readJourneyItems: 0 }));
const JOURNEY = {
  id: 'enrolment-1',
  programmeId: 'programme-1',
  municipality: '0183',
  name: 'Fiktiv Borger',
  cprEncrypted: 'x',
  cprMasked: '010190-XXXX',
  birthDate: '1990-01-01',
  phone: null,
  email: null,
  colour: null,
  stage: 'screening',
  stageEnteredAt: '2026-11-02T09:00:00.000Z',
  baseline: null,
  screening: null,
  exitReason: null,
  primaryTovholder: null,
  secondaryTovholder: null,
  createdAt: '2026-11-02T09:00:00.000Z',
  updatedAt: '2026-11-02T09:00:00.000Z',
  version: 1,
};
const LEAD: User = { username: 'lead.one', name: 'Lead', email: 'lead@example.org', roles: ['lead'], organisation: 'municipality', municipalities: ['0183'], programmes: ['programme-1'], active: true, createdAt: '2026-01-01T00:00:00.000Z' };

vi.mock('../../../functions/store/journeys.js', async (original) => {
  const store = await original<typeof import('../../../functions/store/journeys.js')>();
  return {
    ...store,
    getJourney: async (id: string) => {
      reads.getJourney++;
      return id === JOURNEY.id ? store.StoredJourney.parse(JOURNEY) : undefined;
    },
    readJourneyItems: async (id: string) => {
      reads.readJourneyItems++;
      return id === JOURNEY.id ? [{ pk: `ENROLMENT#${id}`, sk: 'JOURNEY', type: 'journey', ...JOURNEY }] : [];
    },
  };
});
vi.mock('../../../functions/store/users.js', () => ({
  getUser: async (username: string) => (username === LEAD.username ? LEAD : undefined),
  peopleNamed: async (usernames: readonly string[]) => new Map(usernames.map((u) => [u, { username: u, name: u === LEAD.username ? LEAD.name : u }])),
}));
vi.mock('../../../functions/store/audit.js', () => ({ audit: async () => undefined, auditOfEnrolment: async () => [] }));
vi.mock('../../../functions/store/programmes.js', () => ({ getProgramme: async () => undefined }));
vi.mock('../../../functions/store/meetings.js', async (original) => ({ ...(await original<object>()), meetingItemsOf: async () => [] }));

const { handler } = await import('../../../functions/api/enrolments.js');

const get = (id: string) =>
  handler({
    routeKey: 'GET /enrolments/{id}',
    rawPath: `/enrolments/${id}`,
    pathParameters: { id },
    headers: {},
    requestContext: { requestId: 'test', authorizer: { jwt: { claims: { username: LEAD.username }, scopes: [] } } },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer);

describe('GET /enrolments/{id}', () => {
  beforeEach(() => {
    reads.getJourney = 0;
    reads.readJourneyItems = 0;
  });

  it('reads the journey once for the access check and the view', async () => {
    const reply = await get(JOURNEY.id);
    expect(reply.statusCode, String(reply.body)).toBe(200);
    expect(JSON.parse(String(reply.body))).toMatchObject({ id: JOURNEY.id, stage: 'screening' });
    expect(reads).toEqual({ getJourney: 0, readJourneyItems: 1 });
  });

  it('answers 404 for a journey that is not there, after the one read', async () => {
    const reply = await get('enrolment-2');
    expect(reply.statusCode).toBe(404);
    expect(reads).toEqual({ getJourney: 0, readJourneyItems: 1 });
  });
});
