import type { TaxSummaryView } from '#contracts';
import { DomainError } from '#platform';
import { ppmOf, ppmToPercent } from './money-math.js';
import type { TaxRate } from './pricing-model.js';

/** The tax on one amount (a line or a charge). */
export interface AmountTax {
  taxMinor: number;
  rate?: TaxRate;
}

/**
 * Taxes of one order: the rate of each tax class in the ship-to region on the pricing day.
 * Each line and each taxed charge is taxed on its own and rounded half-up to the minor
 * unit; the summary per rate adds those up and is never rounded again, so the order's tax
 * is exactly the sum of its lines' and charges' taxes.
 */
export class TaxCalculator {
  private readonly rates: Map<string, TaxRate>;
  private readonly missing = new Set<string>();
  private readonly summaries = new Map<string, TaxSummaryView>();

  /** Without a region nothing is taxed. */
  constructor(
    private readonly region: string | undefined,
    rates: readonly TaxRate[],
  ) {
    this.rates = new Map(rates.map((r) => [r.taxClass, r]));
  }

  /** Taxes `amountMinor` at the class's rate; a class with no rate is remembered for {@link assertComplete}. */
  tax(taxClass: string | undefined, amountMinor: number): AmountTax {
    if (this.region === undefined || taxClass === undefined) return { taxMinor: 0 };
    const rate = this.rates.get(taxClass);
    if (!rate) {
      this.missing.add(taxClass);
      return { taxMinor: 0 };
    }
    const taxMinor = ppmOf(amountMinor, rate.ppm);
    const summary = this.summaries.get(rate.id) ?? this.newSummary(rate);
    summary.taxableMinor += amountMinor;
    summary.taxMinor += taxMinor;
    return { taxMinor, rate };
  }

  /** Refuses to price when a taxed class has no rate in the region: a price without its tax would be wrong. */
  assertComplete(asOf: string): void {
    if (this.missing.size === 0) return;
    const classes = [...this.missing].sort();
    throw new DomainError(
      'TAX_RATE_NOT_FOUND',
      `No tax rate on ${asOf} in region ${this.region} for tax class ${classes.join(', ')}`,
      {
        region: this.region,
        taxClasses: classes,
        asOf,
      },
    );
  }

  /** One summary per rate used, by tax class. */
  summary(): TaxSummaryView[] {
    return [...this.summaries.values()].sort((a, b) =>
      a.taxClass < b.taxClass ? -1 : a.taxClass > b.taxClass ? 1 : 0,
    );
  }

  private newSummary(rate: TaxRate): TaxSummaryView {
    const percent = ppmToPercent(rate.ppm);
    const summary: TaxSummaryView = {
      region: rate.region,
      taxClass: rate.taxClass,
      percent,
      taxRateId: rate.id,
      taxableMinor: 0,
      taxMinor: 0,
      reason: `${percent}% ${rate.taxClass} tax in ${rate.region}, rounded half-up per line and charge`,
    };
    this.summaries.set(rate.id, summary);
    return summary;
  }
}
