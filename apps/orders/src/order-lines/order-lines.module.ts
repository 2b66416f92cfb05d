import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { LineActionsService } from './line-actions.service.js';
import { OrderLinesHandler } from './order-lines.handler.js';

@Module({ imports: [OrdersModule], controllers: [OrderLinesHandler], providers: [LineActionsService] })
export class OrderLinesModule {}
