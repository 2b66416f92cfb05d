import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CreateLocationRequest, LocationView } from '#contracts';
import { DomainError } from '#platform';
import { LocationEntity } from './location.entity.js';

@Injectable()
export class LocationsService {
  constructor(@InjectRepository(LocationEntity) private readonly locations: Repository<LocationEntity>) {}

  async create(request: CreateLocationRequest): Promise<LocationView> {
    const rows: Array<{ id: string }> = await this.locations.query(
      `INSERT INTO inventory.locations (code, name, priority) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [request.code, request.name, request.priority ?? 100],
    );
    if (rows.length === 0) throw new DomainError('ALREADY_EXISTS', `A location with code ${request.code} already exists`, { code: request.code });
    return (await this.locations.findOneByOrFail({ id: rows[0].id })).toView();
  }

  async list(): Promise<LocationView[]> {
    return (await this.locations.find({ order: { priority: 'ASC', code: 'ASC' } })).map((l) => l.toView());
  }
}
