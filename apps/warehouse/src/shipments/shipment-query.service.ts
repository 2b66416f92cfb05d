import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import type { ShipmentView } from '#contracts';
import { DomainError } from '#platform';
import { ContainerEntity, ContainerLineEntity, ShipmentEntity } from './shipment.entity.js';

/** Reads shipments with their containers. */
@Injectable()
export class ShipmentQueryService {
  constructor(
    @InjectRepository(ShipmentEntity) private readonly shipments: Repository<ShipmentEntity>,
    @InjectRepository(ContainerEntity) private readonly containers: Repository<ContainerEntity>,
    @InjectRepository(ContainerLineEntity) private readonly lines: Repository<ContainerLineEntity>,
  ) {}

  async get(id: string): Promise<ShipmentView> {
    const shipment = await this.shipments.findOneBy({ id });
    if (!shipment) throw new DomainError('SHIPMENT_NOT_FOUND', `No shipment with id ${id}`, { id });
    const containers = await this.containers.find({ where: { shipmentId: id }, order: { seq: 'ASC' } });
    const lines =
      containers.length === 0
        ? []
        : await this.lines.find({
            where: { containerId: In(containers.map((c) => c.id)) },
            order: { orderLineId: 'ASC' },
          });
    return shipment.toView(containers.map((c) => c.toView(lines.filter((l) => l.containerId === c.id))));
  }
}
