import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import type { Currency, OrderType } from '#contracts';
import { bigintNumber } from '#platform';

/** Billing's own copy of a placed order: just what invoicing needs (who, which currency, which prices). */
@Entity({ name: 'orders' })
export class BillingOrderEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'uuid', name: 'customer_id' }) customerId: string;
  @Column({ type: 'text' }) currency: Currency;
  @Column({ type: 'text' }) type: OrderType;
  @Column({ type: 'boolean' }) prepaid: boolean;
  @Column({ type: 'timestamptz', name: 'order_date' }) orderDate: Date;
  @CreateDateColumn({ type: 'timestamptz', name: 'received_at' }) receivedAt: Date;
  @OneToMany(() => BillingOrderLineEntity, (line) => line.order) lines: BillingOrderLineEntity[];
}

@Entity({ name: 'order_lines' })
export class BillingOrderLineEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'order_id' }) orderId: string;
  @Column({ type: 'integer', name: 'line_no' }) lineNo: number;
  @Column({ type: 'text' }) sku: string;
  @Column({ type: 'integer' }) quantity: number;
  @Column({ type: 'bigint', name: 'unit_price_minor', transformer: bigintNumber }) unitPriceMinor: number;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'uuid', name: 'parent_line_id', nullable: true }) parentLineId: string | null;
  @ManyToOne(() => BillingOrderEntity, (order) => order.lines)
  @JoinColumn({ name: 'order_id' })
  order: BillingOrderEntity;
}
