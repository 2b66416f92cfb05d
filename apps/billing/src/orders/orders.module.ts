import { Module } from '@nestjs/common';
import { OrderCopiesService } from './order-copies.service.js';

/** Billing's copy of placed orders; the invoices handler consumes `order placed` and fills it. */
@Module({
  providers: [OrderCopiesService],
  exports: [OrderCopiesService],
})
export class OrdersModule {}
