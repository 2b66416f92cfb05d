import { connect, type NatsConnection as RawNatsConnection } from '@nats-io/transport-node';
import { OrdersSubjects } from '#contracts';
import { eventually, startTestNats, TcpProxy, testCallerContexts, type TestNats, testNatsOptions } from '#testing';
import { DomainError, NatsConnection, presenceSubject, ServiceClient } from '../src/index.js';

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
