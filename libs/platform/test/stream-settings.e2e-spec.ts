import { jetstream, type JetStreamManager } from '@nats-io/jetstream';
import { connectJetStream, startTestNats, type TestNats } from '#testing';
import {
  DEFAULT_STREAM_SETTINGS,
  ensureStreams,
  NatsConnection,
  type StreamSettings,
  streamsToEnsure,
} from '../src/index.js';

const DAY_NS = 24 * 60 * 60 * 1e9;

/**
 * The event streams' replicas and limits from configuration on a real nats-server: created with
 * them, history discarded oldest first at a limit, a service's own stream brought to new settings
 * (with only the rights a service has) while it leaves another's alone, and a replica count the
 * server cannot place refused with a message naming the variable. (Replicas on a cluster:
 * test/cluster/stream-replicas.e2e-spec.ts.)
 */
describe('stream settings', () => {
  let nats: TestNats;
  let jsm: JetStreamManager;
  let close: () => Promise<void>;
  const limited: StreamSettings = { replicas: 1, maxAgeMs: 365 * 24 * 60 * 60 * 1000, maxBytes: 0, maxMsgs: 5 };

  beforeAll(async () => {
    nats = await startTestNats();
    const connection = await connectJetStream(nats.url);
    jsm = connection.jsm;
    close = () => connection.nc.close();
  });

  afterAll(async () => {
    await close?.();
    await nats?.stop();
  });

  it('creates every stream with the limits asked for, and keeps the newest events at a limit', async () => {
    const created = await ensureStreams(jsm, undefined, { settings: limited });
    expect(created.map((s) => s.outcome)).toEqual(created.map(() => 'created'));
    const { config } = await jsm.streams.info('ORDERS_EVENTS');
    expect(config).toMatchObject({
      num_replicas: 1,
      max_age: 365 * DAY_NS,
      max_bytes: -1,
      max_msgs: 5,
      discard: 'old',
      duplicate_window: 30 * 60 * 1e9,
    });

    const { nc } = await connectJetStream(nats.url);
    try {
      const js = jetstream(nc);
      // A producer is never refused at the limit: the oldest events make room.
      for (let n = 1; n <= 7; n++) await js.publish('events.orders.probe.counted', JSON.stringify({ n }));
    } finally {
      await nc.close();
    }
    const { state } = await jsm.streams.info('ORDERS_EVENTS');
    expect({ messages: state.messages, first: state.first_seq, last: state.last_seq }).toEqual({
      messages: 5,
      first: 3,
      last: 7,
    });

    const again = await ensureStreams(jsm, undefined, { settings: limited });
    expect(again.map((s) => s.outcome)).toEqual(again.map(() => 'unchanged'));
  });

  it('brings a service’s own stream to new settings with a service’s rights, and leaves the others to their owners', async () => {
    const orders = new NatsConnection(nats.url, 'orders-probe', undefined, nats.env('orders'));
    await orders.open();
    try {
      const outcomes = await ensureStreams(orders.jsm, streamsToEnsure('orders'), {
        settings: DEFAULT_STREAM_SETTINGS,
        update: ['ORDERS_EVENTS'],
      });
      expect(outcomes.find((s) => s.stream === 'ORDERS_EVENTS')).toEqual({
        stream: 'ORDERS_EVENTS',
        outcome: 'updated',
        changes: ['max_age: 31536000000000000 → 0', 'max_msgs: 5 → -1'],
      });
      expect(outcomes.filter((s) => s.stream !== 'ORDERS_EVENTS').map((s) => s.outcome)).toEqual(
        outcomes.filter((s) => s.stream !== 'ORDERS_EVENTS').map(() => 'differs'),
      );
    } finally {
      await orders.onApplicationShutdown();
    }
    expect((await jsm.streams.info('ORDERS_EVENTS')).config).toMatchObject({ max_age: 0, max_msgs: -1 });
    expect((await jsm.streams.info('ORDERS_EVENTS')).state.messages).toBe(5);
    expect((await jsm.streams.info('INVENTORY_EVENTS')).config).toMatchObject({ max_msgs: 5 });
  });

  it('refuses more replicas than the servers there are, naming JETSTREAM_REPLICAS', async () => {
    const r3 = { ...DEFAULT_STREAM_SETTINGS, replicas: 3 };
    await expect(ensureStreams(jsm, ['BILLING_EVENTS'], { settings: r3, update: ['BILLING_EVENTS'] })).rejects.toThrow(
      /stream BILLING_EVENTS cannot have 3 replicas \(JETSTREAM_REPLICAS\).*a single nats-server takes 1/,
    );
    await jsm.streams.delete('PRICING_EVENTS');
    await expect(ensureStreams(jsm, ['PRICING_EVENTS'], { settings: r3 })).rejects.toThrow(
      /stream PRICING_EVENTS cannot have 3 replicas \(JETSTREAM_REPLICAS\)/,
    );
  });
});
