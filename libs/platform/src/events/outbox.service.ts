import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { EventMap } from '#contracts';
import { currentContext } from '../context/request-context.js';

/**
 * Writes domain events into the service's outbox table inside the caller's transaction,
 * so an event exists if and only if the change that caused it was committed. The
 * OutboxRelay publishes them to JetStream. The payload is typed from the subject (`EventMap`
 * in contracts; a test of the platform itself may pass a map of its own).
 */
@Injectable()
export class OutboxService<Events extends object = EventMap> {
  constructor(private readonly schema: string) {}

  /** Adds one event; returns its id (which becomes the JetStream Nats-Msg-Id). */
  async add<S extends keyof Events & string>(em: EntityManager, subject: S, data: Events[S]): Promise<string> {
    const id = randomUUID();
    const context = currentContext();
    await em.query(
      `INSERT INTO "${this.schema}".outbox (id, subject, payload, request_id, actor) VALUES ($1, $2, $3, $4, $5)`,
      [id, subject, JSON.stringify(data), context?.requestId ?? null, context?.caller?.actorId ?? null],
    );
    // Delivered to the relay's LISTEN connection when (and only if) the transaction commits.
    await em.query(`SELECT pg_notify($1, '')`, [outboxChannel(this.schema)]);
    return id;
  }
}

export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}
