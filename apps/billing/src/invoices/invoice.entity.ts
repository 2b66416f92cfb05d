import { Column, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Currency, InvoiceStatus, InvoiceView } from '#contracts';
import { bigintNumber } from '#platform';

@Entity({ name: 'invoices' })
export class InvoiceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) series: string;
  @Column({ type: 'bigint', transformer: bigintNumber }) seq: number;
  @Column({ type: 'text' }) number: string;
  @Column({ type: 'uuid', name: 'order_id' }) orderId: string;
  @Column({ type: 'text', name: 'order_number' }) orderNumber: string;
  @Column({ type: 'uuid', name: 'shipment_id', nullable: true }) shipmentId: string | null;
  @Column({ type: 'uuid', name: 'customer_id' }) customerId: string;
  @Column({ type: 'text' }) currency: Currency;
  @Column({ type: 'text' }) status: InvoiceStatus;
  @Column({ type: 'bigint', name: 'total_minor', transformer: bigintNumber }) totalMinor: number;
  @Column({ type: 'bigint', name: 'paid_minor', transformer: bigintNumber }) paidMinor: number;
  @Column({ type: 'timestamptz', name: 'posted_at' }) postedAt: Date;
  @OneToMany(() => InvoiceLineEntity, (line) => line.invoice) lines: InvoiceLineEntity[];

  toView(): InvoiceView {
    return {
      id: this.id,
      number: this.number,
      series: this.series,
      orderId: this.orderId,
      orderNumber: this.orderNumber,
      shipmentId: this.shipmentId ?? undefined,
      customerId: this.customerId,
      currency: this.currency,
      status: this.status,
      totalMinor: this.totalMinor,
      paidMinor: this.paidMinor,
      openMinor: this.totalMinor - this.paidMinor,
      postedAt: this.postedAt.toISOString(),
      lines: [...(this.lines ?? [])]
        .sort((a, b) => a.lineNo - b.lineNo)
        .map((l) => ({
          orderLineId: l.orderLineId,
          sku: l.sku,
          quantity: l.quantity,
          unitPriceMinor: l.unitPriceMinor,
          lineTotalMinor: l.lineTotalMinor,
        })),
    };
  }
}

@Entity({ name: 'invoice_lines' })
export class InvoiceLineEntity {
  @PrimaryColumn({ type: 'uuid', name: 'invoice_id' }) invoiceId: string;
  @PrimaryColumn({ type: 'integer', name: 'line_no' }) lineNo: number;
  @Column({ type: 'uuid', name: 'order_line_id' }) orderLineId: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ type: 'integer' }) quantity: number;
  @Column({ type: 'bigint', name: 'unit_price_minor', transformer: bigintNumber }) unitPriceMinor: number;
  @Column({ type: 'bigint', name: 'line_total_minor', transformer: bigintNumber }) lineTotalMinor: number;
  @ManyToOne(() => InvoiceEntity, (invoice) => invoice.lines)
  @JoinColumn({ name: 'invoice_id' })
  invoice: InvoiceEntity;
}
