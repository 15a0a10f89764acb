import { randomUUID } from 'node:crypto';
import { authenticated } from '../app/access.js';
import { now } from '../platform/clock.js';
import { apiHandler } from '../platform/http.js';
import { type Offer } from '../contract/plan.js';
import { createOffer, listOffers } from '../store/offers.js';

export const handler = apiHandler({
  'POST /offers': authenticated(async (request, caller) => {
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
    const query = request.query;
    return { body: { items: await listOffers(query.domain) } };
  }),
});
