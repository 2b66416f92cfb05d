import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
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
import { AllowRoles } from '#platform';
import { ItemsService } from './items.service.js';

@Controller()
export class ItemsHandler {
  constructor(private readonly items: ItemsService) {}

  @MessagePattern(InventorySubjects.createItem)
  @AllowRoles('admin', 'warehouse')
  create(@Payload() request: CreateItemRequest): Promise<ItemView> {
    return this.items.create(request);
  }

  @MessagePattern(InventorySubjects.getItem)
  get(@Payload() request: GetItemRequest): Promise<ItemView> {
    return this.items.get(request.sku);
  }

  @MessagePattern(InventorySubjects.listItems)
  list(@Payload() request: ListItemsRequest): Promise<Page<ItemView>> {
    return this.items.list(request);
  }

  @MessagePattern(InventorySubjects.lookupItems)
  lookup(@Payload() request: LookupItemsRequest): Promise<LookupItemsReply> {
    return this.items.lookup(request);
  }
}
