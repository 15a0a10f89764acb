import { describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { apiHandler, illFormedText } from '../../../functions/platform/http.js';

describe('illFormedText', () => {
  it('finds a lone surrogate in a value or a field name and names its path', () => {
    expect(illFormedText({ kind: 'note', text: 'Halvt \ud800 tegn' })).toBe('text');
    expect(illFormedText({ interventions: [{ goal: 'ok' }, { goal: '\udc00' }] })).toBe('interventions.1.goal');
    expect(illFormedText({ ['\ud800']: 1 })).toBe('(field name)');
    expect(illFormedText('\ud83d')).toBe('');
  });

  it('accepts well-formed text, pairs included, and survives deep nesting', () => {
    expect(illFormedText({ name: 'Søren Ærø 😀', n: 1, list: [null, true, 'å'] })).toBeNull();
    let deep: unknown = 'ok';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(illFormedText(deep)).toBeNull();
  });
});

describe('apiHandler at the request boundary', () => {
  const handler = apiHandler({
    'GET /health': async () => ({ body: { status: 'ok', ready: true } }),
    'POST /programmes': async () => ({ status: 201, body: { reached: true } }),
    'POST /programmes/{id}/enrolments/import': async () => ({ body: { reached: true } }),
  });
  const event = (routeKey: string, extra: Record<string, unknown> = {}) =>
    ({ routeKey, headers: {}, requestContext: { requestId: 'request-1' }, ...extra }) as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;

  it('answers every response, errors included, with Cache-Control: no-store', async () => {
    expect((await handler(event('GET /health'))).headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    expect((await handler(event('GET /nothing'))).headers).toMatchObject({ 'cache-control': 'no-store' });
  });

  it("keeps a client's short correlation id and replaces a long or odd one", async () => {
    const idOf = async (given: string) => (await handler(event('GET /health', { headers: { 'x-correlation-id': given } }))).headers!['x-correlation-id'];
    expect(await idOf('web-4f2a.9')).toBe('web-4f2a.9');
    expect(await idOf('x'.repeat(65))).toBe('request-1');
    expect(await idOf('a\nforged log line')).toBe('request-1');
    expect(await idOf('{"level":"ERROR"}')).toBe('request-1');
  });

  it('refuses a JSON body over 1 MB and a CSV over 5 MB with 413, before the route runs', async () => {
    const json = (bytes: number) => event('POST /programmes', { body: `"${'a'.repeat(bytes - 2)}"` });
    const tooBig = await handler(json(1024 * 1024 + 1));
    expect(tooBig.statusCode).toBe(413);
    expect(JSON.parse(tooBig.body!).error.code).toBe('payload-too-large');
    expect((await handler(json(1024 * 1024))).statusCode).toBe(400); // within the limit: the schema decides
    const csv = (bytes: number) => event('POST /programmes/{id}/enrolments/import', { pathParameters: { id: 'programme-1' }, body: 'a'.repeat(bytes) });
    expect((await handler(csv(5 * 1024 * 1024 + 1))).statusCode).toBe(413);
    expect((await handler(csv(5 * 1024 * 1024))).statusCode).toBe(200);
  });
});
