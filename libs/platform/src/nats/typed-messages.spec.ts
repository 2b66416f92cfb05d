import { MessagePattern } from '@nestjs/microservices';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import type { EntityManager } from 'typeorm';
import {
  type EventEnvelope,
  type IdRequest,
  InventorySubjects,
  OrdersSubjects,
  type OrderView,
  type ReserveStockReply,
  type ShipmentShippedEvent,
} from '#contracts';
import type { EventConsumers } from '../events/event-consumers.js';
import type { OutboxService } from '../events/outbox.service.js';
import { Handles } from './handles.js';
import type { ServiceClient } from './service-client.js';

// The functions and class below are never run: they are here for `npm run typecheck`, which
// fails if any `@ts-expect-error` line stops being an error, that is, if the typing of
// messages from `CommandMap` / `EventMap` in contracts regresses.

export async function typedRequests(client: ServiceClient): Promise<void> {
  const order = await client.request(OrdersSubjects.getOrder, { id: 'o1' });
  const placed: OrderView = order;
  void placed;
  // @ts-expect-error a wrong request payload: getOrder takes { id }
  await client.request(OrdersSubjects.getOrder, { orderId: 'o1' });
  // @ts-expect-error a payload missing a required field
  await client.request(InventorySubjects.reserve, { lines: [] });
  // @ts-expect-error a reply read as the wrong type
  const wrong: ReserveStockReply = await client.request(OrdersSubjects.getOrder, { id: 'o1' });
  void wrong;
  // @ts-expect-error a subject that is not in the map
  await client.request('orders.order.teleport', { id: 'o1' });
  // @ts-expect-error an event subject is not a command
  await client.request(OrdersSubjects.orderPlaced, { id: 'o1' });
}

export async function typedEvents(outbox: OutboxService, consumers: EventConsumers, em: EntityManager): Promise<void> {
  await outbox.add(em, OrdersSubjects.orderBackordered, {
    originalOrderId: 'o1',
    fromOrderId: 'o1',
    backorderId: 'o2',
    backorderNumber: 'SO-2',
    lines: [],
  });
  // @ts-expect-error a wrong outbox payload: orderBackordered carries the backorder and its lines
  await outbox.add(em, OrdersSubjects.orderBackordered, { orderId: 'o1' });
  // @ts-expect-error a command subject is not an event
  await outbox.add(em, OrdersSubjects.getOrder, { id: 'o1' });

  consumers.on(OrdersSubjects.orderPlaced, { versions: [1] }, async (event) => {
    const number: string = event.data.number;
    void number;
  });
  // @ts-expect-error a consumer handler that expects another event's payload
  consumers.on(OrdersSubjects.orderPlaced, { versions: [1] }, async (event: EventEnvelope<ShipmentShippedEvent>) => {
    void event.data.shipmentId;
  });
  // @ts-expect-error a consumer that does not read the subject's current version (1) first
  consumers.on(OrdersSubjects.orderPlaced, { versions: [2] }, async () => {});
  // @ts-expect-error a consumer must say which versions it reads
  consumers.on(OrdersSubjects.orderPlaced, { versions: [] }, async () => {});

  // `lines changed` is a union on `action`: only edits and additions carry price and allocations.
  consumers.on(OrdersSubjects.linesChanged, { versions: [1] }, async (event) => {
    const change = event.data;
    if (change.action === 'CHANGED' || change.action === 'ADDED') {
      const priced: number = change.lines[0].unitPriceMinor;
      void priced;
    }
    if (change.action === 'HELD') {
      // @ts-expect-error a held line carries no allocations
      void change.lines[0].allocations;
    }
    // @ts-expect-error an action that does not exist
    if (change.action === 'SHIPPED') return;
  });
  await outbox.add(em, OrdersSubjects.linesChanged, {
    orderId: 'o1',
    orderNumber: 'SO-1',
    action: 'CANCELLED',
    lines: [{ lineId: 'l1', sku: 'BOLT', quantity: 1 }],
  });
  // @ts-expect-error an added line must bring its price, allocations and number
  await outbox.add(em, OrdersSubjects.linesChanged, {
    orderId: 'o1',
    orderNumber: 'SO-1',
    orderDate: '2026-12-01',
    action: 'ADDED',
    lines: [{ lineId: 'l1', sku: 'BOLT', quantity: 1 }],
  });
}

export class TypedHandlers {
  @Handles(OrdersSubjects.getOrder)
  get(request: IdRequest): Promise<OrderView> {
    return Promise.reject(new Error(`not run: ${request.id}`));
  }

  // @ts-expect-error a handler that answers another reply than the map says
  @Handles(OrdersSubjects.getOrder)
  getWrongReply(request: IdRequest): Promise<ReserveStockReply> {
    return Promise.reject(new Error(`not run: ${request.id}`));
  }

  // @ts-expect-error a handler that takes another payload than the map says
  @Handles(OrdersSubjects.getOrder)
  getWrongRequest(request: { orderNumber: number }): Promise<OrderView> {
    return Promise.reject(new Error(`not run: ${request.orderNumber}`));
  }
}

describe('@Handles', () => {
  it('registers the subject as the message pattern, as @MessagePattern does', () => {
    class Plain {
      @MessagePattern(OrdersSubjects.getOrder)
      get(): void {}
    }
    const pattern = (method: object): unknown => Reflect.getMetadata(PATTERN_METADATA, method);
    expect(pattern(TypedHandlers.prototype.get)).toEqual([OrdersSubjects.getOrder]);
    expect(pattern(TypedHandlers.prototype.get)).toEqual(pattern(Plain.prototype.get));
  });
});
