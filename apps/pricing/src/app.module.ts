import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type ServiceDefinition } from '#platform';
import { PricingConfig } from './config.js';
import { PricingInit1700000000500 } from './migrations/1700000000500-pricing-init.js';
import { PriceEntity } from './prices/price.entity.js';
import { PricesModule } from './prices/prices.module.js';

@Module({})
export class AppModule {
  static register(config: PricingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          name: 'pricing',
          config,
          entities: [PriceEntity],
          migrations: [PricingInit1700000000500],
        }),
        PricesModule,
      ],
    };
  }
}

export const pricingService: ServiceDefinition<PricingConfig> = {
  name: 'pricing',
  config: PricingConfig,
  module: (config) => AppModule.register(config),
};
