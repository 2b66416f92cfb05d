import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateSourceItemRequest,
  CreateSourceRequest,
  InventorySubjects,
  ListSourceItemsRequest,
  type Page,
  type SourceItemView,
  type SourceView,
  type SupplierFeedReply,
  SupplierFeedRequest,
} from '#contracts';
import { AllowRoles } from '#platform';
import { SourceItemsService } from './source-items.service.js';
import { SourcesService } from './sources.service.js';
import { SupplierFeedService } from './supplier-feed.service.js';

@Controller()
export class SourcesHandler {
  constructor(
    private readonly sources: SourcesService,
    private readonly sourceItems: SourceItemsService,
    private readonly feeds: SupplierFeedService,
  ) {}

  @MessagePattern(InventorySubjects.createSource)
  @AllowRoles('admin', 'warehouse')
  create(@Payload() request: CreateSourceRequest): Promise<SourceView> {
    return this.sources.create(request);
  }

  @MessagePattern(InventorySubjects.listSources)
  list(): Promise<SourceView[]> {
    return this.sources.list();
  }

  @MessagePattern(InventorySubjects.createSourceItem)
  @AllowRoles('admin', 'warehouse')
  createItem(@Payload() request: CreateSourceItemRequest): Promise<SourceItemView> {
    return this.sourceItems.create(request);
  }

  @MessagePattern(InventorySubjects.listSourceItems)
  listItems(@Payload() request: ListSourceItemsRequest): Promise<Page<SourceItemView>> {
    return this.sourceItems.list(request);
  }

  @MessagePattern(InventorySubjects.applySupplierFeed)
  @AllowRoles('admin', 'warehouse')
  feed(@Payload() request: SupplierFeedRequest): Promise<SupplierFeedReply> {
    return this.feeds.apply(request);
  }
}
