import { Module } from '@nestjs/common';
import { OrderReversalService } from './order-reversal.service.js';
import { ReversalsHandler } from './reversals.handler.js';

@Module({ controllers: [ReversalsHandler], providers: [OrderReversalService] })
export class ReversalsModule {}
