import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CreateSourceRequest, SourceKind, SourceView } from '#contracts';
import { DomainError, rows } from '#platform';

interface SourceRow {
  id: string;
  code: string;
  name: string;
  kind: SourceKind;
  priority: number;
  locations: string[];
}

/**
 * Sources are where stock can come from: our warehouses (each with its locations) and
 * outside suppliers. A supplier gets exactly one location, with the supplier's code, that
 * holds the quantities its feed reports.
 */
@Injectable()
export class SourcesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(request: CreateSourceRequest): Promise<SourceView> {
    await this.dataSource.transaction(async (em) => {
      const inserted = await rows<{ id: string }>(
        em,
        `INSERT INTO inventory.sources (code, name, kind, priority) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING id`,
        [request.code, request.name, request.kind, request.priority ?? 100],
      );
      if (inserted.length === 0)
        throw new DomainError('ALREADY_EXISTS', `A source with code ${request.code} already exists`, {
          code: request.code,
        });
      if (request.kind !== 'SUPPLIER') return;
      const location = await rows<unknown>(
        em,
        `INSERT INTO inventory.locations (code, name, priority, source_id) VALUES ($1, $2, 0, $3) ON CONFLICT (code) DO NOTHING RETURNING id`,
        [request.code, request.name, inserted[0].id],
      );
      if (location.length === 0) {
        throw new DomainError(
          'ALREADY_EXISTS',
          `A location with code ${request.code} already exists; a supplier's location takes the supplier's code`,
          {
            code: request.code,
          },
        );
      }
    });
    return (await this.find(request.code))[0];
  }

  /** Every source in sourcing order: our warehouses by priority, then suppliers by priority. */
  async list(): Promise<SourceView[]> {
    return this.find(null);
  }

  private async find(code: string | null): Promise<SourceView[]> {
    const found = await rows<SourceRow>(
      this.dataSource,
      `SELECT o.id, o.code, o.name, o.kind, o.priority,
              COALESCE(array_agg(l.code ORDER BY l.priority, l.code) FILTER (WHERE l.id IS NOT NULL), '{}') AS locations
         FROM inventory.sources o LEFT JOIN inventory.locations l ON l.source_id = o.id
        WHERE $1::text IS NULL OR o.code = $1
        GROUP BY o.id ORDER BY o.kind = 'SUPPLIER', o.priority, o.code`,
      [code],
    );
    return found.map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
      kind: s.kind,
      priority: s.priority,
      locations: s.locations,
    }));
  }
}
