import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tickets and lines that must no longer ship: a ticket (and its packed shipment) is VOIDED when
 * its order is re-opened or every line on it was taken off; a ticket line is closed when its
 * order line is cancelled, terminated or held after the ticket was printed.
 */
export class ClosedTickets1700000000320 implements MigrationInterface {
  name = 'ClosedTickets1700000000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE warehouse.pick_tickets DROP CONSTRAINT pick_tickets_status_check`);
    await q.query(`ALTER TABLE warehouse.pick_tickets ADD COLUMN void_reason text`);
    await q.query(`ALTER TABLE warehouse.pick_tickets ADD CONSTRAINT pick_tickets_status_check
      CHECK (status IN ('OPEN', 'PICKED', 'PACKED', 'SHIPPED', 'VOIDED') AND (status = 'VOIDED') = (void_reason IS NOT NULL))`);
    await q.query(`ALTER TABLE warehouse.shipments DROP CONSTRAINT shipments_status_check`);
    await q.query(`ALTER TABLE warehouse.shipments DROP CONSTRAINT shipments_check`);
    await q.query(`ALTER TABLE warehouse.shipments ADD CONSTRAINT shipments_status_check
      CHECK (status IN ('PACKED', 'SHIPPED', 'VOIDED')
             AND (status <> 'SHIPPED' OR (carrier IS NOT NULL AND tracking_number IS NOT NULL AND shipped_at IS NOT NULL)))`);
    await q.query(`ALTER TABLE warehouse.pick_ticket_lines ADD COLUMN closed text
      CHECK (closed IN ('CANCELLED', 'TERMINATED', 'HELD'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE warehouse.pick_ticket_lines DROP COLUMN closed`);
    await q.query(`ALTER TABLE warehouse.shipments DROP CONSTRAINT shipments_status_check`);
    await q.query(
      `ALTER TABLE warehouse.shipments ADD CONSTRAINT shipments_status_check CHECK (status IN ('PACKED', 'SHIPPED'))`,
    );
    await q.query(`ALTER TABLE warehouse.shipments ADD CONSTRAINT shipments_check
      CHECK (status = 'PACKED' OR (carrier IS NOT NULL AND tracking_number IS NOT NULL AND shipped_at IS NOT NULL))`);
    await q.query(`ALTER TABLE warehouse.pick_tickets DROP CONSTRAINT pick_tickets_status_check`);
    await q.query(`ALTER TABLE warehouse.pick_tickets DROP COLUMN void_reason`);
    await q.query(`ALTER TABLE warehouse.pick_tickets ADD CONSTRAINT pick_tickets_status_check
      CHECK (status IN ('OPEN', 'PICKED', 'PACKED', 'SHIPPED'))`);
  }
}
