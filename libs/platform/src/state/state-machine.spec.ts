import { DomainError } from '../errors/domain-error.js';
import { defineStateMachine } from './state-machine.js';

type DoorStatus = 'OPEN' | 'CLOSED' | 'LOCKED' | 'BRICKED';

// A door that can be closed, locked, unlocked, and left open while it is painted (OPEN -> OPEN).
const door = defineStateMachine('door status', {
  OPEN: ['OPEN', 'CLOSED'],
  CLOSED: ['OPEN', 'LOCKED'],
  LOCKED: ['CLOSED'],
  BRICKED: [],
} as const satisfies Record<DoorStatus, readonly DoorStatus[]>);

function thrown(attempt: () => void): DomainError {
  try {
    attempt();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the attempt to throw');
}

describe('defineStateMachine', () => {
  it('allows exactly the moves its table lists', () => {
    expect(door.canMove('CLOSED', 'LOCKED')).toBe(true);
    expect(door.canMove('OPEN', 'LOCKED')).toBe(false);
    expect(door.canMove('BRICKED', 'OPEN')).toBe(false);
    expect(door.allowedFrom('CLOSED')).toEqual(['OPEN', 'LOCKED']);
    expect(door.states).toEqual(['OPEN', 'CLOSED', 'LOCKED', 'BRICKED']);
  });

  it('refuses a same-status move unless the table lists it', () => {
    expect(door.canMove('OPEN', 'OPEN')).toBe(true);
    expect(door.canMove('CLOSED', 'CLOSED')).toBe(false);
    expect(() => door.assertCanMove('LOCKED', 'LOCKED')).toThrow(DomainError);
  });

  it('names the machine, the subject, both statuses and what is allowed when it refuses', () => {
    const error = thrown(() => door.assertCanMove('LOCKED', 'OPEN', 'Front door D-7'));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('ILLEGAL_TRANSITION');
    expect(error.message).toBe(
      'Front door D-7 cannot move from LOCKED to OPEN: the door status table allows CLOSED from LOCKED',
    );
    expect(error.details).toEqual({
      machine: 'door status',
      subject: 'Front door D-7',
      from: 'LOCKED',
      to: 'OPEN',
      allowed: ['CLOSED'],
    });
    expect(error.toPayload()).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { from: 'LOCKED', to: 'OPEN' } });
  });

  it('says "nothing" for a final status, and names the machine when there is no subject', () => {
    const error = thrown(() => door.assertCanMove('BRICKED', 'OPEN'));
    expect(error.message).toBe(
      'Door status cannot move from BRICKED to OPEN: the door status table allows nothing from BRICKED',
    );
    expect(error.details).toEqual({ machine: 'door status', from: 'BRICKED', to: 'OPEN', allowed: [] });
  });

  it('answers into(to) with every status that may move to `to`, the guard of a set-based update', () => {
    expect(door.into('OPEN')).toEqual(['OPEN', 'CLOSED']);
    expect(door.into('CLOSED')).toEqual(['OPEN', 'LOCKED']);
    expect(door.into('BRICKED')).toEqual([]);
  });

  it('narrows into(to) to the statuses named, refusing one the table does not let into `to`', () => {
    expect(door.into('CLOSED', ['LOCKED'])).toEqual(['LOCKED']);
    const error = thrown(() => door.into('LOCKED', ['CLOSED', 'OPEN']));
    expect(error.details).toMatchObject({ from: 'OPEN', to: 'LOCKED', allowed: ['OPEN', 'CLOSED'] });
  });

  it('refuses, at compile time, a table that moves to a status it does not list', () => {
    // @ts-expect-error GONE is not a status of this table
    const broken = defineStateMachine('broken', { HERE: ['GONE'] });
    expect(broken.states).toEqual(['HERE']);
  });

  it('reports a guarded update that moved fewer rows than it meant to', () => {
    expect(() => door.assertMoved('LOCKED', 3, 3)).not.toThrow();
    const error = thrown(() => door.assertMoved('LOCKED', 1, 3, 'Doors of hall B'));
    expect(error.code).toBe('ILLEGAL_TRANSITION');
    expect(error.message).toBe(
      'Doors of hall B: 2 of 3 could not move to LOCKED; they were no longer CLOSED (the door status table allows into LOCKED only from those)',
    );
    expect(error.details).toEqual({
      machine: 'door status',
      subject: 'Doors of hall B',
      to: 'LOCKED',
      moved: 1,
      expected: 3,
      allowedInto: ['CLOSED'],
    });
  });
});
