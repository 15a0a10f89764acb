import { afterAll, beforeAll, expect, it } from 'vitest';
import { givenProgrammeWithStaff, startSystem, type System } from '../support/system.js';

/** The enrolment import through the API: what is created, what is reported, and that nothing is half-made. */
let system: System;
let programme: { id: string };

beforeAll(async () => {
  system = await startSystem();
  ({ programme } = await givenProgrammeWithStaff(system));
}, 60_000);
afterAll(() => system?.stop());

const importCsv = (user: string, bytes: string | Uint8Array) =>
  system.as(user).post(`/programmes/${programme.id}/enrolments/import`, undefined, { raw: bytes, contentType: 'text/csv' });

it('creates the valid lines, reports the bad ones by physical line, and starts one journey for each created', async () => {
  const executionsBefore = system.runtime.stepFunctions.listExecutions().length;
  // Windows-1252 as Danish Excel saves it: "ø" is 0xF8, "æ" 0xE6.
  const text = [
    'cpr;name;municipality',
    '010190-1234;S\u00f8ren Fiktiv;0183', // line 2: created
    '0201901235;Mette M\u00e6rkelig;187', // line 3: created, the leading zero restored
    '', // line 4: blank, skipped
    '300290-1236;Dato Forkert;0183', // line 5: 30 February
    '010190-1234;S\u00f8ren Igen;0183', // line 6: repeat of line 2
    '030390-1237;Anden Kommune;0101', // line 7: not a municipality of the programme
    '040490-1238;For Mange;0183;x', // line 8: a fourth field
  ].join('\r\n');
  const reply = await importCsv('lead.both', Buffer.from(text, 'latin1'));
  expect(reply.status).toBe(200);
  expect(reply.body.created).toBe(2);
  expect(reply.body.rejected.map((r: { line: number }) => r.line)).toEqual([5, 6, 7, 8]);
  for (const r of reply.body.rejected) expect(r.reason).not.toMatch(/\d{6}-?\d{4}|S\u00f8ren/);

  const overview = (await system.as('lead.both').get(`/programmes/${programme.id}/enrolments`)).body;
  expect(overview.items.map((i: { name: string; municipality: string }) => `${i.name} ${i.municipality}`).sort()).toEqual([
    'Mette M\u00e6rkelig 0187',
    'S\u00f8ren Fiktiv 0183',
  ]);
  expect(overview.counts.unscreened).toBe(2);
  await system.runtime.stepFunctions.settled();
  expect(system.runtime.stepFunctions.listExecutions().length - executionsBefore).toBe(2);
});

it('reports citizens already enrolled at their line, and a lead of one municipality cannot import into the other', async () => {
  const text = ['\ufeffcpr;name;municipality', '010190-1234;S\u00f8ren Fiktiv;0183', '050590-1239;Ny Borger;0187', '060690-1240;Ny Ish\u00f8j;0183'].join('\n');
  const reply = await importCsv('lead.ishoj', text);
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual({
    created: 1,
    rejected: [
      { line: 2, reason: 'This citizen is already enrolled in the programme.' },
      { line: 3, reason: 'You are not assigned to municipality 0187.' },
    ],
  });
  expect((await system.as('lead.both').get(`/programmes/${programme.id}/enrolments`)).body.counts.unscreened).toBe(3);
});

it('refuses a file without the header, UTF-16, and callers who may not enrol, changing nothing', async () => {
  const before = await system.journeyData();
  const noHeader = await importCsv('lead.both', '010190-1234;S\u00f8ren;0183');
  expect(noHeader.status).toBe(400);
  expect(noHeader.body.error.message).toMatch(/header/);
  const utf16 = await importCsv('lead.both', new Uint8Array([0xff, 0xfe, 0x63, 0x00]));
  expect(utf16.status).toBe(400);
  expect((await importCsv('tov.ishoj', 'cpr;name;municipality\n070790-1241;X;0183')).status).toBe(403);
  expect((await importCsv('lead.other', 'cpr;name;municipality\n070790-1241;X;0183')).status).toBe(404);
  expect(await system.journeyData()).toEqual(before);
});

