import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Currency, PriceView } from '#contracts';
import { bigintNumber } from '#platform';

/** A list price: what one unit of a SKU costs in a currency from `validFrom` on. */
@Entity({ name: 'prices' })
export class PriceEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) sku: string;
  @Column({ type: 'text' }) currency: Currency;
  @Column({ type: 'bigint', name: 'unit_price_minor', transformer: bigintNumber }) unitPriceMinor: number;
  /** A calendar date, `YYYY-MM-DD` (TypeORM hydrates `date` columns as strings). */
  @Column({ type: 'date', name: 'valid_from' }) validFrom: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' }) updatedAt: Date;

  toView(): PriceView {
    return {
      id: this.id,
      sku: this.sku,
      currency: this.currency,
      unitPriceMinor: this.unitPriceMinor,
      validFrom: this.validFrom,
    };
  }
}
