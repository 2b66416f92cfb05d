import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type ServiceDefinition } from '#platform';
import { BatchesModule } from './batches/batches.module.js';
import { OrdersConfig } from './config.js';
import { ConsistencyModule } from './consistency/consistency.module.js';
import { CustomersModule } from './customers/customers.module.js';
import { FulfilmentModule } from './fulfilment/fulfilment.module.js';
import { OrdersInit1700000000200 } from './migrations/1700000000200-orders-init.js';
import { OrderModel1700000000220 } from './migrations/1700000000220-order-model.js';
import { OrderSummaries1700000000221 } from './migrations/1700000000221-order-summaries.js';
import { OrderLinks1700000000222 } from './migrations/1700000000222-order-links.js';
import { OrderTickets1700000000223 } from './migrations/1700000000223-order-tickets.js';
import { ReturnTotals1700000000224 } from './migrations/1700000000224-return-totals.js';
import { OrderReversals1700000000225 } from './migrations/1700000000225-order-reversals.js';
import { OrderTypes1700000000240 } from './migrations/1700000000240-order-types.js';
import { OrderCharges1700000000250 } from './migrations/1700000000250-order-charges.js';
import { OrderBatches1700000000230 } from './migrations/1700000000230-order-batches.js';
import { OrderLinesModule } from './order-lines/order-lines.module.js';
import { OrderTypesModule } from './order-types/order-types.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { QuotesModule } from './quotes/quotes.module.js';
import { RecurringModule } from './recurring/recurring.module.js';
import { ReopenModule } from './reopen/reopen.module.js';
import { ReturnsModule } from './returns/returns.module.js';

@Module({})
export class AppModule {
  static register(config: OrdersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          name: 'orders',
          config,
          migrations: [
            OrdersInit1700000000200,
            OrderModel1700000000220,
            OrderSummaries1700000000221,
            OrderLinks1700000000222,
            OrderTickets1700000000223,
            ReturnTotals1700000000224,
            OrderReversals1700000000225,
            OrderBatches1700000000230,
            OrderTypes1700000000240,
            OrderCharges1700000000250,
          ],
        }),
        OrderTypesModule,
        CustomersModule,
        OrdersModule,
        OrderLinesModule,
        QuotesModule,
        RecurringModule,
        ReturnsModule,
        ReopenModule,
        FulfilmentModule,
        BatchesModule,
        ConsistencyModule,
      ],
    };
  }
}

export const ordersService: ServiceDefinition<OrdersConfig> = {
  name: 'orders',
  config: OrdersConfig,
  module: (config) => AppModule.register(config),
};
