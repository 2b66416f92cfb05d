import { ApiProperty } from '@nestjs/swagger';
import { Matching, MinorUnits } from './bounds.js';

/** ISO 4217 currencies the system accepts, with their minor-unit exponent. */
export const Currencies = { EUR: 2, USD: 2, GBP: 2, CHF: 2, SEK: 2, DKK: 2, NOK: 2, PLN: 2, JPY: 0 } as const;
export type Currency = keyof typeof Currencies;
export const CURRENCY_PATTERN = new RegExp(`^(${Object.keys(Currencies).join('|')})$`);

/** Money is an integer count of minor units plus its currency. */
export class Money {
  @ApiProperty({ example: 1999, description: 'Integer amount in minor units (cents)' })
  @MinorUnits()
  amountMinor: number;

  @ApiProperty({ example: 'EUR', enum: Object.keys(Currencies) })
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency: Currency;
}
