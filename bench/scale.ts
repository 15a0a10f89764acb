/**
 * `npm run bench:scale`: national scale by simulation (docs/scale.md says what it means). 98 municipalities in
 * 5 regions, Copenhagen with a fifth of the citizens and the rest falling off by size; one national programme
 * with 40 % of all journeys and a programme per region with the rest; 150,000 active journeys, simulated at
 * 1:100 (1,500) through the real key design and the real handlers. A Monday-peak mix of requests is sent over
 * HTTP; every DynamoDB call is recorded with its keys and the capacity it consumed, attributed to the table,
 * index and partition it reaches, and extrapolated to 2,000 requests a second nationally: partitions keyed by
 * a citizen, a user or a notification are 100× as many nationally (each gets 1/100 of the share), those keyed
 * by a programme, municipality or shard are the same ones. Goal: none over DynamoDB's per-partition limits
 * (3,000 read and 1,000 write units a second). Then an import at the same scale (1,000 lines, of the 10,000)
 * measures that its executions start within the StartExecution quota and that none is lost.
 */
import { fictionalCsv, importAndWait } from './import-file.js';
import { givenProgrammeWithStaff, startSystem, type System } from '../test/support/system.js';
import { meterDynamo, type DynamoMeter } from './dynamo-meter.js';
import { type Figure, limited, type Part, progress, runAlone } from './results.js';

const SCALE = 100;
const NATIONAL_JOURNEYS = 150_000;
const PEAK_REQUESTS_PER_SECOND = 2_000;
const REQUESTS = Number(process.env.BENCH_SCALE_REQUESTS ?? 1_000);
const IMPORT_LINES = Number(process.env.BENCH_SCALE_IMPORT_LINES ?? 1_000);
const PARTITION_READ_LIMIT = 3_000;
const PARTITION_WRITE_LIMIT = 1_000;
/** The Monday 09:00 mix, by share of requests (docs/scale.md). */
const MIX = { overview: 0.3, journey: 0.35, inbox: 0.15, note: 0.2 };

export const MUNICIPALITIES = 98;
export const REGIONS = 5;
/** Municipality codes: Copenhagen's real one first, then made-up ones; region r holds every 5th from r. */
const codes = ['0101', ...Array.from({ length: MUNICIPALITIES - 1 }, (_, i) => String(150 + i * 7).padStart(4, '0'))];
const regionOf = (m: number) => (m === 0 ? 0 : m % REGIONS);
/** Each municipality's share of the citizens: a fifth in Copenhagen, the rest by 1/rank^0.8. */
export function shares(): number[] {
  const weights = Array.from({ length: MUNICIPALITIES - 1 }, (_, i) => 1 / (i + 1) ** 0.8);
  const sum = weights.reduce((a, b) => a + b, 0);
  return [0.2, ...weights.map((w) => (0.8 * w) / sum)];
}

