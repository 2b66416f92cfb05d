import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Currency } from '#contracts';
import { DomainError, rows } from '#platform';

export interface OrderingCustomer {
  id: string;
  currency: Currency;
  prepaid: boolean;
  paymentTerms: string;
  defaultShipFrom?: string;
  shipToAddressId?: string;
}

/** What placing an order needs to know about its customer, with the ship-to address checked. */
@Injectable()
export class CustomerLookup {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async forOrder(customerId: string, shipToAddressId?: string): Promise<OrderingCustomer> {
    const [customer] = await rows<{
      id: string;
      currency: string;
      prepaid: boolean;
      payment_terms: string;
      default_ship_from: string | null;
      ship_to: string | null;
    }>(
      this.dataSource,
      `SELECT c.id, c.currency, c.prepaid, c.payment_terms, c.default_ship_from,
              (SELECT a.id FROM orders.customer_addresses a WHERE a.customer_id = c.id AND a.kind = 'SHIP_TO'
                 AND ($2::uuid IS NULL AND a.is_default OR a.id = $2::uuid) LIMIT 1) AS ship_to
         FROM orders.customers c WHERE c.id = $1`,
      [customerId, shipToAddressId ?? null],
    );
    if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND', `No customer with id ${customerId}`, { customerId });
    if (shipToAddressId && !customer.ship_to) {
      throw new DomainError('NOT_FOUND', `Customer ${customerId} has no ship-to address ${shipToAddressId}`, {
        shipToAddressId,
      });
    }
    return {
      id: customer.id,
      currency: customer.currency.trim() as Currency,
      prepaid: customer.prepaid,
      paymentTerms: customer.payment_terms,
      defaultShipFrom: customer.default_ship_from ?? undefined,
      shipToAddressId: customer.ship_to ?? undefined,
    };
  }
}
