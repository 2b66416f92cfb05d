import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { OrderReopenService } from './order-reopen.service.js';
import { ReopenHandler } from './reopen.handler.js';

@Module({ imports: [OrdersModule], controllers: [ReopenHandler], providers: [OrderReopenService] })
export class ReopenModule {}