/** Keys naming one citizen, user, notification or entry: nationally there are SCALE times as many of them. */
const PER_ENTITY = /^(ENROLMENT|USER|INBOX|NOTIFICATION|TOVHOLDER|APPOINTMENT|OWNER|ACTOR|OVERVIEW#[^#]+#CPR)#/;

const value = (v: any): string => (v && typeof v === 'object' ? String(v.S ?? v.N ?? JSON.stringify(v)) : String(v));

interface IndexKeys {
  [table: string]: { name: string; hash: string }[];
}

/** The partitions one recorded call reaches, each with its share of the call's units (writes also reach the indexes whose key the item carries). */
function partitionsOf(call: { operation: string; input: Record<string, any>; units: number }, indexes: IndexKeys): { partition: string; units: number; write: boolean }[] {
  const out: { partition: string; units: number; write: boolean }[] = [];
  const single = (table: string, op: Record<string, any>, units: number, write: boolean) => {
    const item: Record<string, any> | undefined = op.Item;
    out.push({ partition: `${table} ${value(op.Key?.pk ?? item?.pk)}`, units, write });
    if (!write) return;
    const fields: Record<string, any> = { ...(item ?? {}) };
    if (op.UpdateExpression) {
      for (const [, name, val] of String(op.UpdateExpression).matchAll(/(#\w+) = (:\w+)/g)) fields[op.ExpressionAttributeNames?.[name!] ?? name!] = op.ExpressionAttributeValues?.[val!];
    }
    for (const index of indexes[table] ?? []) if (fields[index.hash] !== undefined) out.push({ partition: `${table}/${index.name} ${value(fields[index.hash])}`, units: Math.max(1, units), write: true });
  };
  const input = call.input;
  if (call.operation.startsWith('Query')) {
    const [, placeholder] = /^\s*\w+ = (:\w+)/.exec(String(input.KeyConditionExpression)) ?? [];
    out.push({ partition: `${input.TableName}${input.IndexName ? `/${input.IndexName}` : ''} ${value(input.ExpressionAttributeValues?.[placeholder ?? ':pk'])}`, units: call.units, write: false });
  } else if (call.operation.startsWith('TransactWrite')) {
    const items = input.TransactItems as Record<string, any>[];
    for (const t of items) {
      const [kind, op] = Object.entries(t)[0]!;
      single(op.TableName, op, call.units / items.length, kind !== 'ConditionCheck');
    }
  } else if (input.TableName) single(input.TableName, input, call.units, !/^Get/.test(call.operation));
  return out;
}

/** Per partition class (ids replaced by *), the busiest instance's units a second at the national peak. */
function extrapolate(meter: DynamoMeter, indexes: IndexKeys, requests: number) {
  const perPartition = new Map<string, { read: number; write: number }>();
  for (const call of meter.recorded!) {
    for (const p of partitionsOf(call, indexes)) {
      const entry = perPartition.get(p.partition) ?? { read: 0, write: 0 };
      if (p.write) entry.write += p.units;
      else entry.read += p.units;
      perPartition.set(p.partition, entry);
    }
  }
  const perSecond = PEAK_REQUESTS_PER_SECOND / requests;
  return [...perPartition].map(([partition, units]) => {
    const key = partition.split(' ')[1] ?? '';
    const national = PER_ENTITY.test(key) ? 1 / SCALE : 1;
    return { partition, readUnitsPerSecond: units.read * perSecond * national, writeUnitsPerSecond: units.write * perSecond * national };
  });
}

async function seedNation(system: System) {
  const { createJourneys, JOURNEYS_PER_TRANSACTION } = await import('../functions/store/journeys.js');
  const { getProgramme } = await import('../functions/store/programmes.js');
  const { createUser } = await import('../functions/store/users.js');
  const { newJourney } = await import('../functions/app/enrolment.js');
  const { parseCpr } = await import('../functions/contract/cpr.js');
  const { benchCpr, benchName } = await import('../test/web/seed-citizens.js');
  const admin = system.as('admin');
  const national = (await admin.post('/programmes', { name: 'Nationalt program', template: 'brug-for-alle', municipalities: codes })).body;
  const regional = [];
  for (let r = 0; r < REGIONS; r++) regional.push((await admin.post('/programmes', { name: `Region ${r + 1}`, template: 'brug-for-alle', municipalities: codes.filter((_, m) => regionOf(m) === r) })).body);
  const at = (await system.request('GET', '/local/clock')).body.now as string;
  const createdAt = new Date().toISOString();
  const users: { username: string; programme: string; municipality: string }[] = [];
  for (const [p, programme] of [national, ...regional].entries()) {
    for (const municipality of programme.municipalities as string[]) {
      const username = `lead.${p}.${municipality}`;
      await createUser({ username, name: username, email: `${username}@example.org`, roles: ['lead'], organisation: 'municipality', municipalities: [municipality], programmes: [programme.id], active: true, createdAt });
      users.push({ username, programme: programme.id, municipality });
    }
  }
  const share = shares();
  const total = NATIONAL_JOURNEYS / SCALE;
  const journeys: { id: string; programme: string; municipality: string }[] = [];
  let i = 0;
  for (const [m, code] of codes.entries()) {
    const count = Math.max(1, Math.round(share[m]! * total));
    const batch = [];
    for (let k = 0; k < count; k++, i++) {
      const programme = await getProgramme(k % 5 < 2 ? national.id : regional[regionOf(m)]!.id);
      const parsed = parseCpr(benchCpr(i));
      if (!parsed.ok) throw new Error('bad bench CPR');
      const made = await newJourney(programme!, 'bench', { cpr: parsed.cpr, birthDate: parsed.birthDate, name: benchName(i), municipality: code }, at);
      batch.push({ ...made, journey: { ...made.journey, colour: (['green', 'orange', 'red', 'blue', null] as const)[i % 5]!, stage: (['screening', 'intake', 'team-meeting', 'plan', 'follow-up'] as const)[i % 5]! } });
      journeys.push({ id: made.journey.id, programme: programme!.id, municipality: code });
    }
    for (let b = 0; b < batch.length; b += JOURNEYS_PER_TRANSACTION) await createJourneys(batch.slice(b, b + JOURNEYS_PER_TRANSACTION));
  }
  return { national, regional, users, journeys };
}

async function peak(system: System, meter: DynamoMeter, nation: Awaited<ReturnType<typeof seedNation>>) {
  const userOf = new Map(nation.users.map((u) => [`${u.programme}|${u.municipality}`, u.username]));
  const filters = ['', '?colour=orange', '?stage=screening', '?overdue=true', `?municipality=`];
  let errors = 0;
  meter.recorded = [];
  for (let r = 0; r < REQUESTS; r++) {
    // A citizen drawn at random, so a municipality's share of requests is its share of citizens.
    const journey = nation.journeys[Math.floor(Math.random() * nation.journeys.length)]!;
    const as = system.as(userOf.get(`${journey.programme}|${journey.municipality}`)!);
    const pick = Math.random();
    let reply;
    if (pick < MIX.overview) {
      const filter = filters[r % filters.length]!;
      reply = await as.get(`/programmes/${journey.programme}/enrolments${filter}${filter.endsWith('=') ? journey.municipality : ''}`);
    } else if (pick < MIX.overview + MIX.journey) reply = await as.get(`/enrolments/${journey.id}`);
    else if (pick < MIX.overview + MIX.journey + MIX.inbox) reply = await as.get('/me/inbox');
    else reply = await as.post(`/enrolments/${journey.id}/notes`, { kind: 'note', text: 'Skala' });
    if (reply.status >= 300) errors++;
  }
  return errors;
}

async function importWithinQuota(system: System) {
  const { programme } = await givenProgrammeWithStaff(system);
  const sfn = system.runtime.stepFunctions;
  const starts: number[] = [];
  const start = sfn.startExecution.bind(sfn);
  sfn.startExecution = (...args: Parameters<typeof start>) => (starts.push(performance.now()), start(...args));
  const csv = fictionalCsv(IMPORT_LINES, { yearDigit: 7, serialBase: 6000 });
  const began = performance.now();
  const { result } = await importAndWait(system, 'lead.both', programme.id, csv);
  await sfn.settled();
  const seconds = (performance.now() - began) / 1000;
  const bySecond = new Map<number, number>();
  for (const at of starts) bySecond.set(Math.floor((at - began) / 1000), (bySecond.get(Math.floor((at - began) / 1000)) ?? 0) + 1);
  const journeyExecutions = sfn.listExecutions().filter((e) => e.stateMachineArn.endsWith(':stateMachine:forlob-journey')).length;
  return { created: result.created as number, journeyExecutions, busiestSecond: Math.max(0, ...bySecond.values()), seconds };
}

export const scale: Part = {
  name: 'scale',
  async run() {
    const system = await startSystem();
    try {
      const indexes: IndexKeys = Object.fromEntries(
        system.runtime.model.tables().map((t) => [t.TableName, (t.GlobalSecondaryIndexes ?? []).map((g) => ({ name: g.IndexName!, hash: g.KeySchema!.find((k) => k.KeyType === 'HASH')!.AttributeName! }))]),
      );
      progress(`seeding ${NATIONAL_JOURNEYS / SCALE} journeys (1:${SCALE}) in ${MUNICIPALITIES} municipalities, 1 national and ${REGIONS} regional programmes`);
      const nation = await seedNation(system);
      const meter = await meterDynamo();
      progress(`${REQUESTS} requests of the Monday-peak mix`);
      const started = performance.now();
      const errors = await peak(system, meter, nation);
      const simulatedPerSecond = REQUESTS / ((performance.now() - started) / 1000);
      const partitions = extrapolate(meter, indexes, REQUESTS);
      const busiest = (key: 'readUnitsPerSecond' | 'writeUnitsPerSecond') => partitions.reduce((a, b) => (b[key] > a[key] ? b : a));
      const topWrite = busiest('writeUnitsPerSecond');
      const topRead = busiest('readUnitsPerSecond');
      const tableUnits = (table: string, key: 'readUnitsPerSecond' | 'writeUnitsPerSecond') => partitions.filter((p) => p.partition.startsWith(`${table} `)).reduce((n, p) => n + p[key] * (PER_ENTITY.test(p.partition.split(' ')[1] ?? '') ? SCALE : 1), 0);
      progress(`an import of ${IMPORT_LINES} lines`);
      const imported = await importWithinQuota(system);
      const figures: Figure[] = [
        { part: 'scale', figure: `peak-mix requests answered with an error (of ${REQUESTS})`, value: errors, unit: '', goal: '= 0', held: errors === 0 },
        limited('scale', `busiest partition's writes at ${PEAK_REQUESTS_PER_SECOND} req/s (${topWrite.partition.replace(/[0-9a-f-]{36}/g, '*')})`, topWrite.writeUnitsPerSecond, 'WCU/s', PARTITION_WRITE_LIMIT),
        limited('scale', `busiest partition's reads at ${PEAK_REQUESTS_PER_SECOND} req/s (${topRead.partition.replace(/[0-9a-f-]{36}/g, '*')})`, topRead.readUnitsPerSecond, 'RCU/s', PARTITION_READ_LIMIT),
        { part: 'scale', figure: `import of ${IMPORT_LINES} lines: journeys created`, value: imported.created, unit: '', goal: `= ${IMPORT_LINES}`, held: imported.created === IMPORT_LINES },
        { part: 'scale', figure: `import of ${IMPORT_LINES} lines: journey executions started`, value: imported.journeyExecutions, unit: '', goal: `= ${IMPORT_LINES}`, held: imported.journeyExecutions === IMPORT_LINES },
        limited('scale', 'import: StartExecution calls in the busiest second (bucket 800, refill 150/s)', imported.busiestSecond, '/s', 150),
      ];
      const top = (key: 'readUnitsPerSecond' | 'writeUnitsPerSecond') =>
        [...partitions].sort((a, b) => b[key] - a[key]).slice(0, 12).map((p) => ({ partition: p.partition.replace(/[0-9a-f-]{36}/g, '*'), unitsPerSecond: Math.round(p[key]) }));
      const detail = {
        simulatedRequestsPerSecond: simulatedPerSecond,
        mix: MIX,
        busiestWritePartitions: top('writeUnitsPerSecond'),
        busiestReadPartitions: top('readUnitsPerSecond'),
        tableUnitsPerSecondAtPeak: Object.fromEntries(Object.keys(indexes).map((t) => [t, { read: Math.round(tableUnits(t, 'readUnitsPerSecond')), write: Math.round(tableUnits(t, 'writeUnitsPerSecond')) }])),
        import: imported,
      };
      return { figures, detail };
    } finally {
      await system.stop();
    }
  },
};

if (import.meta.url === `file://${process.argv[1]}`) await runAlone(scale);
