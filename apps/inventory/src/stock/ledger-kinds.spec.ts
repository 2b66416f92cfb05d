import { LedgerKinds } from '#contracts';
import { type Direction, ledgerKindRules, obeysKind, obeysKindSql } from './ledger-kinds.js';

const samples: Record<Direction, { allowed: number[]; refused: number[] }> = {
  up: { allowed: [1, 7], refused: [0, -1] },
  down: { allowed: [-1, -7], refused: [0, 1] },
  none: { allowed: [0], refused: [1, -1] },
  either: { allowed: [1, -1], refused: [0] },
  downOrNone: { allowed: [0, -3], refused: [2] },
};

describe('ledger kind rules', () => {
  it('cover every ledger kind', () => {
    expect(Object.keys(ledgerKindRules).sort()).toEqual([...LedgerKinds].sort());
  });

  for (const kind of LedgerKinds) {
    const rule = ledgerKindRules[kind];
    const neutralReserved = samples[rule.reserved].allowed[0];
    const neutralOnHand = samples[rule.onHand].allowed[0];
    it.each(samples[rule.onHand].allowed)(`${kind} allows an on-hand change of %i`, (delta) => {
      expect(obeysKind(kind, delta, neutralReserved)).toBe(true);
    });
    it.each(samples[rule.onHand].refused)(`${kind} refuses an on-hand change of %i`, (delta) => {
      expect(obeysKind(kind, delta, neutralReserved)).toBe(false);
    });
    it.each(samples[rule.reserved].allowed)(`${kind} allows a reserved change of %i`, (delta) => {
      expect(obeysKind(kind, neutralOnHand, delta)).toBe(true);
    });
    it.each(samples[rule.reserved].refused)(`${kind} refuses a reserved change of %i`, (delta) => {
      expect(obeysKind(kind, neutralOnHand, delta)).toBe(false);
    });
  }

  it('states the same rule in SQL, one clause per kind', () => {
    const sql = obeysKindSql();
    for (const kind of LedgerKinds) expect(sql).toContain(`g.kind = '${kind}'`);
    expect(sql).toContain(`(g.kind = 'SHIPMENT' AND g.on_hand_delta < 0 AND g.reserved_delta <= 0)`);
  });
});
