import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import {
  CreateItemRequest,
  GetItemRequest,
  InventorySubjects,
  type ItemView,
  ListItemsRequest,
  type LookupItemsReply,
  LookupItemsRequest,
  type Page,
} from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { ItemsService } from './items.service.js';

@Controller()
export class ItemsHandler {
  constructor(private readonly items: ItemsService) {}

  @Handles(InventorySubjects.createItem)
  @AllowRoles('admin', 'warehouse')
  create(@Payload() request: CreateItemRequest): Promise<ItemView> {
    return this.items.create(request);
  }

  @Handles(InventorySubjects.getItem)
  get(@Payload() request: GetItemRequest): Promise<ItemView> {
    return this.items.get(request.sku);
  }

  @Handles(InventorySubjects.listItems)
  list(@Payload() request: ListItemsRequest): Promise<Page<ItemView>> {
    return this.items.list(request);
  }

  @Handles(InventorySubjects.lookupItems)
  lookup(@Payload() request: LookupItemsRequest): Promise<LookupItemsReply> {
    return this.items.lookup(request);
  }
}
