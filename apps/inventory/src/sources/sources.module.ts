import { Module } from '@nestjs/common';
import { BackordersModule } from '../backorders/backorders.module.js';
import { SourceItemsService } from './source-items.service.js';
import { SourcesHandler } from './sources.handler.js';
import { SourcesService } from './sources.service.js';
import { SupplierFeedService } from './supplier-feed.service.js';

@Module({
  imports: [BackordersModule],
  controllers: [SourcesHandler],
  providers: [SourcesService, SourceItemsService, SupplierFeedService],
})
export class SourcesModule {}
