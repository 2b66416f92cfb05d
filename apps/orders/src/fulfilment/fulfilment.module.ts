import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { BackordersService } from './backorders.service.js';
import { FulfilmentHandler } from './fulfilment.handler.js';
import { FulfilmentService } from './fulfilment.service.js';
import { ReleasedLinesService } from './released-lines.service.js';

@Module({
  imports: [OrdersModule],
  providers: [FulfilmentHandler, FulfilmentService, BackordersService, ReleasedLinesService],
})
export class FulfilmentModule {}
