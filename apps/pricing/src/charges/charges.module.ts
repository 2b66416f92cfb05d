import { Module } from '@nestjs/common';
import { ChargeCodesService } from './charge-codes.service.js';
import { ChargesHandler } from './charges.handler.js';
import { FreightRulesService } from './freight-rules.service.js';
import { TaxRatesService } from './tax-rates.service.js';

/** Tax rates, freight rules and named miscellaneous charges. */
@Module({
  controllers: [ChargesHandler],
  providers: [TaxRatesService, FreightRulesService, ChargeCodesService],
})
export class ChargesModule {}
