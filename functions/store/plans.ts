import { QueryCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../platform/clients.js';
import { config } from '../platform/env.js';
import { Plan, PreparatoryForm } from '../contract/plan.js';
import { journeyPk, revisionKey, revisionPrefix, type RevisionKind } from './keys.js';
import { queryAll } from './queries.js';

/*
 * Revisions of the preparatory form and the action plan, kept as items in the enrolment's partition
 * (sk PREPFORM#v0001…, PLAN#v0001…): nothing is overwritten, and the journey view reads them in its one query.
 */

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const schemaOf = { PREPFORM: PreparatoryForm, PLAN: Plan } as const;
type RevisionOf<K extends RevisionKind> = K extends 'PLAN' ? Plan : PreparatoryForm;

function parse<K extends RevisionKind>(kind: K, item: Record<string, unknown>): RevisionOf<K> {
  return schemaOf[kind].parse(item) as RevisionOf<K>;
}

/** The latest revision, or null when there is none yet. */
export async function latestRevision<K extends RevisionKind>(enrolmentId: string, kind: K): Promise<RevisionOf<K> | null> {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config.dataTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': journeyPk(enrolmentId), ':prefix': revisionPrefix(kind) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = out.Items?.[0];
  return item ? parse(kind, item) : null;
}

/** Every revision, oldest first. */
export async function listRevisions<K extends RevisionKind>(enrolmentId: string, kind: K): Promise<RevisionOf<K>[]> {
  const items = await queryAll({
    TableName: config.dataTable,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': journeyPk(enrolmentId), ':prefix': revisionPrefix(kind) },
    ConsistentRead: true,
  });
  return items.map((item) => parse(kind, item));
}

/** The latest revision among a journey's items (the journey view's one query). */
export function latestAmong<K extends RevisionKind>(items: Record<string, unknown>[], kind: K): RevisionOf<K> | null {
  const prefix = revisionPrefix(kind);
  const mine = items.filter((i) => typeof i.sk === 'string' && i.sk.startsWith(prefix)).sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
  const last = mine.at(-1);
  return last ? parse(kind, last) : null;
}

/** Adds a revision inside the caller's transaction; refused if that version exists (someone was first). */
export function putRevision(enrolmentId: string, kind: RevisionKind, revision: PreparatoryForm | Plan): TransactItem {
  return {
    Put: {
      TableName: config.dataTable,
      Item: { ...revisionKey(enrolmentId, kind, revision.version), type: kind === 'PLAN' ? 'plan' : 'preparatory-form', ...revision },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
