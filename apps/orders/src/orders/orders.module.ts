import { type DynamicModule, Module } from '@nestjs/common';
import type { OrdersConfig } from '../config.js';
import { OrderPlacementService } from './order-placement.service.js';
import { OrderReader } from './order-reader.js';
import { OrdersHandler } from './orders.handler.js';

@Module({})
export class OrdersModule {
  static register(_config: OrdersConfig): DynamicModule {
    return {
      module: OrdersModule,
      controllers: [OrdersHandler],
      providers: [OrderPlacementService, OrderReader],
      exports: [OrderReader],
    };
  }
}
