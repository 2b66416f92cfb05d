import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Currency, InvoiceView, PaymentMethod, PaymentView } from '#contracts';
import { bigintNumber } from '#platform';

@Entity({ name: 'payments' })
export class PaymentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'invoice_id' }) invoiceId: string;
  @Column({ type: 'bigint', name: 'amount_minor', transformer: bigintNumber }) amountMinor: number;
  @Column({ type: 'text' }) currency: Currency;
  @Column({ type: 'text' }) method: PaymentMethod;
  @Column({ type: 'text', nullable: true }) reference: string | null;
  @Column({ type: 'text', name: 'idempotency_key', nullable: true }) idempotencyKey: string | null;
  @Column({ type: 'text' }) actor: string;
  @Column({ type: 'text', name: 'request_id', nullable: true }) requestId: string | null;
  @Column({ type: 'timestamptz', name: 'received_at' }) receivedAt: Date;

  toView(invoice: InvoiceView): PaymentView {
    return {
      id: this.id,
      invoiceId: this.invoiceId,
      amountMinor: this.amountMinor,
      currency: this.currency,
      method: this.method,
      reference: this.reference ?? undefined,
      receivedAt: this.receivedAt.toISOString(),
      invoice,
    };
  }
}
