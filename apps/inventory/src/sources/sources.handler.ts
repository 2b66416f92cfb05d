import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
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
import { AllowRoles, Handles } from '#platform';
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

  @Handles(InventorySubjects.createSource)
  @AllowRoles('admin', 'warehouse')
  create(@Payload() request: CreateSourceRequest): Promise<SourceView> {
    return this.sources.create(request);
  }

  @Handles(InventorySubjects.listSources)
  list(): Promise<SourceView[]> {
    return this.sources.list();
  }

  @Handles(InventorySubjects.createSourceItem)
  @AllowRoles('admin', 'warehouse')
  createItem(@Payload() request: CreateSourceItemRequest): Promise<SourceItemView> {
    return this.sourceItems.create(request);
  }

  @Handles(InventorySubjects.listSourceItems)
  listItems(@Payload() request: ListSourceItemsRequest): Promise<Page<SourceItemView>> {
    return this.sourceItems.list(request);
  }

  @Handles(InventorySubjects.applySupplierFeed)
  @AllowRoles('admin', 'warehouse')
  feed(@Payload() request: SupplierFeedRequest): Promise<SupplierFeedReply> {
    return this.feeds.apply(request);
  }
}
