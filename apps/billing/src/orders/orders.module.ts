import { Module } from '@nestjs/common';
import { OrderCopiesService } from './order-copies.service.js';
import { OrdersHandler } from './orders.handler.js';

@Module({
  controllers: [OrdersHandler],
  providers: [OrderCopiesService],
  exports: [OrderCopiesService],
})
export class OrdersModule {}
