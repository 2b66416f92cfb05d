import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Currency } from '#contracts';
import { bigintNumber } from '#platform';

/** What a customer still owes on one posted invoice. */
@Entity({ name: 'ar_open_items' })
export class ArOpenItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid', name: 'invoice_id' }) invoiceId: string;
  @Column({ type: 'uuid', name: 'customer_id' }) customerId: string;
  @Column({ type: 'text' }) currency: Currency;
  @Column({ type: 'bigint', name: 'original_minor', transformer: bigintNumber }) originalMinor: number;
  @Column({ type: 'bigint', name: 'open_minor', transformer: bigintNumber }) openMinor: number;
  /** ISO date (YYYY-MM-DD). */
  @Column({ type: 'date', name: 'due_date' }) dueDate: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
}
