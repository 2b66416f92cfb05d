import { AckPolicy, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { spawnSync } from 'node:child_process';
import { BillingSubjects, GatewaySubjects, InventorySubjects } from '#contracts';
import { natsAuthOptions } from '#platform';
import { TestSystem } from '#testing';

/**
 * NATS is not a trusted network: against the real nats-server the tests and `npm start` run, with
 * the rights generated from the permissions table, a client without credentials is refused and
 * one with a service's credentials can do only that service's work.
 */
describe('NATS authentication and least privilege', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start({ services: ['billing'] });
  }, 180_000);

  afterAll(async () => {
    await system?.stop();
  });

  const as = (identity: string): Promise<NatsConnection> => system.nats.connectAs(identity);

  it('refuses a client without credentials, or with a wrong password', async () => {
    await expect(connect({ servers: system.nats.url, reconnect: false })).rejects.toThrow('Authorization Violation');
    await expect(
      connect({ servers: system.nats.url, reconnect: false, user: 'billing', pass: 'not-the-password' }),
    ).rejects.toThrow('Authorization Violation');
  });

  it("does not let billing's identity call inventory, or read the scanner's API keys", async () => {
    const nc = await as('billing');
    await expect(nc.request(InventorySubjects.adjustStock, '{}', { timeout: 2000 })).rejects.toThrow(
      `Permissions Violation for Publish to "${InventorySubjects.adjustStock}"`,
    );
    const sub = nc.subscribe(GatewaySubjects.verifyApiKey);
    const closed = await Promise.race([sub.closed, new Promise((r) => setTimeout(() => r('still open'), 5000))]);
    expect(String(closed)).toContain(`Permissions Violation for Subscription to "${GatewaySubjects.verifyApiKey}"`);
    // Another service's replies are out of reach too: its inbox is its own.
    const inbox = nc.subscribe('_INBOX.gateway.>');
    expect(String(await inbox.closed)).toContain('Permissions Violation for Subscription to "_INBOX.gateway.>"');
  });

  it("does not let billing's identity list, purge or consume another service's stream", async () => {
    const jsm = await jetstreamManager(await as('billing'));
    await expect(jsm.streams.purge('ORDERS_EVENTS')).rejects.toThrow(
      'Permissions Violation for Publish to "$JS.API.STREAM.PURGE.ORDERS_EVENTS"',
    );
    await expect(jsm.streams.purge('BILLING_EVENTS')).rejects.toThrow('Permissions Violation');
    await expect(jsm.streams.names().next()).rejects.toThrow(
      'Permissions Violation for Publish to "$JS.API.STREAM.NAMES"',
    );
    await expect(
      jsm.consumers.add('WAREHOUSE_EVENTS', { durable_name: 'billing-spy', ack_policy: AckPolicy.Explicit }),
    ).rejects.toThrow('Permissions Violation');
  });

  it('lets the invoice subscriber read as finance, and finance publish nothing', async () => {
    const subscriber = spawnSync(process.execPath, ['tools/invoice-subscriber.mjs', '--once', '--json'], {
      env: { ...process.env, NATS_URL: system.nats.url, ...system.nats.env('finance') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect({ status: subscriber.status, stderr: subscriber.stderr }).toEqual({ status: 0, stderr: '' });
    const nc = await as('finance');
    await expect(nc.request(BillingSubjects.invoicePosted, '{}', { timeout: 2000 })).rejects.toThrow(
      `Permissions Violation for Publish to "${BillingSubjects.invoicePosted}"`,
    );
    await expect(nc.request(BillingSubjects.recordPayment, '{}', { timeout: 2000 })).rejects.toThrow(
      'Permissions Violation',
    );
    const jsm = await jetstreamManager(nc);
    // Not another consumer's durable (it would take that consumer's events), and no unfiltered one.
    await expect(
      jsm.consumers.add('BILLING_EVENTS', {
        durable_name: 'orders-events_billing_invoice_posted',
        filter_subject: BillingSubjects.invoicePosted,
        ack_policy: AckPolicy.Explicit,
      }),
    ).rejects.toThrow('Permissions Violation');
    await expect(jsm.streams.purge('BILLING_EVENTS')).rejects.toThrow('Permissions Violation');
  });
});
