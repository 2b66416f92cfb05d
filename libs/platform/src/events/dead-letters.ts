import type { DataSource } from 'typeorm';
import type { EventEnvelope } from '#contracts';
import { DomainError } from '../errors/domain-error.js';
import { type Queryable, rows } from '../database/sql.js';
import { defineStateMachine } from '../state/state-machine.js';
import type { EventConsumers } from './event-consumers.js';

export type DeadLetterStatus = 'OPEN' | 'REPLAYED' | 'DISCARDED';

/**
 * A dead letter stays OPEN until an operator replays it (once: a replay that fails again
 * leaves it OPEN with the error, to be replayed after the next fix) or discards it with a
 * reason. Neither is undone and no row is deleted.
 */
export const deadLetterStatus = defineStateMachine('dead letter status', {
  OPEN: ['REPLAYED', 'DISCARDED'],
  REPLAYED: [],
  DISCARDED: [],
} as const satisfies Record<DeadLetterStatus, readonly DeadLetterStatus[]>);

/** The outcome of the last replay: applied now, or found in the inbox as applied before, or failed again. */
export type ReplayOutcome = 'APPLIED' | 'ALREADY_APPLIED' | 'FAILED';

export interface DeadLetterView {
  id: string;
  eventId: string | null;
  subject: string;
  consumer: string;
  error: string;
  attempts: number;
  deadLetteredAt: string;
  status: DeadLetterStatus;
  resolvedBy: string | null;
  resolvedAt: string | null;
  discardReason: string | null;
  replayedBy: string | null;
  replayedAt: string | null;
  replayOutcome: ReplayOutcome | null;
  replayError: string | null;
}

export interface DeadLetterPage {
  items: DeadLetterView[];
  /** Pass as `after` for the next page; absent on the last. */
  next?: string;
}

interface DeadLetterRow {
  id: string;
  event_id: string | null;
  subject: string;
  consumer: string;
  error: string;
  attempts: number;
  created_at: Date;
  status: DeadLetterStatus;
  resolved_by: string | null;
  resolved_at: Date | null;
  discard_reason: string | null;
  replayed_by: string | null;
  replayed_at: Date | null;
  replay_outcome: ReplayOutcome | null;
  replay_error: string | null;
  envelope: EventEnvelope | null;
}

const COLUMNS = `id::text AS id, event_id, subject, consumer, error, attempts, created_at, status, resolved_by,
  resolved_at, discard_reason, replayed_by, replayed_at, replay_outcome, replay_error`;

/**
 * What an operator does with one service's dead letters: list them, replay one through its
 * consumer's handler and the inbox (so it can never apply twice), discard one with a reason.
 * Who did it, when and with what outcome is kept on the row.
 */
export class DeadLetters {
  constructor(
    private readonly dataSource: DataSource,
    private readonly consumers: EventConsumers<object>,
    private readonly schema: string,
  ) {}

  /** Oldest first, `limit` (1-500, default 50) after the id `after`. */
  async list(query: { limit?: number; after?: string }): Promise<DeadLetterPage> {
    const limit = query.limit ?? 50;
    if (query.after !== undefined) deadLetterId(query.after, 'after');
    const found = await rows<DeadLetterRow>(
      this.dataSource,
      `SELECT ${COLUMNS} FROM "${this.schema}".dead_letters WHERE id > $1 ORDER BY id LIMIT $2`,
      [query.after ?? '0', limit + 1],
    );
    const items = found.slice(0, limit).map(view);
    return found.length > limit ? { items, next: items[items.length - 1].id } : { items };
  }

