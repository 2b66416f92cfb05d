import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CreateProductRequest, ListProductsRequest, Page, ProductView } from '#contracts';
import { DomainError, oneRow, rows } from '#platform';
import { ITEM_VIEW_SQL, type ItemRow, toItemView } from '../items/item-views.js';

interface ProductRow {
  id: string;
  code: string;
  name: string;
}

/** Products group their variants; each variant is an item (our SKU). */
@Injectable()
export class ProductsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(request: CreateProductRequest): Promise<ProductView> {
    const inserted = await rows<unknown>(
      this.dataSource,
      `INSERT INTO inventory.products (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING RETURNING id`,
      [request.code, request.name],
    );
    if (inserted.length === 0)
      throw new DomainError('ALREADY_EXISTS', `A product with code ${request.code} already exists`, {
        code: request.code,
      });
    return this.get(request.code);
  }

  async get(code: string): Promise<ProductView> {
    const [product] = await rows<ProductRow>(
      this.dataSource,
      `SELECT id, code, name FROM inventory.products WHERE code = $1`,
      [code],
    );
    if (!product) throw new DomainError('NOT_FOUND', `No product with code ${code}`, { code });
    return (await this.withVariants([product]))[0];
  }

  async list(request: ListProductsRequest): Promise<Page<ProductView>> {
    const limit = request.limit ?? 50;
    const offset = request.offset ?? 0;
    const products = await rows<ProductRow>(
      this.dataSource,
      `SELECT id, code, name FROM inventory.products ORDER BY code LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const { count } = await oneRow<{ count: number }>(
      this.dataSource,
      `SELECT count(*)::int AS count FROM inventory.products`,
    );
    return { items: await this.withVariants(products), total: count, limit, offset };
  }

  private async withVariants(products: ProductRow[]): Promise<ProductView[]> {
    const variants = await rows<ItemRow>(
      this.dataSource,
      `${ITEM_VIEW_SQL} WHERE i.product_id = ANY($1::uuid[]) ORDER BY i.sku`,
      [products.map((p) => p.id)],
    );
    return products.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      variants: variants.filter((v) => v.product_code === p.code).map(toItemView),
    }));
  }
}
