import { ApiProperty } from '@nestjs/swagger';
import { Matching, MinorUnits } from './bounds.js';
import { CURRENCY_PATTERN, Currencies, type Currency } from './currencies.js';

export { CURRENCY_PATTERN, Currencies, type Currency, isCurrency, minorUnitsOf } from './currencies.js';

/** Money is an integer count of minor units plus its currency. */
export class Money {
  @ApiProperty({ example: 1999, description: 'Integer amount in minor units (cents)' })
  @MinorUnits()
  amountMinor: number;

  @ApiProperty({ example: 'EUR', enum: Object.keys(Currencies) })
  @Matching(CURRENCY_PATTERN, 3, 'currency must be a supported ISO 4217 code')
  currency: Currency;
}

/** Parts per million in one percent: a tax rate of 21% is 210,000 ppm. */
export const PPM_PER_PERCENT = 10_000;

/** A rate in percent (at most 4 decimals, as pricing keeps it) as whole parts per million. */
export function percentToPpm(percent: number): number {
  return Math.round(percent * PPM_PER_PERCENT);
}

/** Parts per million as a percent (210000 → 21). */
export function ppmToPercent(ppm: number): number {
  return ppm / PPM_PER_PERCENT;
}

/**
 * The tax on an amount: `amount × ppm / 1,000,000` rounded half-up to the minor unit (pricing's
 * rule, per line and per charge). Exact in BigInt whatever the amount.
 */
export function taxOnMinor(amountMinor: number, ppm: number): number {
  if (amountMinor < 0 || ppm < 0) throw new RangeError(`taxOnMinor: ${amountMinor} at ${ppm} ppm is negative`);
  const whole = BigInt(100 * PPM_PER_PERCENT);
  return Number((BigInt(amountMinor) * BigInt(ppm) * 2n + whole) / (whole * 2n));
}
