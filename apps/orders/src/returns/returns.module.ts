import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { CreditMemoService } from './credit-memo.service.js';
import { ReturnCreationService } from './return-creation.service.js';
import { ReturnProcessingService } from './return-processing.service.js';
import { ReturnsHandler } from './returns.handler.js';

@Module({
  imports: [OrdersModule],
  controllers: [ReturnsHandler],
  providers: [ReturnCreationService, ReturnProcessingService, CreditMemoService],
})
export class ReturnsModule {}
