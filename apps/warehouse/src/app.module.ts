import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type ServiceDefinition } from '#platform';
import { WarehouseConfig } from './config.js';
import { ConsistencyModule } from './consistency/consistency.module.js';
import { WarehouseInit1700000000300 } from './migrations/1700000000300-warehouse-init.js';
import { HeldDemand1700000000310 } from './migrations/1700000000310-held-demand.js';
import { ClosedTickets1700000000320 } from './migrations/1700000000320-closed-tickets.js';
import { ScannerIdempotency1700000000330 } from './migrations/1700000000330-scanner-idempotency.js';
import { PickDemandModule } from './pick-demand/pick-demand.module.js';
import { PickTicketsModule } from './pick-tickets/pick-tickets.module.js';
import { ScannerModule } from './scanner/scanner.module.js';
import { ShipmentsModule } from './shipments/shipments.module.js';

@Module({})
export class AppModule {
  static register(config: WarehouseConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          name: 'warehouse',
          config,
          migrations: [
            WarehouseInit1700000000300,
            HeldDemand1700000000310,
            ClosedTickets1700000000320,
            ScannerIdempotency1700000000330,
          ],
          logHttp: true,
        }),
        PickDemandModule,
        PickTicketsModule,
        ShipmentsModule,
        ScannerModule,
        ConsistencyModule,
      ],
    };
  }
}

export const warehouseService: ServiceDefinition<WarehouseConfig> = {
  name: 'warehouse',
  config: WarehouseConfig,
  module: (config) => AppModule.register(config),
};
