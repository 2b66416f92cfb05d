import type { Response } from 'supertest';
import type { OrderView, Page, PickTicketView, ShipmentView } from '#contracts';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { Api } from './gateway-client.js';
import type { TestDatabase } from './infra.js';
import { consumersCaughtUp } from './jetstream.js';
import { eventually } from './wait.js';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An answer a careful client retries: no answer, 502/503/504, or its own key still in progress. */
export function isTransient(res: Response): boolean {
  return (
    res.status === 0 ||
    res.status === 502 ||
    res.status === 503 ||
    res.status === 504 ||
    (res.status === 409 && (res.body as { code?: string }).code === 'IDEMPOTENCY_IN_PROGRESS')
  );
}

/**
 * The load of the fault runs (test/system/fault-run, test/cluster/nats-cluster): a client that
 * behaves as careful clients do while services, NATS or Postgres fail under it. It retries a
 * transient answer with the same Idempotency-Key, and reads a ticket or shipment back to learn
 * whether a pick, pack or ship went through when the answer was lost. It remembers every order it
 * was told was accepted and every shipment it shipped, for the checks afterwards.
 */
export class CarefulClient {
  /** Idempotency key → the id of the order the system accepted under it. */
  readonly accepted = new Map<string, string>();
  readonly shipped = new Set<string>();
  retries = 0;

  constructor(private readonly api: Api) {}

  /** Retries until an answer that is not transient (for at most 120 s); a 500 fails the run. */
  async until(call: () => Promise<Response>, what: string): Promise<Response> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const res = await call().catch(
        (error: unknown) => ({ status: 0, body: { error: String(error) } }) as unknown as Response,
      );
      if (!isTransient(res)) {
        if (res.status >= 500) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
        return res;
      }
      this.retries += 1;
      if (Date.now() > deadline) throw new Error(`${what}: still ${res.status} after 120 s`);
      await pause(500);
    }
  }

  /** Places orders one after another while `running()`, keys `<prefix>-<client>-<n>`, lines alternating over `skus`. */
  async placeOrders(options: {
    prefix: string;
    client: number;
    customerId: string;
    skus: readonly [string, string];
    running: () => boolean;
  }): Promise<void> {
    const { prefix, client, customerId, skus, running } = options;
    for (let n = 0; running(); n++) {
      const key = `${prefix}-${client}-${n}`;
      const lines = [{ sku: skus[n % 2], quantity: 1 + (n % 3) }];
      const res = await this.until(
        () => this.api.post('/orders', { customerId, lines }, { 'Idempotency-Key': key }),
        `place ${key}`,
      );
      if (res.status !== 201) throw new Error(`place ${key}: ${res.status} ${JSON.stringify(res.body)}`);
      this.accepted.set(key, (res.body as OrderView).id);
    }
  }

  /** Prints, picks, packs and ships whatever is open at `locationCode`; returns how many tickets were open. */
  async shipOpenTickets(locationCode = 'WH1'): Promise<number> {
    const { api } = this;
    await this.until(() => api.post('/pick-tickets/generate', { locationCode }), 'print tickets');
    const open = (await this.until(() => api.get('/pick-tickets?limit=500&status=OPEN'), 'list tickets'))
      .body as Page<PickTicketView>;
    const packed = (await this.until(() => api.get('/pick-tickets?limit=500&status=PACKED'), 'list packed'))
      .body as Page<PickTicketView>;
    for (const ticket of [...open.items, ...packed.items]) {
      const now = async () =>
        (await this.until(() => api.get(`/pick-tickets/${ticket.id}`), 'get ticket')).body as PickTicketView;
      if ((await now()).status === 'OPEN') {
        const res = await this.until(() => api.post(`/pick-tickets/${ticket.id}/picks`, {}), 'pick');
        if (res.status !== 200 && (await now()).status === 'OPEN') throw new Error(`pick: ${res.status}`);
      }
      if ((await now()).status === 'PICKED') {
        const res = await this.until(() => api.post(`/pick-tickets/${ticket.id}/pack`, {}), 'pack');
        if (res.status !== 201 && (await now()).status === 'PICKED') throw new Error(`pack: ${res.status}`);
      }
      const shipmentId = (await now()).shipmentId;
      if (!shipmentId) throw new Error(`ticket ${ticket.number} is packed but names no shipment`);
      const shipment = (await this.until(() => api.get(`/shipments/${shipmentId}`), 'get shipment'))
        .body as ShipmentView;
      if (shipment.status !== 'SHIPPED') {
        const res = await this.until(
          () =>
            api.post(`/shipments/${shipmentId}/ship`, {
              carrier: 'DHL',
              trackingNumber: `1Z${shipmentId.slice(0, 8)}`,
            }),
          'ship',
        );
        const after = (await this.until(() => api.get(`/shipments/${shipmentId}`), 'get shipment'))
          .body as ShipmentView;
        if (after.status !== 'SHIPPED') throw new Error(`ship: ${res.status} ${JSON.stringify(res.body)}`);
      }
      this.shipped.add(shipmentId);
    }
    return open.items.length;
  }

  /** Ships what is open every half second while `running()`. */
  async shipWhile(running: () => boolean): Promise<void> {
    while (running()) {
      await this.shipOpenTickets();
      await pause(500);
    }
  }
}

/**
 * After a fault run: every outbox relayed and every consumer of `streams` caught up, until a pass
 * ends with nothing new (consuming writes new events: a shipment makes orders publish `lines
 * shipped`, which billing invoices, which orders records), then whatever is still open shipped,
 * and again, until nothing is left to ship.
 */
export async function settleAndShipAll(options: {
  db: Pick<TestDatabase, 'query'>;
  jsm: JetStreamManager;
  client: CarefulClient;
  streams: readonly string[];
}): Promise<void> {
  const { db, jsm, client, streams } = options;
  const lastSeqs = async () =>
    (await Promise.all(streams.map((stream) => jsm.streams.info(stream).then((i) => i.state.last_seq)))).join(',');
  const unpublished = async () => {
    const [{ pending }] = await db.query<{ pending: number }>(
      `SELECT (SELECT count(*) FROM orders.outbox WHERE published_at IS NULL) + (SELECT count(*) FROM inventory.outbox WHERE published_at IS NULL)
          + (SELECT count(*) FROM warehouse.outbox WHERE published_at IS NULL) + (SELECT count(*) FROM billing.outbox WHERE published_at IS NULL) AS pending`,
    );
    return Number(pending);
  };
  const settle = async () => {
    for (let pass = 1; ; pass++) {
      const before = await lastSeqs();
      await eventually(async () => ((await unpublished()) === 0 ? true : undefined), {
        timeoutMs: 60_000,
        what: 'every outbox to be relayed',
      });
      for (const stream of streams) await consumersCaughtUp(jsm, stream, { timeoutMs: 60_000 });
      if ((await unpublished()) === 0 && (await lastSeqs()) === before) return;
      if (pass >= 10) throw new Error('settle: events kept coming');
    }
  };
  for (let round = 0; round < 5; round++) {
    await settle();
    if ((await client.shipOpenTickets()) === 0) break;
  }
  await settle();
}