it('writes the audit of an import only with the DynamoDB actions the functions’ role grants on it (append-only)', async () => {
  const { dynamo } = await import('../../functions/platform/clients.js');
  const template = system.runtime.model.template as { Resources: Record<string, any> };
  const auditTable = Object.keys(template.Resources).find((id) => id.startsWith('DataAudit') && template.Resources[id].Type === 'AWS::DynamoDB::Table')!;
  const granted = new Set<string>(
    Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::IAM::Policy')
      .flatMap((r) => r.Properties.PolicyDocument.Statement)
      .filter((s: any) => JSON.stringify(s.Resource).includes(auditTable))
      .flatMap((s: any) => [s.Action].flat()),
  );
  // The IAM action each call needs on the audit table (a transaction: the action of each of its items).
  const auditName = system.runtime.model.tables().find((t) => t.TableName!.startsWith('DataAudit'))!.TableName!;
  const iamAction = (operation: string) => `dynamodb:${['Put', 'Get', 'Update', 'Delete', 'ConditionCheck', 'BatchWrite', 'BatchGet'].includes(operation) ? `${operation}Item` : operation}`;
  const used = new Set<string>();
  const send = dynamo.send.bind(dynamo);
  (dynamo as any).send = (command: any, ...rest: any[]) => {
    const input = command.input ?? {};
    const operation = command.constructor.name.replace(/Command$/, '');
    if (input.TableName === auditName || input.RequestItems?.[auditName]) used.add(iamAction(operation));
    for (const item of input.TransactItems ?? []) {
      const [kind, body] = Object.entries(item)[0] as [string, { TableName: string }];
      if (body.TableName === auditName) used.add(iamAction(kind));
    }
    return send(command, ...rest);
  };
  try {
    const lines = ['cpr;name;municipality', ...Array.from({ length: 40 }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}${i < 28 ? '05' : '06'}85-${2000 + i};Fiktiv ${i};0183`)];
    expect((await importCsv('lead.both', lines.join('\n'))).body.created).toBe(40);
  } finally {
    (dynamo as any).send = send;
  }
  expect([...used].sort()).toEqual(['dynamodb:PutItem']);
  for (const action of used) expect(granted, action).toContain(action);
});

it('makes several batches at once, and still counts every journey once, starts each, and reports refused lines in order', async () => {
  // 200 lines (the most that answer at once): nine chunks of up to 24, four made at once. Distinct fictional CPR numbers (born 1979).
  const cpr = (i: number) => `${String((i % 28) + 1).padStart(2, '0')}${String(Math.floor(i / 28) + 1).padStart(2, '0')}79-${3000 + i}`;
  const alreadyEnrolled = '150679-3999';
  expect((await system.as('lead.both').post(`/programmes/${programme.id}/enrolments`, { cpr: alreadyEnrolled, name: 'Allerede Fiktiv', municipality: '0187' })).status).toBe(201);
  const countsBefore = (await system.as('lead.both').get(`/programmes/${programme.id}/enrolments`)).body.counts;
  await system.runtime.stepFunctions.settled();
  const executionsBefore = system.runtime.stepFunctions.listExecutions().length;

  const rows = Array.from({ length: 200 }, (_, i) => `${cpr(i)};Fiktiv Parti ${i};${i % 2 ? '0183' : '0187'}`);
  rows[150] = `${cpr(10)};Fiktiv Gentaget;0187`; // line 152: a repeat of line 12, in a later batch
  rows[180] = `${alreadyEnrolled};Fiktiv Allerede;0187`; // line 182: enrolled before the import
  const reply = await importCsv('lead.both', ['cpr;name;municipality', ...rows].join('\r\n'));
  expect(reply.status).toBe(200);
  expect(reply.body.created).toBe(198);
  expect(reply.body.rejected).toEqual([
    { line: 152, reason: expect.any(String) },
    { line: 182, reason: 'This citizen is already enrolled in the programme.' },
  ]);

  const counts = (await system.as('lead.both').get(`/programmes/${programme.id}/enrolments`)).body.counts;
  expect(counts.unscreened - countsBefore.unscreened).toBe(198);
  await system.runtime.stepFunctions.settled();
  const started = system.runtime.stepFunctions.listExecutions().slice(executionsBefore);
  expect(started).toHaveLength(198);
  expect(started.every((execution) => execution.status === 'RUNNING')).toBe(true);
}, 120_000);

/** Distinct fictional CPR numbers for the large imports below (born 1978; `i` below 10,000). */
const cpr78 = (i: number) => `${String((i % 28) + 1).padStart(2, '0')}${String((Math.floor(i / 28) % 12) + 1).padStart(2, '0')}78-${3000 + Math.floor(i / 336)}`;

async function untilDone(importId: string, user = 'lead.both') {
  const seen: { status: string; done: number }[] = [];
  for (;;) {
    const reply = await system.as(user).get(`/imports/${importId}`);
    expect(reply.status).toBe(200);
    seen.push({ status: reply.body.status, done: reply.body.done });
    if (reply.body.status !== 'running') return { result: reply.body, seen };
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Audit entries per enrolment, and the journeys, straight from the tables. */
async function auditAndJourneys() {
  const snapshot = await system.snapshot();
  const enrolAudits = new Map<string, number>();
  const journeys = new Set<string>();
  for (const item of snapshot.items) {
    const [table, ...rest] = item.split(':');
    const json = JSON.parse(rest.join(':'));
    if (table!.startsWith('DataAudit') && json.action?.S === 'enrol') enrolAudits.set(json.pk.S, (enrolAudits.get(json.pk.S) ?? 0) + 1);
    if (!table!.startsWith('DataAudit') && json.type?.S === 'journey') journeys.add(`ENROLMENT#${json.id.S}`);
  }
  return { enrolAudits, journeys };
}

it('answers 202 over 200 lines, shows the progress, and makes every line exactly once with one audit entry per journey', async () => {
  const countsBefore = (await system.as('lead.both').get(`/programmes/${programme.id}/enrolments`)).body.counts;
  await system.runtime.stepFunctions.settled();
  const journeysBefore = system.runtime.stepFunctions.listExecutions().filter((e) => e.name.startsWith('journey-')).length;
  const rows = Array.from({ length: 400 }, (_, i) => `${cpr78(i)};Fiktiv Stor ${i};${i % 2 ? '0183' : '0187'}`);
  rows[10] = '311378-3000;Fiktiv Dato;0183'; // line 12: month 13
  rows[300] = `${cpr78(5)};Fiktiv Gentaget;0187`; // line 302: repeats line 7
  rows[350] = `${cpr78(350)};Fiktiv\u0007Klokke;0183`; // line 352: a control character
  const reply = await importCsv('lead.both', ['cpr;name;municipality', ...rows].join('\r\n'));
  expect(reply.status).toBe(202);
  expect(reply.body).toEqual({ importId: expect.any(String) });

  const { result, seen } = await untilDone(reply.body.importId);
  expect(seen.some((s) => s.status === 'running' && s.done < 400)).toBe(true);
  expect(result).toEqual({ status: 'done', total: 400, done: 400, created: 397, rejected: [12, 302, 352].map((line) => ({ line, reason: expect.any(String) })) });
  expect(result.created + result.rejected.length).toBe(result.total);

  const counts = (await system.as('lead.both').get(`/programmes/${programme.id}/enrolments`)).body.counts;
  expect(counts.unscreened - countsBefore.unscreened).toBe(397);
  await system.runtime.stepFunctions.settled();
  const journeys = system.runtime.stepFunctions.listExecutions().filter((e) => e.name.startsWith('journey-'));
  expect(journeys.length - journeysBefore).toBe(397);
  const { enrolAudits, journeys: stored } = await auditAndJourneys();
  for (const id of stored) expect(enrolAudits.get(id), id).toBe(1);
  expect([...enrolAudits.keys()].every((id) => stored.has(id))).toBe(true);

  // The stored lines (CPR numbers, names) are gone once it is done; what stays names nobody.
  const left = (await system.snapshot()).items.filter((item) => item.includes(`"IMPORT#${reply.body.importId}"`));
  expect(left.some((item) => item.includes('"CHUNK#'))).toBe(false);
  expect(left.filter((item) => item.includes('"OUTCOME#'))).toHaveLength(17); // 400 lines in chunks of 24
  for (const item of left) expect(item, item).not.toMatch(/Fiktiv|(?<![0-9a-f])\d{6}-?\d{4}(?![0-9a-f])|cprEncrypted|cprHash/);
}, 180_000);

it('makes a chunk again without doubling or losing a line when its task is run again (a retry, a resume)', async () => {
  const rows = Array.from({ length: 240 }, (_, i) => `${cpr78(1000 + i)};Fiktiv Igen ${i};0183`);
  const reply = await importCsv('lead.both', ['cpr;name;municipality', ...rows].join('\n'));
  expect(reply.status).toBe(202);
  const { result } = await untilDone(reply.body.importId);
  expect(result.created).toBe(240);
  await system.runtime.stepFunctions.settled();
  const executions = system.runtime.stepFunctions.listExecutions().length;
  const before = await auditAndJourneys();

  // As if the task had stopped after writing its chunks but before recording them started: it runs again.
  const { dynamo } = await import('../../functions/platform/clients.js');
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  const { importKey } = await import('../../functions/store/keys.js');
  const { config } = await import('../../functions/platform/env.js');
  await dynamo.send(new UpdateCommand({ TableName: config.dataTable, Key: importKey(reply.body.importId), UpdateExpression: 'SET chunksStarted = :zero, #s = :running', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':zero': 0, ':running': 'running' } }));
  const { handler } = await import('../../functions/workflow/import-tasks.js');
  expect(await handler({ action: 'make-chunks', importId: reply.body.importId })).toEqual({ finished: true });

  const again = (await system.as('lead.both').get(`/imports/${reply.body.importId}`)).body;
  expect(again).toEqual({ ...result, status: 'done' });
  await system.runtime.stepFunctions.settled();
  expect(system.runtime.stepFunctions.listExecutions().length).toBe(executions);
  expect(await auditAndJourneys()).toEqual(before);
}, 180_000);

it('shows an import only to users who may see its programme', async () => {
  const rows = Array.from({ length: 201 }, (_, i) => `${cpr78(2000 + i)};Fiktiv Syn ${i};0183`);
  const reply = await importCsv('lead.both', ['cpr;name;municipality', ...rows].join('\n'));
  expect(reply.status).toBe(202);
  await untilDone(reply.body.importId);
  expect((await system.as('tov.ishoj').get(`/imports/${reply.body.importId}`)).status).toBe(200);
  const other = await system.as('lead.other').get(`/imports/${reply.body.importId}`);
  expect(other.status).toBe(404);
  const unknown = await system.as('lead.both').get('/imports/00000000-0000-4000-8000-000000000000');
  expect(unknown.status).toBe(404);
  expect(other.body.error.message).toBe(unknown.body.error.message);
}, 180_000);

it('rejects a line with a 1 MB name at its line and keeps the valid lines', async () => {
  const text = ['cpr;name;municipality', `${cpr78(3000)};${'Ø'.repeat(1_000_000)};0183`, `${cpr78(3001)};Fiktiv Kort;0183`].join('\n');
  const reply = await importCsv('lead.both', text);
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual({ created: 1, rejected: [{ line: 2, reason: 'Name is longer than 200 characters.' }] });
}, 60_000);
