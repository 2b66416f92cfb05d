import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type EventMap, EventVersions } from '#contracts';
import { currentContext } from '../context/request-context.js';
import { auditActorOf } from '../nats/caller-context.js';
import { activeTraceContext } from '../tracing/spans.js';

/**
 * Writes domain events into the service's outbox table inside the caller's transaction,
 * so an event exists if and only if the change that caused it was committed. The
 * OutboxRelay publishes them to JetStream. The payload is typed from the subject (`EventMap`
 * in contracts; a test of the platform itself may pass a map of its own), and each event is
 * stamped with its subject's current schema version (`EventVersions` in contracts).
 */
@Injectable()
export class OutboxService<Events extends object = EventMap> {
  private readonly versions: EventVersionTable<Events>;

  /** `versions` defaults to `EventVersions` from contracts; pass a table with a map of your own. */
  constructor(
    private readonly schema: string,
    versions?: EventVersionTable<Events>,
  ) {
    this.versions = versions ?? (EventVersions as EventVersionTable<Events>);
  }

  /** Adds one event; returns its id (which becomes the JetStream Nats-Msg-Id). */
  async add<S extends keyof Events & string>(em: EntityManager, subject: S, data: Events[S]): Promise<string> {
    const v = this.versions[subject];
    if (typeof v !== 'number') throw new Error(`No schema version is declared for event subject ${subject}`);
    const id = randomUUID();
    const context = currentContext();
    const trace = activeTraceContext();
    await em.query(
      `INSERT INTO "${this.schema}".outbox (id, subject, v, payload, request_id, actor, traceparent, tracestate)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        id,
        subject,
        v,
        JSON.stringify(data),
        context?.requestId ?? null,
        context?.caller ? auditActorOf(context.caller) : null,
        trace.traceparent ?? null,
        trace.tracestate ?? null,
      ],
    );
    // Delivered to the relay's LISTEN connection when (and only if) the transaction commits.
    await em.query(`SELECT pg_notify($1, '')`, [outboxChannel(this.schema)]);
    return id;
  }
}

/** The current schema version of each event subject of a map. */
export type EventVersionTable<Events> = { readonly [S in keyof Events]: number };

export function outboxChannel(schema: string): string {
  return `outbox_${schema}`;
}
