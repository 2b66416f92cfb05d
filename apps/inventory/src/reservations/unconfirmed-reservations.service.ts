import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { MAX_KNOWN_ORDERS, OrdersSubjects } from '#contracts';
import { CallerContexts, rows, runWithContext, SERVICE_CONFIG, ServiceClient } from '#platform';
import { OrderConfirmationService } from '../backorders/order-confirmation.service.js';
import type { InventoryConfig } from '../config.js';
import { ReservationReleaseService } from './reservation-release.service.js';

export interface SweepReport {
  /** Orders orders does not know: their reservations were released and their demand dropped. */
  released: string[];
  /** Orders that exist but whose `order placed` had not arrived yet: confirmed now. */
  confirmed: string[];
}

/**
 * Reservations are provisional until their order is confirmed (`order placed` stamps the
 * order's number on its demand rows). Orders reserves first and commits the order after; if it
 * dies or its commit fails in between, nothing would ever release the units. This sweep asks
 * orders about every order still unconfirmed after RESERVATION_CONFIRM_AFTER_MS: one orders
 * does not know is released (orders rolls back any placement slower than its own deadline,
 * ORDERS_PLACEMENT_DEADLINE_MS, which is shorter, so such an order can never commit later);
 * one it knows is confirmed at once. When orders cannot be asked, nothing is released.
 */
@Injectable()
export class UnconfirmedReservationsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('UnconfirmedReservations');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly services: ServiceClient,
    private readonly releases: ReservationReleaseService,
    private readonly confirmation: OrderConfirmationService,
    @Inject(SERVICE_CONFIG) private readonly config: InventoryConfig,
    private readonly callers: CallerContexts,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RESERVATION_SWEEP_EVERY_MS <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.RESERVATION_SWEEP_EVERY_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const report = await runWithContext(
        { requestId: `reservation-sweep-${Date.now()}`, caller: this.callers.self },
        () => this.sweep(),
      );
      if (report.released.length > 0) {
        this.logger.warn(`released the reservations of ${report.released.length} orders that were never placed`);
      }
    } catch (error) {
      this.logger.warn(`reservation sweep skipped: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** One sweep over the orders unconfirmed for longer than the bound. */
  async sweep(): Promise<SweepReport> {
    const stale = await rows<{ order_id: string }>(
      this.dataSource,
      `SELECT order_id FROM inventory.reserve_lines
        WHERE order_number IS NULL AND created_at < now() - make_interval(secs => $1::int / 1000.0)
        GROUP BY order_id ORDER BY min(created_at) LIMIT $2`,
      [this.config.RESERVATION_CONFIRM_AFTER_MS, MAX_KNOWN_ORDERS],
    );
    if (stale.length === 0) return { released: [], confirmed: [] };
    const orderIds = stale.map((s) => s.order_id);
    const reply = await this.services.request(OrdersSubjects.knownOrders, { orderIds });
    const known = new Map(reply.known.map((k) => [k.orderId, k]));
    const report: SweepReport = { released: [], confirmed: [] };
    // Each order in its own transaction under the order's lock (releaseIn takes it). Replicas
    // may sweep the same order at once: releasing and confirming are both idempotent.
    for (const orderId of orderIds) {
      const order = known.get(orderId);
      await this.dataSource.transaction(async (em) => {
        if (order) return this.confirmation.confirm(em, order);
        await this.releases.releaseIn(em, { orderId }, 'RELEASED');
        await em.query(`DELETE FROM inventory.reserve_lines WHERE order_id = $1 AND order_number IS NULL`, [orderId]);
      });
      (order ? report.confirmed : report.released).push(orderId);
    }
    return report;
  }
}
