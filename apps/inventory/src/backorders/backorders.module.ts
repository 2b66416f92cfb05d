import { Module } from '@nestjs/common';
import { BackorderQueryService } from './backorder-query.service.js';
import { BackorderReleaseService } from './backorder-release.service.js';
import { BackordersHandler } from './backorders.handler.js';
import { OrderConfirmationService } from './order-confirmation.service.js';

@Module({
  controllers: [BackordersHandler],
  providers: [BackorderQueryService, BackorderReleaseService, OrderConfirmationService],
  exports: [BackorderReleaseService, OrderConfirmationService],
})
export class BackordersModule {}
