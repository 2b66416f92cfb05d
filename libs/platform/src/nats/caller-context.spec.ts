import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { CallerContexts, type CallerClaims, serviceMayCall, signClaims } from './caller-context.js';
import { DomainError } from '../errors/domain-error.js';
import { InventorySubjects, OrdersSubjects } from '#contracts';

describe('signed caller contexts', () => {
  const keys: Record<string, { privateKey: KeyObject; publicKey: KeyObject }> = {};
  for (const name of ['gateway', 'warehouse', 'orders', 'billing']) keys[name] = generateKeyPairSync('ed25519');
  const trusted = new Map(Object.entries(keys).map(([name, pair]) => [name, [pair.publicKey]]));
  const as = (issuer: string) => new CallerContexts(issuer, keys[issuer].privateKey, trusted, 60);
  const now = Date.parse('2026-12-04T10:00:00Z');
  const claims = (over: Partial<CallerClaims> = {}): CallerClaims => ({
    iss: 'gateway',
    sub: 'key:clerk',
    role: 'sales',
    rid: 'r1',
    exp: now + 30_000,
    ...over,
  });
  const refusal = (token: string | undefined) => {
    try {
      as('orders').verify(token, now);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('UNAUTHENTICATED');
      return (error as DomainError).message;
    }
    throw new Error('the context was believed');
  };

  it('carries a person from the gateway and a service as itself, unchanged through another service', () => {
    const token = as('gateway').sign({ actorId: 'key:shop', role: 'customer', customerId: 'C1' }, 'req-1', now);
    expect(as('orders').verify(token, now)).toEqual({
      caller: { actorId: 'key:shop', role: 'customer', customerId: 'C1' },
      requestId: 'req-1',
      issuer: 'gateway',
      token,
    });
    expect(as('billing').verify(token, now + 59_000).caller.role).toBe('customer');
    const own = as('orders').sign({ actorId: 'orders', role: 'service', onBehalfOf: 'key:clerk' }, 'req-2', now);
    expect(as('billing').verify(own, now).caller).toEqual({
      actorId: 'orders',
      role: 'service',
      onBehalfOf: 'key:clerk',
    });
  });

  it('refuses no context, a malformed one, a changed one and one signed with another key', () => {
    expect(refusal(undefined)).toContain('carries no caller context');
    expect(refusal('not-a-token')).toContain('malformed');
    const token = as('gateway').sign({ actorId: 'key:clerk', role: 'sales' }, 'r', now);
    const [version, , signature] = token.split('.');
    const raised = Buffer.from(JSON.stringify(claims({ role: 'admin' }))).toString('base64url');
    expect(refusal(`${version}.${raised}.${signature}`)).toContain('does not verify');
    const stranger = generateKeyPairSync('ed25519').privateKey;
    expect(refusal(signClaims(claims({ role: 'admin' }), stranger))).toContain("does not verify against gateway's key");
    expect(refusal(signClaims(claims({ iss: 'mallory' }), stranger))).toContain('which this service does not trust');
  });

  it('refuses an expired context and one that claims to live longer than a context may', () => {
    const key = keys.gateway.privateKey;
    expect(refusal(signClaims(claims({ exp: now - 10_000 }), key))).toContain('expired at 2026-12-04T09:59:50.000Z');
    expect(refusal(signClaims(claims({ exp: now + 3_600_000 }), key))).toContain('longer than the 60 s');
  });

  it('lets only the gateway and the scanner API speak for people, and a service only for itself', () => {
    expect(
      as('warehouse').verify(signClaims(claims({ iss: 'warehouse' }), keys.warehouse.privateKey), now).caller.role,
    ).toBe('sales');
    expect(refusal(signClaims(claims({ iss: 'orders', role: 'admin' }), keys.orders.privateKey))).toContain(
      'orders may not speak for a person (role admin); only gateway and warehouse may',
    );
    expect(
      refusal(signClaims(claims({ iss: 'billing', sub: 'inventory', role: 'service' }), keys.billing.privateKey)),
    ).toContain('billing may act only as itself');
    expect(() => as('orders').sign({ actorId: 'key:x', role: 'admin' }, 'r')).toThrow('may not speak for a person');
  });

  it("judges a service's own calls by its identity's rights", () => {
    expect(serviceMayCall('inventory', OrdersSubjects.knownOrders)).toBe(true);
    expect(serviceMayCall('billing', OrdersSubjects.knownOrders)).toBe(false);
    expect(serviceMayCall('billing', InventorySubjects.adjustStock)).toBe(false);
    expect(serviceMayCall('orders', InventorySubjects.reserve)).toBe(true);
    expect(serviceMayCall('orders', OrdersSubjects.getOrder)).toBe(true);
    expect(serviceMayCall('mallory', OrdersSubjects.getOrder)).toBe(false);
  });
});
