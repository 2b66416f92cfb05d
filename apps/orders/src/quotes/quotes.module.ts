import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module.js';
import { QuoteConversionService } from './quote-conversion.service.js';
import { QuotesHandler } from './quotes.handler.js';

@Module({ imports: [OrdersModule], controllers: [QuotesHandler], providers: [QuoteConversionService] })
export class QuotesModule {}
