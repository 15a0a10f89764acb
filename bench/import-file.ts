import type { System } from '../test/support/system.js';

/*
 * The benches' target lists: fictional citizens as CSV lines, imported through the HTTP API as a lead does,
 * followed until the import is done (the 202 path polls GET /imports/{id}).
 */

/**
 * `count` fictional, unique CPR lines: a real date in the 19`yearDigit`0s–…, a serial from `serialBase` whose
 * first digit keeps the 1900s, alternating Ishøj and Vallensbæk. Each bench takes its own `yearDigit` and
 * `serialBase`, so their citizens never meet the demo's or each other's.
 */
export function fictionalCsv(count: number, { yearDigit, serialBase }: { yearDigit: number; serialBase: number }): string {
  const lines = ['cpr;name;municipality'];
  for (let i = 0; i < count; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(i / 28) % 12) + 1).padStart(2, '0');
    const serial = String(serialBase + Math.floor(i / 3360)).padStart(4, '0');
    lines.push(`${day}${month}${yearDigit}${Math.floor(i / 336) % 10}-${serial};Fiktiv Borger ${i};${i % 2 ? '0183' : '0187'}`);
  }
  return lines.join('\r\n');
}

/** Posts the list as `lead` and follows it until done; when it answered and when it was done (performance.now()). */
export async function importAndWait(system: System, lead: string, programmeId: string, csv: string) {
  const client = system.as(lead);
  const reply = await client.post(`/programmes/${programmeId}/enrolments/import`, undefined, { raw: csv, contentType: 'text/csv' });
  const answered = performance.now();
  let result = reply.body;
  if (reply.status === 202) {
    for (;;) {
      result = (await client.get(`/imports/${reply.body.importId}`)).body;
      if (result.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 250));
    }
  } else if (reply.status !== 200) throw new Error(`the import answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return { reply, result, answered, done: performance.now() };
}
