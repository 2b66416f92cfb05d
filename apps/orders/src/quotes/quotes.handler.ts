import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { IdRequest, OrdersSubjects, type OrderView, type QuoteComparisonView } from '#contracts';
import { AllowRoles, Handles } from '#platform';
import { QuoteConversionService } from './quote-conversion.service.js';

@Controller()
export class QuotesHandler {
  constructor(private readonly quotes: QuoteConversionService) {}

  @Handles(OrdersSubjects.convertQuote)
  @AllowRoles('admin', 'sales')
  convert(@Payload() request: IdRequest): Promise<OrderView> {
    return this.quotes.convert(request.id);
  }

  @Handles(OrdersSubjects.quoteComparison)
  @AllowRoles('admin', 'sales')
  comparison(@Payload() request: IdRequest): Promise<QuoteComparisonView> {
    return this.quotes.comparison(request.id);
  }
}
