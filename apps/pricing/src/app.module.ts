import { type DynamicModule, Module } from '@nestjs/common';
import { PlatformModule, type ServiceDefinition } from '#platform';
import { AttributesModule } from './attributes/attributes.module.js';
import { ChargesModule } from './charges/charges.module.js';
import { PricingConfig } from './config.js';
import { PricingInit1700000000500 } from './migrations/1700000000500-pricing-init.js';
import { PricingRules1700000000510 } from './migrations/1700000000510-pricing-rules.js';
import { PricingChargesTaxes1700000000520 } from './migrations/1700000000520-pricing-charges-taxes.js';
import { OrderPricingModule } from './order-pricing/order-pricing.module.js';
import { PricesModule } from './prices/prices.module.js';
import { RulesModule } from './rules/rules.module.js';
import { SpreadsheetsModule } from './spreadsheets/spreadsheets.module.js';

@Module({})
export class AppModule {
  static register(config: PricingConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forService({
          name: 'pricing',
          config,
          migrations: [PricingInit1700000000500, PricingRules1700000000510, PricingChargesTaxes1700000000520],
        }),
        PricesModule,
        OrderPricingModule,
        RulesModule,
        ChargesModule,
        AttributesModule,
        SpreadsheetsModule,
      ],
    };
  }
}

export const pricingService: ServiceDefinition<PricingConfig> = {
  name: 'pricing',
  config: PricingConfig,
  module: (config) => AppModule.register(config),
};
