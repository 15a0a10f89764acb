import { randomUUID } from 'node:crypto';
import { authenticated, requireRole } from '../app/access.js';
import { now } from '../platform/clock.js';
import { apiHandler } from '../platform/http.js';
import { type Offer } from '../contract/plan.js';
import { Role } from '../contract/schemas.js';
import { createOffer, listOffers } from '../store/offers.js';

/** Every staff role reads the catalogue (it holds no citizen data); an evaluator has no use for it. */
const READERS = Role.options.filter((r) => r !== 'evaluator');

export const handler = apiHandler({
  'POST /offers': authenticated(async (request, caller) => {
    requireRole(caller, 'admin');
    const input = request.body;
    const offer: Offer = {
      id: randomUUID(),
      name: input.name,
      provider: input.provider,
      domain: input.domain,
      targetGroup: input.targetGroup,
      capacity: input.capacity ?? null,
      description: input.description ?? null,
      createdAt: now().toISOString(),
    };
    await createOffer(offer);
    return { body: offer };
  }),

  'GET /offers': authenticated(async (request, caller) => {
    requireRole(caller, ...READERS);
    const query = request.query;
    return { body: { items: await listOffers(query.domain) } };
  }),
});
