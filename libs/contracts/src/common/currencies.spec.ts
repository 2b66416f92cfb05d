import { CURRENCY_PATTERN, Currencies, type Currency, isCurrency, minorUnitsOf } from './currencies.js';

/**
 * CLDR's minor units (what Node's Intl reports) where they differ from ISO 4217's, which the
 * table and invoices follow: CLDR shows these without decimals (IQD with none instead of three)
 * because cash is handled so, while ISO keeps the minor unit.
 */
// prettier-ignore
const CLDR_WHERE_ISO_DIFFERS: Partial<Record<Currency, number>> = {
  AFN: 0, ALL: 0, COP: 0, HUF: 0, IDR: 0, IQD: 0, IRR: 0, KPW: 0, LAK: 0, LBP: 0, MGA: 0, MMK: 0, PKR: 0, SLL: 0,
  SOS: 0, SYP: 0, YER: 0,
};
/** In ISO 4217 but not in this Node's ICU: fund codes and the newest currencies. */
const NOT_IN_ICU = ['BOV', 'CHE', 'CHW', 'CLF', 'COU', 'MXV', 'USN', 'UYI', 'UYW', 'VED'];
/** In ICU but not money here: withdrawn (HRK) or without ISO minor units (SDR, SUCRE). */
const NOT_IN_TABLE = ['HRK', 'XDR', 'XSU'];

const intlDigits = (code: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? -1;

describe('the currency table', () => {
  const codes = Object.keys(Currencies) as Currency[];
  const intl = Intl.supportedValuesOf('currency');

  it('has every currency Intl knows, with the same minor units unless ISO and CLDR are known to differ', () => {
    const missing = intl.filter((code) => !isCurrency(code) && !NOT_IN_TABLE.includes(code));
    expect(missing).toEqual([]);
    const differing = codes
      .filter((code) => intl.includes(code))
      .filter((code) => intlDigits(code) !== (CLDR_WHERE_ISO_DIFFERS[code] ?? Currencies[code]))
      .map((code) => `${code}: table ${Currencies[code]}, Intl ${intlDigits(code)}`);
    expect(differing).toEqual([]);
  });

  it('names only real differences from CLDR', () => {
    const stale = Object.entries(CLDR_WHERE_ISO_DIFFERS).filter(
      ([code, digits]) => Currencies[code as Currency] === digits,
    );
    expect(stale).toEqual([]);
  });

  it('lists only codes Intl knows, apart from the named ones, and only 0, 2, 3 or 4 minor units', () => {
    expect(codes.filter((code) => !intl.includes(code))).toEqual(NOT_IN_ICU);
    expect(codes.filter((code) => ![0, 2, 3, 4].includes(Currencies[code]))).toEqual([]);
    expect(codes).toEqual([...codes].sort());
  });

  it('accepts CAD, AUD, BHD and JPY with their own minor units and refuses what is not a currency', () => {
    expect(['CAD', 'AUD', 'BHD', 'JPY', 'CLF'].map((c) => [c, CURRENCY_PATTERN.test(c)])).toEqual([
      ['CAD', true],
      ['AUD', true],
      ['BHD', true],
      ['JPY', true],
      ['CLF', true],
    ]);
    expect(minorUnitsOf('CAD')).toBe(2);
    expect(minorUnitsOf('BHD')).toBe(3);
    expect(minorUnitsOf('JPY')).toBe(0);
    for (const bad of ['ABC', 'eur', 'EURO', 'XAU', 'HRK', '', 'EUR ', 'toString'])
      expect([bad, CURRENCY_PATTERN.test(bad) || isCurrency(bad)]).toEqual([bad, false]);
  });
});
