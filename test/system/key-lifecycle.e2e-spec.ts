import { TestSystem } from '#testing';

/**
 * API keys across processes, as an operator sees them: a scanner key revoked at the gateway stops
 * opening the warehouse's scanner API within a second, and the bootstrap admin key stays revoked
 * when the gateway process is restarted with the same ADMIN_API_KEY.
 */
describe('API keys across the gateway and the scanner API', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['gateway', 'warehouse'] });
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  const call = async (base: string, method: string, path: string, key: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { 'x-api-key': key, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as any };
  };
  const gateway = (method: string, path: string, key: string, body?: unknown) =>
    call(system.gatewayUrl, method, path, key, body);
  const scanner = (key: string) => call(system.url('warehouse'), 'GET', '/scanner/pick-tickets?status=OPEN', key);

  it('refuses a revoked scanner key within a second', async () => {
    const made = await gateway('POST', '/api-keys', system.adminKey, { name: 'scanner-3', role: 'warehouse' });
    expect(made.status).toBe(201);
    const key = made.body.key as string;
    // Used, so the scanner API holds it in its cache when it is revoked.
    expect((await scanner(key)).status).toBe(200);
    expect((await gateway('POST', `/api-keys/${made.body.id as string}/revoke`, system.adminKey)).status).toBe(200);
    const revokedAt = Date.now();
    await new Promise((r) => setTimeout(r, Math.max(0, revokedAt + 1000 - Date.now())));
    const after = await scanner(key);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    expect((await gateway('GET', '/pick-tickets', key)).status).toBe(401);
  });

  it('keeps the bootstrap admin key revoked when the gateway restarts', async () => {
    const second = await gateway('POST', '/api-keys', system.adminKey, { name: 'second-admin', role: 'admin' });
    expect(second.status).toBe(201);
    const secondKey = second.body.key as string;
    const keys = await gateway('GET', '/api-keys', secondKey);
    const bootstrap = (keys.body as Array<{ id: string; name: string }>).find((k) => k.name === 'bootstrap-admin');
    expect(bootstrap).toBeDefined();
    expect((await gateway('POST', `/api-keys/${bootstrap!.id}/revoke`, secondKey)).status).toBe(200);

    await system.kill('gateway', 'SIGTERM');
    await system.startService('gateway'); // the same ADMIN_API_KEY as before
    expect((await gateway('GET', '/api-keys', system.adminKey)).status).toBe(401);
    const listed = await gateway('GET', '/api-keys', secondKey);
    expect(listed.status).toBe(200);
    const revoked = (listed.body as Array<{ name: string; revokedAt?: string }>).find(
      (k) => k.name === 'bootstrap-admin',
    );
    expect(revoked?.revokedAt).toEqual(expect.any(String));
  });
});
