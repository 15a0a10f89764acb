import { randomUUID } from 'node:crypto';
import { adminManages, authenticated } from '../app/access.js';
import { forbidden } from '../platform/errors.js';
import { now } from '../platform/clock.js';
import { apiHandler } from '../platform/http.js';
import { type Offer } from '../contract/plan.js';
import { createOffer, listOffers } from '../store/offers.js';

export const handler = apiHandler({
  'POST /offers': authenticated(async (request, caller) => {
    // An admin limited to municipalities manages the offers of those only (see `adminManages`).
    const input = request.body;
    if (!adminManages(caller, input.municipalities)) throw forbidden('you manage offers of your own municipalities only');
    const offer: Offer = {
      id: randomUUID(),
      name: input.name,
      provider: input.provider,
      domain: input.domain,
      targetGroup: input.targetGroup,
      capacity: input.capacity ?? null,
      description: input.description ?? null,
      municipalities: [...new Set(input.municipalities)],
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
