import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { type CreateLocationRequest, DEFAULT_SOURCE_CODE, type LocationView } from '#contracts';
import { DomainError, rows } from '#platform';
import { sourceByCode } from '../common/lookups.js';
import { LOCATION_VIEW_SQL, type LocationRow, SOURCING_ORDER, toLocationView } from './location-views.js';

/** Stock locations of our warehouses (a supplier's one location is made with the supplier). */
@Injectable()
export class LocationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(request: CreateLocationRequest): Promise<LocationView> {
    const source = await sourceByCode(this.dataSource, request.sourceCode ?? DEFAULT_SOURCE_CODE);
    if (source.kind !== 'WAREHOUSE') {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Source ${source.code} is a supplier; it has exactly one location, made with it`,
        {
          fields: [{ field: 'sourceCode', problems: [`${source.code} is a supplier`] }],
        },
      );
    }
    const inserted = await rows<unknown>(
      this.dataSource,
      `INSERT INTO inventory.locations (code, name, priority, source_id) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [request.code, request.name, request.priority ?? 100, source.id],
    );
    if (inserted.length === 0)
      throw new DomainError('ALREADY_EXISTS', `A location with code ${request.code} already exists`, {
        code: request.code,
      });
    return this.get(request.code);
  }

  async get(code: string): Promise<LocationView> {
    const [row] = await rows<LocationRow>(this.dataSource, `${LOCATION_VIEW_SQL} WHERE l.code = $1`, [code]);
    if (!row) throw new DomainError('LOCATION_NOT_FOUND', `No location with code ${code}`, { locationCode: code });
    return toLocationView(row);
  }

  async list(): Promise<LocationView[]> {
    return (await rows<LocationRow>(this.dataSource, `${LOCATION_VIEW_SQL} ORDER BY ${SOURCING_ORDER}`)).map(
      toLocationView,
    );
  }
}
