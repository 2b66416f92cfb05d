import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Caller, CreateCustomerRequest, CustomerView, Page } from '#contracts';
import { DomainError, rows } from '#platform';

interface CustomerRow {
  id: string;
  number: string;
  name: string;
  email: string | null;
  currency: string;
  created_at: Date;
}

@Injectable()
export class CustomersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(request: CreateCustomerRequest): Promise<CustomerView> {
    return this.dataSource.transaction(async (em) => {
      const [{ value }] = await rows<{ value: string }>(em, `UPDATE orders.counters SET value = value + 1 WHERE name = 'customer' RETURNING value`);
      const [row] = await rows<CustomerRow>(
        em,
        `INSERT INTO orders.customers (number, name, email, currency) VALUES ($1, $2, $3, $4) RETURNING *`,
        [`C-${String(value).padStart(6, '0')}`, request.name, request.email ?? null, request.currency ?? 'EUR'],
      );
      return toView(row);
    });
  }

  async get(id: string, caller?: Caller): Promise<CustomerView> {
    const [row] = await rows<CustomerRow>(this.dataSource, `SELECT * FROM orders.customers WHERE id = $1`, [id]);
    if (!row || (caller?.role === 'customer' && caller.customerId !== id)) {
      throw new DomainError('CUSTOMER_NOT_FOUND', `No customer with id ${id}`, { id });
    }
    return toView(row);
  }

  async list(limit = 50, offset = 0): Promise<Page<CustomerView>> {
    const items = await rows<CustomerRow>(this.dataSource, `SELECT * FROM orders.customers ORDER BY number LIMIT $1 OFFSET $2`, [limit, offset]);
    const [{ count }] = await rows<{ count: number }>(this.dataSource, `SELECT count(*)::int AS count FROM orders.customers`);
    return { items: items.map(toView), total: count, limit, offset };
  }
}

function toView(row: CustomerRow): CustomerView {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    email: row.email ?? undefined,
    currency: row.currency.trim() as CustomerView['currency'],
    createdAt: new Date(row.created_at).toISOString(),
  };
}
