import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AddressView, Caller, CreateCustomerRequest, CustomerView, Page } from '#contracts';
import { DomainError, rows } from '#platform';

interface CustomerRow {
  id: string;
  number: string;
  name: string;
  email: string | null;
  currency: string;
  type: string;
  payment_terms: string;
  default_ship_from: string | null;
  prepaid: boolean;
  created_at: Date;
}

interface AddressRow {
  id: string;
  customer_id: string;
  kind: AddressView['kind'];
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postal_code: string;
  country: string;
  is_default: boolean;
}

/** Customers with their type, payment terms, default ship-from location, prepay flag and addresses. */
@Injectable()
export class CustomersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(request: CreateCustomerRequest): Promise<CustomerView> {
    const id = await this.dataSource.transaction(async (em) => {
      const [{ value }] = await rows<{ value: string }>(
        em,
        `UPDATE orders.counters SET value = value + 1 WHERE name = 'customer' RETURNING value`,
      );
      const prepaid = request.prepaid ?? request.paymentTerms === 'PREPAID';
      const [row] = await rows<{ id: string }>(
        em,
        `INSERT INTO orders.customers (number, name, email, currency, type, payment_terms, default_ship_from, prepaid)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          `C-${String(value).padStart(6, '0')}`,
          request.name,
          request.email ?? null,
          request.currency ?? 'EUR',
          request.type ?? 'STANDARD',
          request.paymentTerms ?? (prepaid ? 'PREPAID' : 'NET30'),
          request.defaultShipFrom ?? null,
          prepaid,
        ],
      );
      await this.addAddresses(em, row.id, request.addresses ?? []);
      return row.id;
    });
    return this.get(id);
  }

  private async addAddresses(
    em: EntityManager,
    customerId: string,
    addresses: NonNullable<CreateCustomerRequest['addresses']>,
  ): Promise<void> {
    const seenDefault = new Set<string>();
    for (const a of addresses) {
      // One default per kind: the one marked so, else the first of that kind.
      const wanted = a.isDefault ?? !addresses.some((b) => b.kind === a.kind && b.isDefault);
      const isDefault = wanted && !seenDefault.has(a.kind);
      if (isDefault) seenDefault.add(a.kind);
      await em.query(
        `INSERT INTO orders.customer_addresses (customer_id, kind, name, line1, line2, city, region, postal_code, country, is_default)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          customerId,
          a.kind,
          a.name,
          a.line1,
          a.line2 ?? null,
          a.city,
          a.region ?? null,
          a.postalCode,
          a.country,
          isDefault,
        ],
      );
    }
  }

  async get(id: string, caller?: Caller): Promise<CustomerView> {
    const [row] = await rows<CustomerRow>(this.dataSource, `SELECT * FROM orders.customers WHERE id = $1`, [id]);
    if (!row || (caller?.role === 'customer' && caller.customerId !== id)) {
      throw new DomainError('CUSTOMER_NOT_FOUND', `No customer with id ${id}`, { id });
    }
    const addresses = await rows<AddressRow>(
      this.dataSource,
      `SELECT * FROM orders.customer_addresses WHERE customer_id = $1 ORDER BY created_at, id`,
      [id],
    );
    return toView(row, addresses);
  }

  async list(limit = 50, offset = 0): Promise<Page<CustomerView>> {
    const items = await rows<CustomerRow>(
      this.dataSource,
      `SELECT * FROM orders.customers ORDER BY number LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    const addresses = await rows<AddressRow>(
      this.dataSource,
      `SELECT * FROM orders.customer_addresses WHERE customer_id = ANY($1::uuid[]) ORDER BY created_at, id`,
      [items.map((i) => i.id)],
    );
    const [{ count }] = await rows<{ count: number }>(
      this.dataSource,
      `SELECT count(*)::int AS count FROM orders.customers`,
    );
    return {
      items: items.map((i) =>
        toView(
          i,
          addresses.filter((a) => a.customer_id === i.id),
        ),
      ),
      total: count,
      limit,
      offset,
    };
  }
}

function toView(row: CustomerRow, addresses: AddressRow[]): CustomerView {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    email: row.email ?? undefined,
    currency: row.currency.trim() as CustomerView['currency'],
    type: row.type,
    paymentTerms: row.payment_terms,
    defaultShipFrom: row.default_ship_from ?? undefined,
    prepaid: row.prepaid,
    addresses: addresses.map((a) => ({
      id: a.id,
      kind: a.kind,
      name: a.name,
      line1: a.line1,
      line2: a.line2 ?? undefined,
      city: a.city,
      region: a.region ?? undefined,
      postalCode: a.postal_code,
      country: a.country.trim(),
      isDefault: a.is_default,
    })),
    createdAt: new Date(row.created_at).toISOString(),
  };
}
