import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type ServiceDefinition } from '#platform';
import { InventoryConfig } from './config.js';
import { ItemEntity } from './items/item.entity.js';
import { ItemsModule } from './items/items.module.js';
import { LocationEntity } from './locations/location.entity.js';
import { LocationsModule } from './locations/locations.module.js';
import { InventoryInit1700000000100 } from './migrations/1700000000100-inventory-init.js';
import { StockModule } from './stock/stock.module.js';

@Module({})
export class AppModule {
  static register(config: InventoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          name: 'inventory',
          config,
          entities: [ItemEntity, LocationEntity],
          migrations: [InventoryInit1700000000100],
        }),
        ItemsModule,
        LocationsModule,
        StockModule,
      ],
    };
  }
}

export const inventoryService: ServiceDefinition<InventoryConfig> = {
  name: 'inventory',
  config: InventoryConfig,
  module: (config) => AppModule.register(config),
};
