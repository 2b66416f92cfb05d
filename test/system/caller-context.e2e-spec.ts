import { headers, type NatsConnection } from '@nats-io/transport-node';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { type Caller, ContextHeaders, type ErrorPayload, InventorySubjects, OrdersSubjects } from '#contracts';
import { type CallerClaims, signClaims } from '#platform';
import { signTestCaller, testCallerContexts, testSigningKey, TestSystem } from '#testing';

/**
 * A service believes only a signed caller context. Against real inventory and orders processes,
 * over the real nats-server: the header forgery that used to work (`x-actor-role: system`) and every
 * way of making up a caller (no context, another key, a changed payload, an expired context, a
 * service speaking for a person or for another service) is refused before any handler runs, with
 * an error that says why; a service acting as itself may call only what its identity's rights list.
 */
describe('signed caller contexts', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['inventory', 'orders'] });
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  /** A NATS client with `identity`'s credentials (`test` may publish anywhere: only the services' own checks stop it). */
  const as = (identity: string): Promise<NatsConnection> => system.nats.connectAs(identity);

  /** Sends a request in Nest's wire format with the given headers; the reply's error or response. */
  const ask = async (
    nc: NatsConnection,
    subject: string,
    data: unknown,
    set: Record<string, string>,
  ): Promise<{ err?: ErrorPayload; response?: unknown }> => {
    const h = headers();
    for (const [name, value] of Object.entries(set)) h.set(name, value);
    const msg = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), {
      timeout: 10_000,
      headers: h,
    });
    return msg.json();
  };
  const context = (token: string) => ({ [ContextHeaders.callerContext]: token });
  const claims = (over: Partial<CallerClaims> = {}): CallerClaims => ({
    iss: 'gateway',
    sub: 'key:mallory',
    role: 'admin',
    rid: randomUUID(),
    exp: Date.now() + 30_000,
    ...over,
  });
  const admin: Caller = { actorId: 'key:ops-lead', role: 'admin' };
  const adjust = { itemId: randomUUID(), locationId: randomUUID(), quantity: 1000, reason: 'forged' };

  it('answers a person the gateway signed', async () => {
    const reply = await ask(
      await as('test'),
      InventorySubjects.listLocations,
      {},
      context(signTestCaller(admin, randomUUID())),
    );
    expect(reply.err).toBeUndefined();
    expect(Array.isArray(reply.response)).toBe(true);
  });

  it('refuses the old header forgery and a request with no caller context', async () => {
    const nc = await as('test');
    const forged = await ask(nc, InventorySubjects.adjustStock, adjust, {
      'x-actor-id': 'system',
      'x-actor-role': 'system',
    });
    expect(forged.err).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(forged.err?.message).toContain('carries no caller context');
  });

  it('refuses a context signed with another key, a changed one and an expired one', async () => {
    const nc = await as('test');
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const forged = await ask(nc, InventorySubjects.adjustStock, adjust, context(signClaims(claims(), stranger)));
    expect(forged.err).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(forged.err?.message).toContain("signature does not verify against gateway's key");

    const [version, , signature] = signTestCaller(
      { actorId: 'key:shop', role: 'customer', customerId: 'C1' },
      'r',
    ).split('.');
    const raised = Buffer.from(JSON.stringify(claims({ sub: 'key:shop' }))).toString('base64url');
    const tampered = await ask(nc, InventorySubjects.adjustStock, adjust, context(`${version}.${raised}.${signature}`));
    expect(tampered.err?.message).toContain('forged or changed');

    const expired = await ask(
      nc,
      InventorySubjects.adjustStock,
      adjust,
      context(signClaims(claims({ exp: Date.now() - 60_000 }), testSigningKey('gateway'))),
    );
    expect(expired.err).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(expired.err?.message).toMatch(/^The caller context expired at \d{4}-/);
  });

  it("does not let orders' credentials and key speak for a person, or for another service", async () => {
    const nc = await as('orders');
    const person = await ask(
      nc,
      InventorySubjects.reserve,
      {},
      context(signClaims(claims({ iss: 'orders' }), testSigningKey('orders'))),
    );
    expect(person.err).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(person.err?.message).toContain(
      'orders may not speak for a person (role admin); only gateway and warehouse may',
    );
    const impostor = await ask(
      nc,
      InventorySubjects.reserve,
      {},
      context(signClaims(claims({ iss: 'orders', sub: 'gateway', role: 'service' }), testSigningKey('orders'))),
    );
    expect(impostor.err?.message).toContain('orders may act only as itself');
  });

  it("lets a service acting as itself call only what its identity's rights list", async () => {
    const nc = await as('test');
    const request = { orderIds: [randomUUID()] };
    const inventory = await ask(
      nc,
      OrdersSubjects.knownOrders,
      request,
      context(testCallerContexts('inventory').sign({ actorId: 'inventory', role: 'service' }, randomUUID())),
    );
    expect(inventory.err).toBeUndefined();
    const billingSelf = () =>
      context(testCallerContexts('billing').sign({ actorId: 'billing', role: 'service' }, randomUUID()));
    const billing = await ask(nc, OrdersSubjects.knownOrders, request, billingSelf());
    expect(billing.err).toMatchObject({ code: 'FORBIDDEN' });
    expect(billing.err?.message).toBe(`The billing service has no right to call ${OrdersSubjects.knownOrders}`);
    const stock = await ask(nc, InventorySubjects.adjustStock, adjust, billingSelf());
    expect(stock.err).toMatchObject({ code: 'FORBIDDEN' });
  });
});
