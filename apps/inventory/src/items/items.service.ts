import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CreateItemRequest, ItemView, ListItemsRequest, Page } from '#contracts';
import { DomainError } from '#platform';
import { ItemEntity } from './item.entity.js';

@Injectable()
export class ItemsService {
  constructor(@InjectRepository(ItemEntity) private readonly items: Repository<ItemEntity>) {}

  async create(request: CreateItemRequest): Promise<ItemView> {
    const rows: ItemEntity[] = await this.items.query(
      `INSERT INTO inventory.items (sku, name, inventoried, stock_unit) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sku) DO NOTHING RETURNING id`,
      [request.sku, request.name, request.inventoried ?? true, request.stockUnit ?? 'EA'],
    );
    if (rows.length === 0) throw new DomainError('ALREADY_EXISTS', `An item with SKU ${request.sku} already exists`, { sku: request.sku });
    return (await this.items.findOneByOrFail({ id: rows[0].id })).toView();
  }

  async get(sku: string): Promise<ItemView> {
    const item = await this.items.findOneBy({ sku });
    if (!item) throw new DomainError('ITEM_NOT_FOUND', `No item with SKU ${sku}`, { sku });
    return item.toView();
  }

  async list(request: ListItemsRequest): Promise<Page<ItemView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const [items, total] = await this.items.findAndCount({ order: { sku: 'ASC' }, take: limit, skip: offset });
    return { items: items.map((i) => i.toView()), total, limit, offset };
  }
}
