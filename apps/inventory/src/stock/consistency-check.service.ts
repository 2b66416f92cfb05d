import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ConsistencyReport } from '#contracts';
import { itemBySku } from '../common/lookups.js';
import { checkConsistency } from './consistency-check.query.js';

/** The stock consistency check over NATS (the same check runs from the command line: consistency-check.main.ts). */
@Injectable()
export class ConsistencyCheckService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async check(sku?: string): Promise<ConsistencyReport> {
    if (sku) await itemBySku(this.dataSource, sku);
    return checkConsistency(this.dataSource, sku);
  }
}