  /**
   * Runs the event's handler again, once: OPEN moves to REPLAYED when it applies (or the inbox
   * shows it applied already); when it fails, the row keeps OPEN with the error. A dead letter
   * already replayed or discarded is ILLEGAL_TRANSITION (409).
   */
  async replay(id: string, by: string): Promise<DeadLetterView> {
    let handling = false;
    try {
      return await this.dataSource.transaction(async (em) => {
        const letter = await this.lock(em, id);
        deadLetterStatus.assertCanMove(letter.status, 'REPLAYED', `Dead letter ${id}`);
        if (!letter.envelope) throw new Error(`dead letter ${id} has no readable event to replay`);
        handling = true;
        const applied = await this.consumers.applyAgain(em, letter.consumer, letter.envelope);
        const [moved] = await rows<DeadLetterRow>(
          em,
          `UPDATE "${this.schema}".dead_letters SET status = $2, resolved_by = $3, resolved_at = now(),
             replayed_by = $3, replayed_at = now(), replay_outcome = $4, replay_error = NULL
           WHERE id = $1 AND status = ANY($5::text[]) RETURNING ${COLUMNS}`,
          [id, 'REPLAYED', by, applied ? 'APPLIED' : 'ALREADY_APPLIED', deadLetterStatus.into('REPLAYED')],
        );
        handling = false;
        deadLetterStatus.assertMoved('REPLAYED', moved ? 1 : 0, 1, `Dead letter ${id}`);
        return view(moved);
      });
    } catch (error) {
      if (!handling) throw error;
      // The handler failed again: nothing of it was applied; the row keeps OPEN and says why.
      const [kept] = await rows<DeadLetterRow>(
        this.dataSource,
        `UPDATE "${this.schema}".dead_letters SET replayed_by = $2, replayed_at = now(), replay_outcome = 'FAILED',
           replay_error = $3 WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, by, error instanceof Error ? error.message : String(error)],
      );
      return view(kept);
    }
  }

  /** OPEN moves to DISCARDED with the reason; already replayed or discarded is ILLEGAL_TRANSITION (409). */
  async discard(id: string, reason: string, by: string): Promise<DeadLetterView> {
    return this.dataSource.transaction(async (em) => {
      const letter = await this.lock(em, id);
      deadLetterStatus.assertCanMove(letter.status, 'DISCARDED', `Dead letter ${id}`);
      const [moved] = await rows<DeadLetterRow>(
        em,
        `UPDATE "${this.schema}".dead_letters SET status = $2, resolved_by = $3, resolved_at = now(), discard_reason = $4
         WHERE id = $1 AND status = ANY($5::text[]) RETURNING ${COLUMNS}`,
        [id, 'DISCARDED', by, reason, deadLetterStatus.into('DISCARDED')],
      );
      deadLetterStatus.assertMoved('DISCARDED', moved ? 1 : 0, 1, `Dead letter ${id}`);
      return view(moved);
    });
  }

  private async lock(em: Queryable, id: string): Promise<DeadLetterRow> {
    deadLetterId(id, 'id');
    const [letter] = await rows<DeadLetterRow>(
      em,
      `SELECT ${COLUMNS}, envelope FROM "${this.schema}".dead_letters WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (!letter) throw new DomainError('NOT_FOUND', `No dead letter ${id} in ${this.schema}`);
    return letter;
  }
}

function view(row: DeadLetterRow): DeadLetterView {
  return {
    id: row.id,
    eventId: row.event_id,
    subject: row.subject,
    consumer: row.consumer,
    error: row.error,
    attempts: row.attempts,
    deadLetteredAt: new Date(row.created_at).toISOString(),
    status: row.status,
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    discardReason: row.discard_reason,
    replayedBy: row.replayed_by,
    replayedAt: row.replayed_at ? new Date(row.replayed_at).toISOString() : null,
    replayOutcome: row.replay_outcome,
    replayError: row.replay_error,
  };
}

/** A dead letter id is a positive integer; anything else is a 400 naming the field. */
function deadLetterId(value: string, field: string): void {
  if (/^[1-9][0-9]{0,17}$/.test(value)) return;
  throw new DomainError(
    'VALIDATION_FAILED',
    `Invalid request: ${field} must be a dead letter id (a positive integer)`,
    {
      fields: [{ field, problems: ['must be a dead letter id (a positive integer)'] }],
    },
  );
}
