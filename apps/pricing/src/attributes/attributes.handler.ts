import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  type CustomerAttributesView,
  type ItemAttributesView,
  ListCustomerAttributesRequest,
  ListItemAttributesRequest,
  type Page,
  PricingSubjects,
  type UpsertAttributesReply,
  UpsertCustomerAttributesRequest,
  UpsertItemAttributesRequest,
} from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { CustomerAttributesService } from './customer-attributes.service.js';
import { ItemAttributesService } from './item-attributes.service.js';

/** Fed by the owners of items and customers (as `system`) or by an admin. */
@Controller()
export class AttributesHandler {
  constructor(
    private readonly items: ItemAttributesService,
    private readonly customers: CustomerAttributesService,
  ) {}

  @Handles(PricingSubjects.upsertItems)
  @AllowRoles('admin')
  upsertItems(@Payload() request: UpsertItemAttributesRequest): Promise<UpsertAttributesReply> {
    return this.items.upsert(request);
  }

  @Handles(PricingSubjects.listItems)
  @AllowRoles('admin', 'sales')
  listItems(@Payload() request: ListItemAttributesRequest): Promise<Page<ItemAttributesView>> {
    return this.items.list(request);
  }

  @Handles(PricingSubjects.upsertCustomers)
  @AllowRoles('admin')
  upsertCustomers(@Payload() request: UpsertCustomerAttributesRequest): Promise<UpsertAttributesReply> {
    return this.customers.upsert(request);
  }

  @Handles(PricingSubjects.listCustomers)
  @AllowRoles('admin', 'sales')
  listCustomers(@Payload() request: ListCustomerAttributesRequest): Promise<Page<CustomerAttributesView>> {
    return this.customers.list(request);
  }
}
