import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ItemView } from '#contracts';

@Entity({ name: 'items' })
export class ItemEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) sku: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'boolean' }) inventoried: boolean;
  @Column({ type: 'text', name: 'stock_unit' }) stockUnit: string;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;

  toView(): ItemView {
    return {
      id: this.id,
      sku: this.sku,
      name: this.name,
      inventoried: this.inventoried,
      stockUnit: this.stockUnit,
      createdAt: this.createdAt.toISOString(),
    };
  }
}
