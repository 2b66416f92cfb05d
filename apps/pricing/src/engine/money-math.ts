import { Currencies, type Currency, PERCENT_DECIMALS } from '#contracts';

/** Parts per million of an amount: 1% = 10,000 ppm, 100% = 1,000,000 ppm. */
export const PPM_PER_PERCENT = 10 ** PERCENT_DECIMALS;
export const PPM_WHOLE = 100 * PPM_PER_PERCENT;

/**
 * `numerator / denominator` rounded half-up to a whole number, for non-negative operands.
 * BigInt, so `amount × rate` is exact whatever its size. A quotient beyond
 * Number.MAX_SAFE_INTEGER comes back as a number that is not a safe integer, which every
 * caller refuses (assertSafeMinor), never as a silently wrong amount.
 *
 * Half-up: a remainder of exactly one half rounds away from zero (2.5 → 3); every amount
 * rounded here is non-negative, so half-up and half-away-from-zero agree.
 */
export function divideHalfUp(numerator: bigint, denominator: bigint): number {
  if (numerator < 0n || denominator <= 0n)
    throw new Error(`divideHalfUp: ${numerator} / ${denominator} is not non-negative`);
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** `amount × (1,000,000 + ppmDelta) / 1,000,000`, rounded half-up: a price after a discount (negative delta) or a markup. */
export function scaleByPpm(amountMinor: number, ppmDelta: number): number {
  return divideHalfUp(BigInt(amountMinor) * BigInt(PPM_WHOLE + ppmDelta), BigInt(PPM_WHOLE));
}

/** `amount × ppm / 1,000,000` rounded half-up: a tax on an amount. */
export function ppmOf(amountMinor: number, ppm: number): number {
  return divideHalfUp(BigInt(amountMinor) * BigInt(ppm), BigInt(PPM_WHOLE));
}

/**
 * A percentage as whole parts per million, or undefined when it has more than
 * PERCENT_DECIMALS decimals (12.5 → 125000; 12.34567 → undefined).
 */
export function percentToPpm(percent: number): number | undefined {
  if (!Number.isFinite(percent)) return undefined;
  const ppm = Math.round(percent * PPM_PER_PERCENT);
  return Math.abs(percent * PPM_PER_PERCENT - ppm) < 1e-6 ? ppm : undefined;
}

/** Parts per million as a percentage (125000 → 12.5). */
export function ppmToPercent(ppm: number): number {
  return ppm / PPM_PER_PERCENT;
}

/** Minor units as a decimal amount in the currency's exponent (1999 EUR → "19.99", 1999 JPY → "1999"). */
export function formatMinor(amountMinor: number, currency: Currency): string {
  const exponent: number = Currencies[currency];
  if (exponent === 0) return String(amountMinor);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0');
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
