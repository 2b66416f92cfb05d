import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { RecurringHandler } from './recurring.handler.js';
import { RecurringOrdersService } from './recurring-orders.service.js';

@Module({ imports: [OrdersModule], controllers: [RecurringHandler], providers: [RecurringOrdersService] })
export class RecurringModule {}
