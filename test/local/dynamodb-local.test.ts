import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../local/dynamodb-local.js';

describe('DynamoDB Local', () => {
  it('says why it would not start, in its own words (its stderr is read, never left to fill)', async () => {
    const notAFolder = join(mkdtempSync(join(tmpdir(), 'forlob-ddb-')), 'a-file');
    writeFileSync(notAFolder, '');
    await expect(startDynamoDbLocal({ dbPath: notAFolder })).rejects.toThrow(/exited with code \d+: Invalid directory for database creation/);
  });
});
