import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Pick tickets printed for an order and whether they are still out (a Backorder waits until none is). */
export class OrderTickets1700000000223 implements MigrationInterface {
  name = 'OrderTickets1700000000223';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE orders.order_tickets (
      pick_ticket_id uuid PRIMARY KEY,
      order_id uuid NOT NULL REFERENCES orders.orders(id),
      open boolean NOT NULL DEFAULT true
    )`);
    await q.query(`CREATE INDEX order_tickets_open ON orders.order_tickets (order_id) WHERE open`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE orders.order_tickets`);
  }
}
