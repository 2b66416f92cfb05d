import { Module } from '@nestjs/common';
import { ItemsHandler } from './items.handler.js';
import { ItemsService } from './items.service.js';

@Module({
  controllers: [ItemsHandler],
  providers: [ItemsService],
})
export class ItemsModule {}
