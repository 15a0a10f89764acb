import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { User } from '../../../functions/contract/schemas.js';

/* POST /offers over a store that keeps nothing: an admin limited to municipalities adds offers of those only. */
const created = vi.hoisted(() => [] as unknown[]);
const admin = (username: string, municipalities: string[]): User => ({
  username,
  name: 'Admin',
  email: `${username}@example.org`,
  roles: ['admin'],
  organisation: 'municipality',
  municipalities,
  programmes: [],
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
});
const USERS = [admin('national.admin', []), admin('ishoj.admin', ['0183'])];

vi.mock('../../../functions/store/users.js', () => ({ getUser: async (username: string) => USERS.find((u) => u.username === username) }));
vi.mock('../../../functions/store/offers.js', () => ({ createOffer: async (offer: unknown) => void created.push(offer), listOffers: async () => [] }));

const { handler } = await import('../../../functions/api/offers.js');

async function post(username: string, municipalities?: string[]) {
  const reply = await handler({
    routeKey: 'POST /offers',
    rawPath: '/offers',
    headers: {},
    body: JSON.stringify({ name: 'Angstgruppe', provider: 'Sundhedscentret', domain: 'health', targetGroup: 'Voksne', ...(municipalities ? { municipalities } : {}) }),
    requestContext: { requestId: 'test', authorizer: { jwt: { claims: { username }, scopes: [] } } },
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer);
  return reply.statusCode;
}

describe('POST /offers', () => {
  it('lets an admin limited to municipalities add offers of those only', async () => {
    expect(await post('ishoj.admin', ['0183'])).toBe(201);
    expect(await post('ishoj.admin', ['0183', '0187'])).toBe(403);
    expect(await post('ishoj.admin', ['0187'])).toBe(403);
    // An offer of no municipality is national: the national admin's.
    expect(await post('ishoj.admin')).toBe(403);
    expect(created).toHaveLength(1);
  });

  it('lets the national admin add any offer', async () => {
    expect(await post('national.admin')).toBe(201);
    expect(await post('national.admin', ['0187'])).toBe(201);
  });
});
