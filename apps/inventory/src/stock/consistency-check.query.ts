import type { ConsistencyReport, LedgerKind, StockDifference } from '#contracts';
import type { Queryable } from '#platform';
import { obeysKindSql } from './ledger-kinds.js';
import { rows } from '#platform';

interface CheckRow {
  sku: string;
  location_code: string;
  on_hand: number;
  ledger_on_hand: number;
  reserved: number;
  reservations: number;
  ledger_reserved: number;
}

/** Per item and location: on hand and reserved, the ledger's sums and the live reservations' sum. */
const TOTALS_SQL = `WITH pick AS (SELECT id FROM inventory.items WHERE $1::text IS NULL OR sku = $1),
     ledger AS (SELECT item_id, location_id, sum(on_hand_delta)::int AS on_hand, sum(reserved_delta)::int AS reserved
                  FROM inventory.ledger WHERE item_id IN (SELECT id FROM pick) GROUP BY item_id, location_id),
     held AS (SELECT item_id, location_id, sum(quantity)::int AS quantity
                FROM inventory.reservations WHERE item_id IN (SELECT id FROM pick) GROUP BY item_id, location_id),
     stock AS (SELECT item_id, location_id, on_hand, reserved FROM inventory.stock WHERE item_id IN (SELECT id FROM pick)),
     keys AS (SELECT item_id, location_id FROM stock UNION SELECT item_id, location_id FROM ledger UNION SELECT item_id, location_id FROM held)
     SELECT i.sku, l.code AS location_code, COALESCE(s.on_hand, 0) AS on_hand, COALESCE(g.on_hand, 0) AS ledger_on_hand,
            COALESCE(s.reserved, 0) AS reserved, COALESCE(h.quantity, 0) AS reservations, COALESCE(g.reserved, 0) AS ledger_reserved
       FROM keys k
       JOIN inventory.items i ON i.id = k.item_id
       JOIN inventory.locations l ON l.id = k.location_id
       LEFT JOIN stock s ON s.item_id = k.item_id AND s.location_id = k.location_id
       LEFT JOIN ledger g ON g.item_id = k.item_id AND g.location_id = k.location_id
       LEFT JOIN held h ON h.item_id = k.item_id AND h.location_id = k.location_id
      ORDER BY i.sku, l.code`;

/** Ledger rows that break their kind's rule. */
function violationsSql(): string {
  return `SELECT g.id, g.kind, g.on_hand_delta, g.reserved_delta FROM inventory.ledger g JOIN inventory.items i ON i.id = g.item_id
      WHERE ($1::text IS NULL OR i.sku = $1) AND NOT (${obeysKindSql()}) ORDER BY g.id LIMIT 1000`;
}

/**
 * Proves, for one item or all, that on hand equals the sum of the ledger's on-hand changes
 * and that reserved equals both the sum of live reservations and the ledger's reserved
 * changes, per item and location; and that every ledger row obeys its kind. One statement
 * per question, so each sees one consistent snapshot.
 */
export async function checkConsistency(db: Queryable, sku?: string): Promise<ConsistencyReport> {
  const totals = await rows<CheckRow>(db, TOTALS_SQL, [sku ?? null]);
  const differences: StockDifference[] = totals
    .filter((r) => r.on_hand !== r.ledger_on_hand || r.reserved !== r.reservations || r.reserved !== r.ledger_reserved)
    .map((r) => ({
      sku: r.sku,
      locationCode: r.location_code,
      onHand: r.on_hand,
      ledgerOnHand: r.ledger_on_hand,
      reserved: r.reserved,
      reservations: r.reservations,
      ledgerReserved: r.ledger_reserved,
    }));
  const violations = await rows<{
    id: string;
    kind: LedgerKind;
    on_hand_delta: number;
    reserved_delta: number;
  }>(db, violationsSql(), [sku ?? null]);
  const report: ConsistencyReport = {
    checkedAt: new Date().toISOString(),
    rowsChecked: totals.length,
    consistent: differences.length === 0 && violations.length === 0,
    differences,
    ledgerViolations: violations.map((v) => ({
      id: String(v.id),
      kind: v.kind,
      onHandDelta: v.on_hand_delta,
      reservedDelta: v.reserved_delta,
    })),
  };
  if (sku) report.sku = sku;
  return report;
}
