import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { ListPricesRequest, Page, PriceView } from '#contracts';
import { PriceEntity } from './price.entity.js';

@Injectable()
export class ListPricesService {
  constructor(@InjectRepository(PriceEntity) private readonly prices: Repository<PriceEntity>) {}

  /** Every stored price (past, current and future), newest first within a SKU and currency. */
  async list(request: ListPricesRequest): Promise<Page<PriceView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const [prices, total] = await this.prices.findAndCount({
      where: request.sku === undefined ? {} : { sku: request.sku },
      order: { sku: 'ASC', currency: 'ASC', validFrom: 'DESC' },
      take: limit,
      skip: offset,
    });
    return { items: prices.map((p) => p.toView()), total, limit, offset };
  }
}
