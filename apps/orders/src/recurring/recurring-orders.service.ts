import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  MAX_RECURRING_RUN_ORDERS,
  type OrderRef,
  type ProcessRecurringReply,
  type RecurrenceInput,
  typesWhere,
} from '#contracts';
import { CallerContexts, rows, runWithContext, SERVICE_CONFIG, isUniqueViolation } from '#platform';
import type { OrdersConfig } from '../config.js';
import { CustomerLookup } from '../orders/customer-lookup.js';
import { OrderPlacementService } from '../orders/order-placement.service.js';
import { OrderReader } from '../orders/order-reader.js';
import { nextRunDate } from './recurrence.js';

/**
 * "Process recurring orders": every template due on or before a date makes one Order per
 * due date, dated that due date, referring back to the template. The (template, date) pair is the primary key of
 * recurring_runs, written in the same transaction as the order, so running twice for the
 * same date, or on several replicas at once, makes each order once; the loser's reservation
 * is released.
 */
@Injectable()
export class RecurringOrdersService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RecurringOrders');
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reader: OrderReader,
    private readonly placement: OrderPlacementService,
    private readonly customers: CustomerLookup,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
    private readonly callers: CallerContexts,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.RECURRING_RUN_EVERY_MS <= 0) return;
    this.timer = setInterval(() => {
      void runWithContext({ requestId: `recurring-${Date.now()}`, caller: this.callers.self }, () =>
        this.process(new Date().toISOString().slice(0, 10)).catch((error: Error) =>
          this.logger.warn(`scheduled run failed: ${error.message}`),
        ),
      );
    }, this.config.RECURRING_RUN_EVERY_MS);
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * Makes what is due up to `asOf`, at most MAX_RECURRING_RUN_ORDERS orders per run: a template
   * that started long ago, or a date far ahead, would otherwise make thousands of orders in one
   * request. What is left is made by the next run (`complete: false`), the oldest due first.
   */
  async process(asOf: string): Promise<ProcessRecurringReply> {
    const due = await rows<{ id: string; next_run_on: string }>(
      this.dataSource,
      `SELECT id, to_char(next_run_on, 'YYYY-MM-DD') AS next_run_on FROM orders.orders
        WHERE type = ANY($2::text[]) AND cancelled_at IS NULL AND next_run_on <= $1::date ORDER BY next_run_on, number`,
      [asOf, typesWhere('recurs')],
    );
    const created: OrderRef[] = [];
    let skipped = 0;
    let complete = true;
    for (const template of due) {
      const result = await this.runTemplate(template.id, asOf, MAX_RECURRING_RUN_ORDERS - created.length);
      created.push(...result.created);
      skipped += result.skipped;
      if (!result.complete) {
        complete = false;
        break;
      }
    }
    return { asOf, created, skipped, complete };
  }

  private async runTemplate(
    templateId: string,
    asOf: string,
    budget: number,
  ): Promise<{ created: OrderRef[]; skipped: number; complete: boolean }> {
    const template = await this.reader.get(templateId);
    const recurrence = template.recurrence as RecurrenceInput & { nextRunOn?: string };
    const created: OrderRef[] = [];
    let skipped = 0;
    for (
      let runOn = recurrence.nextRunOn;
      runOn && runOn <= asOf;
      runOn = nextRunDate(runOn, recurrence.every, recurrence.interval ?? 1)
    ) {
      if (created.length >= budget) return { created, skipped, complete: false };
      const next = nextRunDate(runOn, recurrence.every, recurrence.interval ?? 1);
      try {
        const order = await this.createRun(template, runOn, next);
        created.push({ id: order.id, number: order.number, type: order.type });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        skipped++; // another run (or replica) made this date's order
      }
    }
    return { created, skipped, complete: true };
  }

  private async createRun(template: Awaited<ReturnType<OrderReader['get']>>, runOn: string, next: string) {
    const customer = await this.customers.forOrder(template.customerId, template.shipToAddressId);
    const header = {
      id: randomUUID(),
      type: 'ORDER' as const,
      customerId: template.customerId,
      currency: template.currency,
      customerReference: template.customerReference,
      shipFromLocation: template.shipFromLocation,
      shipToAddressId: template.shipToAddressId,
      prepaid: customer.prepaid,
      paymentTerms: customer.paymentTerms,
      priority: template.priority,
      refOrderId: template.id,
      // Dated the day it was due, not the day the run happened: a run that catches up on
      // missed dates makes one order per period, each showing the period it is for.
      orderDate: `${runOn}T00:00:00.000Z`,
    };
    const lines = template.lines
      .filter((l) => l.kind !== 'COMPONENT' && l.lineStatus !== 'CANCELLED')
      .map((l, i) => ({
        id: randomUUID(),
        lineNo: i + 1,
        sku: l.sku,
        quantity: l.quantity,
        locationCode: template.shipFromLocation,
        refLineId: l.id,
      }));
    return this.placement.placeStocked(header, lines, async (em) => {
      await em.query(`INSERT INTO orders.recurring_runs (template_id, run_on, order_id) VALUES ($1, $2, $3)`, [
        template.id,
        runOn,
        header.id,
      ]);
      await em.query(`UPDATE orders.orders SET next_run_on = GREATEST(next_run_on, $2::date) WHERE id = $1`, [
        template.id,
        next,
      ]);
    });
  }
}
