import type { EntityManager } from 'typeorm';
import type { FulfillStatus, LineStatus } from '#contracts';
import { rows, type StateMachine } from '#platform';
import { fulfillStatus, lineStatus, lineSubject } from './line-status.machine.js';

/**
 * The only writes of an order line's two statuses. Each move is checked against its table
 * for every line first, and the UPDATE carries the table's guard, so a line someone else
 * moved in between is reported (ILLEGAL_TRANSITION), never overwritten. Callers hold the
 * lines' row locks; other columns are written by their own statements. The lines passed in
 * read their new status afterwards.
 */
export async function moveLineStatus(
  em: EntityManager,
  lines: ReadonlyArray<{ id: string; line_status: LineStatus }>,
  to: LineStatus,
): Promise<void> {
  if (lines.length === 0) return;
  for (const line of lines) lineStatus.assertCanMove(line.line_status, to, lineSubject(line));
  const moved = await rows(
    em,
    `UPDATE orders.order_lines SET line_status = $2 WHERE id = ANY($1::uuid[]) AND line_status = ANY($3::text[]) RETURNING id`,
    [lines.map((l) => l.id), to, lineStatus.into(to)],
  );
  lineStatus.assertMoved(to, moved.length, lines.length, subjectOf(lines));
  for (const line of lines) line.line_status = to;
}

/** Moves lines' fulfill status through `machine` (the fulfill status table, or the one re-open uses). */
export async function moveFulfillStatus(
  em: EntityManager,
  lines: ReadonlyArray<{ id: string; fulfill_status: FulfillStatus }>,
  to: FulfillStatus,
  machine: StateMachine<FulfillStatus> = fulfillStatus,
): Promise<void> {
  if (lines.length === 0) return;
  for (const line of lines) machine.assertCanMove(line.fulfill_status, to, lineSubject(line));
  const moved = await rows(
    em,
    `UPDATE orders.order_lines SET fulfill_status = $2 WHERE id = ANY($1::uuid[]) AND fulfill_status = ANY($3::text[]) RETURNING id`,
    [lines.map((l) => l.id), to, machine.into(to)],
  );
  machine.assertMoved(to, moved.length, lines.length, subjectOf(lines));
  for (const line of lines) line.fulfill_status = to;
}

function subjectOf(lines: ReadonlyArray<{ id: string }>): string {
  return lines.length === 1 ? lineSubject(lines[0]) : `Lines ${lines.map((l) => l.id).join(', ')}`;
}
