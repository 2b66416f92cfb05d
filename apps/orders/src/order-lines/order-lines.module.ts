import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { LineActionsService } from './line-actions.service.js';
import { LineEditingService } from './line-editing.service.js';
import { LineViews } from './line-views.js';
import { OrderLinesHandler } from './order-lines.handler.js';

@Module({
  imports: [OrdersModule],
  controllers: [OrderLinesHandler],
  providers: [LineActionsService, LineEditingService, LineViews],
})
export class OrderLinesModule {}
