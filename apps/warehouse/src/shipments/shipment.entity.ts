import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContainerView, ShipmentStatus, ShipmentView } from '#contracts';

@Entity({ name: 'shipments' })
export class ShipmentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'uuid', name: 'pick_ticket_id' }) pickTicketId: string;
  @Column({ type: 'uuid', name: 'order_id' }) orderId: string;
  @Column({ type: 'text', name: 'order_number' }) orderNumber: string;
  @Column({ type: 'text', name: 'location_code' }) locationCode: string;
  @Column({ type: 'text' }) status: ShipmentStatus;
  @Column({ type: 'text', nullable: true }) carrier: string | null;
  @Column({ type: 'text', name: 'tracking_number', nullable: true }) trackingNumber: string | null;
  @Column({ type: 'timestamptz', name: 'shipped_at', nullable: true }) shippedAt: Date | null;

  toView(containers: ContainerView[]): ShipmentView {
    return {
      id: this.id,
      number: this.number,
      pickTicketId: this.pickTicketId,
      orderId: this.orderId,
      locationCode: this.locationCode,
      status: this.status,
      carrier: this.carrier ?? undefined,
      trackingNumber: this.trackingNumber ?? undefined,
      shippedAt: this.shippedAt?.toISOString(),
      containers,
    };
  }
}

@Entity({ name: 'containers' })
export class ContainerEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'shipment_id' }) shipmentId: string;
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'integer', name: 'weight_grams', nullable: true }) weightGrams: number | null;

  toView(lines: ContainerLineEntity[]): ContainerView {
    return {
      id: this.id,
      code: this.code,
      weightGrams: this.weightGrams ?? undefined,
      lines: lines.map((l) => ({ orderLineId: l.orderLineId, quantity: l.quantity })),
    };
  }
}

@Entity({ name: 'container_lines' })
export class ContainerLineEntity {
  @PrimaryColumn({ type: 'uuid', name: 'container_id' }) containerId: string;
  @PrimaryColumn({ type: 'uuid', name: 'order_line_id' }) orderLineId: string;
  @Column({ type: 'integer' }) quantity: number;
}
