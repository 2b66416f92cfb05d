import type { IllegalTransitionDetails } from '#contracts';
import { DomainError } from '../errors/domain-error.js';

/**
 * A status and where it may go, as data: each status maps to the statuses it may move to.
 * A status that may stay what it is (an edit that keeps it) lists itself; otherwise a
 * "move" to the same status is refused like any other move the table does not list.
 */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

/** The guard built from one transition table; see {@link defineStateMachine}. */
export interface StateMachine<S extends string> {
  /** What the table governs, as a person would say it ("pick ticket status"); used in error messages. */
  readonly name: string;
  readonly table: TransitionTable<S>;
  /** Every status of the table, in the table's order. */
  readonly states: readonly S[];
  /** Whether the table lets `from` move to `to`. */
  canMove(from: S, to: S): boolean;
  /** The statuses `from` may move to. */
  allowedFrom(from: S): readonly S[];
  /**
   * Throws `ILLEGAL_TRANSITION` unless the table lets `from` move to `to`. `subject` names
   * what is moving ("Pick ticket PT-000012") in the message and the details.
   */
  assertCanMove(from: S, to: S, subject?: string): void;
  /**
   * The statuses that may move to `to`: the guard of a set-based UPDATE, so that it cannot
   * skip the table (`... SET status = $1 WHERE ... AND status = ANY($2::text[])` with
   * `into(to)` as `$2`). With `among`, the guard is only those statuses, and each of them
   * must be allowed into `to` (else `ILLEGAL_TRANSITION`): for an UPDATE that means to move
   * only some of the statuses the table would allow.
   */
  into(to: S, among?: readonly S[]): S[];
  /**
   * Reports a guarded UPDATE that moved fewer rows than it meant to: those rows were no
   * longer in a status the table lets into `to` (someone else moved them first), which is
   * `ILLEGAL_TRANSITION`, never silently ignored.
   */
  assertMoved(to: S, moved: number, expected: number, subject?: string): void;
}

/**
 * Defines a state machine from its transition table. Write the table `as const satisfies
 * Record<Status, readonly Status[]>` so that the compiler checks every status is listed:
 *
 * ```ts
 * export const pickTicketStatus = defineStateMachine('pick ticket status', {
 *   OPEN: ['PICKED'],
 *   PICKED: ['PACKED'],
 *   PACKED: ['SHIPPED'],
 *   SHIPPED: [],
 * } as const satisfies Record<PickTicketStatus, readonly PickTicketStatus[]>);
 *
 * pickTicketStatus.assertCanMove(ticket.status, 'PACKED', `Pick ticket ${ticket.number}`);
 * ```
 */
export function defineStateMachine<S extends string>(
  name: string,
  // The statuses are the table's keys; a status it moves to must be one of them.
  table: Readonly<Record<S, readonly NoInfer<S>[]>>,
): StateMachine<S> {
  const states = Object.keys(table) as S[];
  const allowedFrom = (from: S): readonly S[] => table[from] ?? [];
  const canMove = (from: S, to: S): boolean => allowedFrom(from).includes(to);
  const assertCanMove = (from: S, to: S, subject?: string): void => {
    if (canMove(from, to)) return;
    const allowed = allowedFrom(from);
    const details: IllegalTransitionDetails = { machine: name, from, to, allowed: [...allowed] };
    if (subject !== undefined) details.subject = subject;
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `${subject ?? capitalised(name)} cannot move from ${from} to ${to}: the ${name} table allows ` +
        `${allowed.length > 0 ? allowed.join(', ') : 'nothing'} from ${from}`,
      details,
    );
  };
  return {
    name,
    table,
    states,
    canMove,
    allowedFrom,
    assertCanMove,
    into(to: S, among?: readonly S[]): S[] {
      if (among === undefined) return states.filter((from) => canMove(from, to));
      for (const from of among) assertCanMove(from, to);
      return [...among];
    },
    assertMoved(to: S, moved: number, expected: number, subject?: string): void {
      if (moved >= expected) return;
      const allowed = states.filter((from) => canMove(from, to));
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `${subject ?? capitalised(name)}: ${expected - moved} of ${expected} could not move to ${to}; ` +
          `they were no longer ${allowed.length > 0 ? allowed.join(' or ') : 'in any status'} (the ${name} table allows into ${to} only from those)`,
        { machine: name, subject, to, moved, expected, allowedInto: allowed },
      );
    },
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
