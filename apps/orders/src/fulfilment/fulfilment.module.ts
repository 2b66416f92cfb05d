import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { BackordersService } from './backorders.service.js';
import { FulfilmentHandler } from './fulfilment.handler.js';
import { FulfilmentService } from './fulfilment.service.js';

@Module({ imports: [OrdersModule], providers: [FulfilmentHandler, FulfilmentService, BackordersService] })
export class FulfilmentModule {}
