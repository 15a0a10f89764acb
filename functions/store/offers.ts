import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { Offer, type InterventionDomain } from '../contract/plan.js';
import { GSI1, OFFERS_INDEX_PK, offerKey } from './keys.js';
import { batchGetItems, queryAll } from './queries.js';

/** The offers catalogue (ydelseskatalog): one item per offer, listed by domain through gsi1. */
export async function createOffer(offer: Offer): Promise<void> {
  await dynamo.send(
    new PutCommand({
      TableName: config.dataTable,
      Item: { ...offerKey(offer.id), gsi1pk: OFFERS_INDEX_PK, gsi1sk: `${offer.domain}#${offer.name}#${offer.id}`, type: 'offer', ...offer },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getOffer(id: string): Promise<Offer | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: offerKey(id) }));
  return out.Item ? Offer.parse(out.Item) : undefined;
}

export async function listOffers(domain?: InterventionDomain): Promise<Offer[]> {
  const items = await queryAll({
    TableName: config.dataTable,
    IndexName: GSI1,
    KeyConditionExpression: domain ? 'gsi1pk = :pk AND begins_with(gsi1sk, :domain)' : 'gsi1pk = :pk',
    ExpressionAttributeValues: domain ? { ':pk': OFFERS_INDEX_PK, ':domain': `${domain}#` } : { ':pk': OFFERS_INDEX_PK },
  });
  return items.map((item) => Offer.parse(item));
}

/** The offers with these ids that exist (a plan names at most 50). */
export async function getOffers(ids: string[]): Promise<Map<string, Offer>> {
  const found = new Map<string, Offer>();
  for (const item of await batchGetItems([...new Set(ids)].map(offerKey))) {
    const offer = Offer.parse(item);
    found.set(offer.id, offer);
  }
  return found;
}
