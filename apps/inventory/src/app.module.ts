import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type ServiceDefinition } from '#platform';
import { BackordersModule } from './backorders/backorders.module.js';
import { InventoryCommonModule } from './common/common.module.js';
import { InventoryConfig } from './config.js';
import { ConsistencyModule } from './consistency/consistency.module.js';
import { ItemsModule } from './items/items.module.js';
import { LocationsModule } from './locations/locations.module.js';
import { inventoryMigrations } from './migrations/inventory-migrations.js';
import { ProductsModule } from './products/products.module.js';
import { ReservationsModule } from './reservations/reservations.module.js';
import { SourcesModule } from './sources/sources.module.js';
import { StockModule } from './stock/stock.module.js';

@Module({})
export class AppModule {
  static register(config: InventoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({ name: 'inventory', config, migrations: inventoryMigrations }),
        InventoryCommonModule,
        ProductsModule,
        ItemsModule,
        SourcesModule,
        LocationsModule,
        StockModule,
        ReservationsModule,
        BackordersModule,
        ConsistencyModule,
      ],
    };
  }
}

export const inventoryService: ServiceDefinition<InventoryConfig> = {
  name: 'inventory',
  config: InventoryConfig,
  module: (config) => AppModule.register(config),
};
