import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocationView } from '#contracts';

@Entity({ name: 'locations' })
export class LocationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'integer' }) priority: number;
  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;

  toView(): LocationView {
    return { id: this.id, code: this.code, name: this.name, priority: this.priority };
  }
}
