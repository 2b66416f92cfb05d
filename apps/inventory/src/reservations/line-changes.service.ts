import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { LinesChangedEvent } from '#contracts';
import { type ReleaseOutcome, ReservationReleaseService } from './reservation-release.service.js';

/** What each line change means for the stock a line holds; null: nothing to do here. */
const outcomes = {
  CANCELLED: 'RELEASED',
  TERMINATED: 'RELEASED',
  REMOVED: 'RELEASED',
  PRE_SHIPPED: 'HANDED_OVER',
  HELD: null,
  ACTIVATED: null,
  // Orders reserves changed and added lines again itself, by request.
  CHANGED: null,
  ADDED: null,
} as const satisfies Record<LinesChangedEvent['action'], ReleaseOutcome | null>;

/**
 * Follows what people do to order lines: a cancelled, terminated or removed line gives its
 * stock back (orders asks for that at once too; releasing twice is harmless), and a line the
 * customer took at the counter (pre-shipped) takes its reserved units out of on hand.
 */
@Injectable()
export class LineChangesService {
  constructor(private readonly releases: ReservationReleaseService) {}

  async apply(em: EntityManager, change: LinesChangedEvent): Promise<void> {
    const outcome = outcomes[change.action];
    if (!outcome || change.lines.length === 0) return;
    await this.releases.releaseIn(em, { orderId: change.orderId, lineIds: change.lines.map((l) => l.lineId) }, outcome);
  }
}
