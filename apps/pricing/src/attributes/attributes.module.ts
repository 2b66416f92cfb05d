import { Module } from '@nestjs/common';
import { AttributesHandler } from './attributes.handler.js';
import { CustomerAttributesService } from './customer-attributes.service.js';
import { ItemAttributesService } from './item-attributes.service.js';

/** Pricing's own copies of item and customer facts. */
@Module({
  controllers: [AttributesHandler],
  providers: [ItemAttributesService, CustomerAttributesService],
})
export class AttributesModule {}
