import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PickTicketLineView, PickTicketStatus, PickTicketView } from '#contracts';

@Entity({ name: 'pick_tickets' })
export class PickTicketEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'uuid', name: 'order_id' }) orderId: string;
  @Column({ type: 'text', name: 'order_number' }) orderNumber: string;
  @Column({ type: 'text', name: 'location_code' }) locationCode: string;
  @Column({ type: 'integer', name: 'picking_cycle' }) pickingCycle: number;
  @Column({ type: 'text' }) status: PickTicketStatus;
  @Column({ type: 'timestamptz' }) cutoff: Date;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;

  toView(lines: PickTicketLineEntity[]): PickTicketView {
    return {
      id: this.id,
      number: this.number,
      orderId: this.orderId,
      orderNumber: this.orderNumber,
      locationCode: this.locationCode,
      pickingCycle: this.pickingCycle,
      status: this.status,
      cutoff: this.cutoff.toISOString(),
      createdAt: this.createdAt.toISOString(),
      lines: lines.map((l) => l.toView()),
    };
  }
}

@Entity({ name: 'pick_ticket_lines' })
export class PickTicketLineEntity {
  @PrimaryColumn({ type: 'uuid', name: 'pick_ticket_id' }) pickTicketId: string;
  @PrimaryColumn({ type: 'uuid', name: 'order_line_id' }) orderLineId: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ type: 'integer' }) quantity: number;
  @Column({ type: 'integer', name: 'picked_quantity' }) pickedQuantity: number;
  @Column({ type: 'integer', name: 'packed_quantity' }) packedQuantity: number;

  toView(): PickTicketLineView {
    return {
      orderLineId: this.orderLineId,
      sku: this.sku,
      quantity: this.quantity,
      pickedQuantity: this.pickedQuantity,
      packedQuantity: this.packedQuantity,
    };
  }
}
