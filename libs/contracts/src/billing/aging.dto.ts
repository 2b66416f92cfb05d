import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsoDate, Uuid } from '../common/bounds.js';
import type { Currency } from '../common/money.js';

/** `GET /receivables/aging` (`billing.receivables.aging`): what was open on a day, by how late it was. */
export class AgingRequest {
  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Age what was open at the end of this day (UTC); today when absent',
  })
  @IsOptional()
  @IsoDate('asOf must be a date such as 2026-12-31')
  asOf?: string;

  @ApiPropertyOptional({ description: 'One customer only' })
  @IsOptional()
  @Uuid()
  customerId?: string;
}

/**
 * Open amounts by days past due on the as-of day: `current` is not yet due (due on or after
 * it), then 1–30, 31–60, 61–90 and over 90 days past the due date. totalMinor is their sum.
 */
export class AgingBucketsView {
  @ApiProperty() currency: Currency;
  @ApiProperty({ description: 'Not yet due' }) currentMinor: number;
  @ApiProperty({ description: '1 to 30 days past due' }) days1To30Minor: number;
  @ApiProperty({ description: '31 to 60 days past due' }) days31To60Minor: number;
  @ApiProperty({ description: '61 to 90 days past due' }) days61To90Minor: number;
  @ApiProperty({ description: 'More than 90 days past due' }) over90Minor: number;
  @ApiProperty({ description: 'Everything open' }) totalMinor: number;
  @ApiProperty({ description: 'Invoices with something open' }) openItems: number;
}

export class CustomerAgingView extends AgingBucketsView {
  @ApiProperty() customerId: string;
}

export class AgingReport {
  @ApiProperty({ example: '2026-12-31' }) asOf: string;
  @ApiProperty({ type: [CustomerAgingView], description: 'Per customer and currency, customers in id order' })
  customers: CustomerAgingView[];
  @ApiProperty({ type: [AgingBucketsView], description: 'All customers together, per currency' })
  totals: AgingBucketsView[];
}
