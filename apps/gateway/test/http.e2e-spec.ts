import { type GatewayHarness, startGateway } from './support.js';

/**
 * HTTP as a browser and a careful client see it: CORS for the configured origins only, 405 with
 * Allow for a method a path does not take, 415 for a body the route does not read, and a
 * malformed or over-size body answered as problem+json carrying its request id, before
 * anything is changed.
 */
describe('gateway: HTTP by the book', () => {
  let h: GatewayHarness;
  const origin = 'http://localhost:5173';

  beforeAll(async () => {
    h = await startGateway({ CORS_ALLOWED_ORIGINS: `${origin},https://shop.example.com` });
  });

  afterAll(async () => {
    await h?.close();
  });

  const send = (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
    fetch(`${h.url}${path}`, { method, headers: init.headers, body: init.body });
  const withKey = (headers: Record<string, string> = {}) => ({ 'x-api-key': h.admin.key!, ...headers });

  it('answers a preflight from an allowed origin and refuses one from another', async () => {
    const preflight = await send('OPTIONS', '/orders', {
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key,idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');

    const foreign = await send('OPTIONS', '/orders', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(await foreign.json()).toMatchObject({
      code: 'FORBIDDEN',
      detail: expect.stringContaining('https://evil.example'),
    });

    // The real request from the page: the answer names the origin and exposes what a client reads.
    const listed = await send('GET', '/locations', { headers: withKey({ origin }) });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe(origin);
    expect(listed.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id.*Location.*ETag/);
    const elsewhere = await send('GET', '/locations', { headers: withKey({ origin: 'https://evil.example' }) });
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a method the path does not take with 405 and Allow', async () => {
    const response = await send('DELETE', '/locations', { headers: withKey() });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const body = await response.json();
    expect(body).toMatchObject({ code: 'METHOD_NOT_ALLOWED', requestId: response.headers.get('x-request-id') });
    // A path with a parameter, and a path that is no route at all.
    expect((await send('PUT', '/orders/3b241101-e2bb-4255-8caf-4136c566a962', { headers: withKey() })).status).toBe(
      405,
    );
    expect((await send('DELETE', '/no-such-thing', { headers: withKey() })).status).toBe(404);
  });

  it('answers a body that is not JSON with 415, and still takes an order file as text/csv', async () => {
    const plain = await send('POST', '/locations', {
      headers: withKey({ 'content-type': 'text/plain' }),
      body: 'code=WH9',
    });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      detail: 'Content-Type text/plain is not accepted here; send application/json',
    });
    const batch = await h.admin.post('/batches', { name: 'csv-415' }).expect(201);
    const csv = await send('POST', `/batches/${batch.body.id as string}/import`, {
      headers: withKey({ 'content-type': 'text/csv' }),
      body: 'order_ref,customer_id,sku,quantity,ship_from,priority\nWEB-1,C-999999,NOPE,1,,\n',
    });
    // Read as the order file it is: its row is reported, not its media type.
    expect(csv.status).toBe(200);
    expect(JSON.stringify(await csv.json())).toContain('C-999999');
    const locations = await h.admin.get('/locations').expect(200);
    expect((locations.body as Array<{ code: string }>).map((l) => l.code)).not.toContain('WH9');
  });

  it('answers malformed and over-size JSON as problem+json with the request id it logs', async () => {
    const malformed = await send('POST', '/locations', {
      headers: withKey({ 'content-type': 'application/json', 'x-request-id': 'broken-body-1' }),
      body: '{"code":',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('x-request-id')).toBe('broken-body-1');
    expect(await malformed.json()).toMatchObject({
      code: 'MALFORMED_BODY',
      requestId: 'broken-body-1',
      detail: expect.stringContaining('not valid JSON'),
    });
    const big = await send('POST', '/locations', {
      headers: withKey({ 'content-type': 'application/json', 'x-request-id': 'big-body-1' }),
      body: JSON.stringify({ code: 'WH8', name: 'x'.repeat(9 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      title: 'Payload too large',
      requestId: 'big-body-1',
    });
  });
});
