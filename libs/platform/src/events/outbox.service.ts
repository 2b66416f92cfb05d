import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { currentContext } from '../context/request-context.js';

/**
 * Writes domain events into the service's outbox table inside the caller's transaction,
 * so an event exists if and only if the change that caused it was committed. The
 * OutboxRelay publishes them to JetStream.
 */
@Injectable()
export class OutboxService {
  constructor(private readonly schema: string) {}

  /** Adds one event; returns its id (which becomes the JetStream Nats-Msg-Id). */
  async add(em: EntityManager, subject: string, data: unknown): Promise<string> {
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
