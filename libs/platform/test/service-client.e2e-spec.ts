import { connect, type NatsConnection as RawNatsConnection } from '@nats-io/transport-node';
import { OrdersSubjects } from '#contracts';
import { eventually, startTestNats, TcpProxy, testCallerContexts, type TestNats, testNatsOptions } from '#testing';
import { announceReconnects, DomainError, NatsConnection, presenceSubject, ServiceClient } from '../src/index.js';

/**
 * How long a caller waits when the service it asked goes away, against a real nats-server: a
 * service that dies with the request in hand, or a NATS connection that drops, gives
 * SERVICE_UNAVAILABLE in about a second; a service that is there but slow still gets its full
 * timeout.
 */
describe('ServiceClient: no waiting out the timeout for a service that is gone', () => {
  let nats: TestNats;
  let proxy: TcpProxy;
  let caller: NatsConnection;
  let client: ServiceClient;
  const TIMEOUT_MS = 8000;

  beforeAll(async () => {
    nats = await startTestNats();
    const url = new URL(nats.url);
    proxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port) });
    caller = new NatsConnection(`nats://127.0.0.1:${proxy.port}`, 'caller', undefined, nats.env('test'));
    await caller.open();
    client = new ServiceClient(caller, TIMEOUT_MS, testCallerContexts('test'), 500);
  });

  afterAll(async () => {
    await caller?.onApplicationShutdown();
    await proxy?.down();
    await nats?.stop();
  });

  /** A fake `orders` that takes requests and never answers them; it answers presence while `present`. */
  const silentOrders = async (present: boolean): Promise<RawNatsConnection> => {
    const nc = await connect(testNatsOptions(nats.url));
    nc.subscribe(OrdersSubjects.getOrder, { callback: () => undefined });
    if (present) nc.subscribe(presenceSubject('orders'), { callback: (_e, msg) => void msg.respond() });
    await nc.flush();
    return nc;
  };

  const outcome = async (request: Promise<unknown>) => {
    const started = Date.now();
    const error = await request.then(
      () => undefined,
      (e: unknown) => e,
    );
    return { error: error as DomainError, ms: Date.now() - started };
  };

  it('gives SERVICE_UNAVAILABLE about a second after the service died with the request in hand', async () => {
    const orders = await silentOrders(true);
    const asked = outcome(client.request(OrdersSubjects.getOrder, { id: 'o1' }));
    await new Promise((r) => setTimeout(r, 300));
    await orders.close(); // as a SIGKILL: its subscriptions vanish with its connection
    const { error, ms } = await asked;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toContain('orders.order.get');
    expect(ms).toBeLessThan(3000);
  });

  it('gives SERVICE_UNAVAILABLE at once when its own NATS connection drops', async () => {
    const orders = await silentOrders(true);
    try {
      const asked = outcome(client.request(OrdersSubjects.getOrder, { id: 'o1' }));
      await new Promise((r) => setTimeout(r, 300));
      await proxy.down();
      const { error, ms } = await asked;
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.message).toContain('Lost the connection to NATS');
      expect(ms).toBeLessThan(2000);
    } finally {
      await proxy.up();
      await orders.close();
    }
  });

  it('gives SERVICE_UNAVAILABLE soon after the service’s own connection dropped and came back with the request in hand', async () => {
    // Its requests arrive on a connection of their own (through `serverProxy`), as Nest's server's
    // do; presence is answered on another one, which stays up: the service never looked gone.
    const url = new URL(nats.url);
    const serverProxy = await TcpProxy.start({ host: url.hostname, port: Number(url.port) });
    const presence = await connect(testNatsOptions(nats.url));
    presence.subscribe(presenceSubject('orders'), { callback: (_e, msg) => void msg.respond() });
    const server = await connect({
      ...testNatsOptions(nats.url),
      servers: `nats://127.0.0.1:${serverProxy.port}`,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 100,
    });
    try {
      server.subscribe(OrdersSubjects.getOrder, { callback: () => undefined });
      announceReconnects(server, 'orders');
      await server.flush();
      await presence.flush();
      await eventually(() => caller.nc.flush().then(() => true), { what: 'the caller to reconnect' });
      const asked = outcome(client.request(OrdersSubjects.getOrder, { id: 'o1' }));
      await new Promise((r) => setTimeout(r, 300));
      await serverProxy.down(); // a NATS server between them died; the service reconnects elsewhere
      await new Promise((r) => setTimeout(r, 200));
      await serverProxy.up();
      const { error, ms } = await asked;
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
      expect(error.message).toContain('lost its NATS connection with orders.order.get in hand');
      // Once it is back (the client's reconnect takes a second or two), not at the 8 s timeout.
      expect(ms).toBeLessThan(5000);

      // What is sent after it is back waits for its answer as usual (here: the timeout).
      const later = await outcome(client.request(OrdersSubjects.getOrder, { id: 'o2' }, { timeoutMs: 1500 }));
      expect(later.error.code).toBe('SERVICE_TIMEOUT');
    } finally {
      await server.close();
      await presence.close();
      await serverProxy.down();
    }
  });

  it('still waits the whole timeout for a service that is there but slow', async () => {
    const orders = await silentOrders(true);
    try {
      await eventually(() => caller.nc.flush().then(() => true), { what: 'the caller to reconnect' });
      const { error, ms } = await outcome(client.request(OrdersSubjects.getOrder, { id: 'o1' }));
      expect(error.code).toBe('SERVICE_TIMEOUT');
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    } finally {
      await orders.close();
    }
  });
});
