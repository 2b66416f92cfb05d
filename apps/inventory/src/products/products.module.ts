import { Module } from '@nestjs/common';
import { ProductsHandler } from './products.handler.js';
import { ProductsService } from './products.service.js';

@Module({
  controllers: [ProductsHandler],
  providers: [ProductsService],
})
export class ProductsModule {}
