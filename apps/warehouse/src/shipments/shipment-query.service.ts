import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ShipmentView } from '#contracts';
import { readShipment } from './shipment.rows.js';

/** Reads shipments with their containers. */
@Injectable()
export class ShipmentQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string): Promise<ShipmentView> {
    return readShipment(this.dataSource, id);
  }
}
