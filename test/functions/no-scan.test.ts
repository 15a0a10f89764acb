import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * No request path reads a table by Scan (issue 18, P1): a Scan reads every item of the table, so its cost grows
 * with every citizen of every programme. Everything under functions/ is a request path (API and workflow task
 * handlers and what they call); the local runner and the tests may scan.
 */
const root = join(import.meta.dirname, '../../functions');
/** The SDK's ways to scan: the command (v3, low-level and document client), its paginator, the v2 method. */
const SCAN = /\b(Scan(Command|CommandInput|Input)\b|paginateScan\b|\.scan\(|'DynamoDB_20120810\.Scan')/;

function scansIn(text: string): string[] {
  return text.split('\n').filter((line) => SCAN.test(line));
}

describe('no Scan on any request path', () => {
  it('recognises every way the SDK scans', () => {
    expect(scansIn("import { ScanCommand } from '@aws-sdk/lib-dynamodb';")).toHaveLength(1);
    expect(scansIn('for await (const page of paginateScan({ client }, input)) {}')).toHaveLength(1);
    expect(scansIn('await documentClient.scan(params).promise();')).toHaveLength(1);
    expect(scansIn("await dynamo.send(new QueryCommand({ TableName, KeyConditionExpression: 'pk = :pk' }));")).toEqual([]);
  });

  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  it.each(files)('functions/%s sends no Scan', (file) => {
    expect(scansIn(readFileSync(join(root, file), 'utf8'))).toEqual([]);
  });
});
