import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { conflict } from '../platform/errors.js';
import { Ambassador, Certificate, Internship } from '../contract/internships.js';
import { ambassadorKey, certificateKey, internshipKey, internshipRefKey, municipalityAmbassadorKey, municipalityAmbassadorsPk } from './keys.js';
import type { TransactItem } from './journeys.js';
import { isConditionFailure, queryAll } from './queries.js';

/*
 * Gennem Job til Uddannelse's items: internships (with their weekly hours) and learning certificates in the
 * young person's journey partition, read with the rest of the journey in its one query; ambassadors on their own.
 * Internships change together with their journey (saveJourney's transaction, guarded by the journey's version).
 */

/** Puts an internship (new or changed) in its journey's partition, and, when new, the reference that finds it by id. */
export function internshipItems(internship: Internship, isNew: boolean): TransactItem[] {
  const put: TransactItem = { Put: { TableName: config.dataTable, Item: { ...internshipKey(internship.enrolmentId, internship.id), type: 'internship', ...internship } } };
  if (!isNew) return [put];
  return [put, { Put: { TableName: config.dataTable, Item: { ...internshipRefKey(internship.id), type: 'internship-ref', enrolmentId: internship.enrolmentId }, ConditionExpression: 'attribute_not_exists(pk)' } }];
}

export function certificateItem(enrolmentId: string, certificate: Certificate): TransactItem {
  return { Put: { TableName: config.dataTable, Item: { ...certificateKey(enrolmentId, certificate.internshipId, certificate.id), type: 'learning-certificate', ...certificate } } };
}

/** The journey an internship belongs to, or undefined for an unknown one. */
export async function enrolmentOfInternship(internshipId: string): Promise<string | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: internshipRefKey(internshipId) }));
  return out.Item ? z.string().parse(out.Item.enrolmentId) : undefined;
}

/** The internships among a journey's items, by start date. */
export const internshipsAmong = (items: Record<string, unknown>[]): Internship[] =>
  items
    .filter((item) => item.type === 'internship')
    .map((item) => Internship.parse(item))
    .sort((a, b) => a.startDate.localeCompare(b.startDate));

/** The learning certificates among a journey's items, by date. */
export const certificatesAmong = (items: Record<string, unknown>[]): Certificate[] =>
  items
    .filter((item) => item.type === 'learning-certificate')
    .map((item) => Certificate.parse(item))
    .sort((a, b) => a.date.localeCompare(b.date) || a.at.localeCompare(b.at));

/** Registers an ambassador, with a copy in the list of every municipality it serves (each list is one query). */
export async function createAmbassador(ambassador: Ambassador): Promise<void> {
  const items: TransactItem[] = [
    { Put: { TableName: config.dataTable, Item: { ...ambassadorKey(ambassador.id), type: 'ambassador', ...ambassador }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ...ambassador.municipalities.map((m): TransactItem => ({ Put: { TableName: config.dataTable, Item: { ...municipalityAmbassadorKey(m, ambassador.kind, ambassador.id), type: 'ambassador-of', ...ambassador } } })),
  ];
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('an ambassador with this id exists');
    throw error;
  }
}

export async function getAmbassador(id: string): Promise<Ambassador | undefined> {
  const out = await dynamo.send(new GetCommand({ TableName: config.dataTable, Key: ambassadorKey(id) }));
  return out.Item ? Ambassador.parse(out.Item) : undefined;
}

/** The ambassadors serving any of `municipalities` (of one kind when given), by name, each once. */
export async function listAmbassadors(municipalities: readonly string[], kind?: string): Promise<Ambassador[]> {
  const lists = await Promise.all(
    municipalities.map((m) =>
      queryAll({
        TableName: config.dataTable,
        KeyConditionExpression: kind ? 'pk = :pk AND begins_with(sk, :kind)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': municipalityAmbassadorsPk(m), ...(kind ? { ':kind': `${kind}#` } : {}) },
      }),
    ),
  );
  const byId = new Map(lists.flat().map((item) => [String(item.id), Ambassador.parse(item)]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'da'));
}
