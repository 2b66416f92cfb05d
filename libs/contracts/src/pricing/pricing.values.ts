/** How a price rule sets the unit price: a price, a percentage off list, or a percentage over cost. */
export const RuleMethods = ['PRICE', 'DISCOUNT', 'MARKUP'] as const;
export type RuleMethod = (typeof RuleMethods)[number];

/** What a rule's breaks are measured in: the line's quantity, or its amount at list price (minor units). */
export const BreakBases = ['QUANTITY', 'AMOUNT'] as const;
export type BreakBasis = (typeof BreakBases)[number];

/** Flat amount, by weight (per kg), or by tiers of the order's merchandise amount. */
export const FreightMethods = ['FLAT', 'WEIGHT', 'AMOUNT'] as const;
export type FreightMethod = (typeof FreightMethods)[number];

/** Where a line's unit price came from. */
export const PriceSources = ['RULE', 'LIST_PRICE'] as const;
export type PriceSource = (typeof PriceSources)[number];

export const ChargeKinds = ['FREIGHT', 'MISC'] as const;
export type ChargeKind = (typeof ChargeKinds)[number];

/**
 * What a rule can target, from the most to the least significant for precedence: when two
 * rules match a line, the first target in this list that one names and the other does not
 * decides (see the pricing README section).
 */
export const RuleTargets = [
  'customerId',
  'customerType',
  'sku',
  'category',
  'shipToRegion',
  'shipFromLocation',
] as const;
export type RuleTarget = (typeof RuleTargets)[number];

/** A ship-to region: a country or country subdivision code such as `NL`, `US-NY`, `DE-BY`. */
export const REGION_PATTERN = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;
/** Customer types, item categories and tax classes: short codes such as `WHOLESALE`, `TOOLS`, `REDUCED`. */
export const CLASS_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
/** Codes of rules, freight rules and charges: the key a spreadsheet row is matched by. */
export const RULE_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Tax class of an item that has none recorded. */
export const DEFAULT_TAX_CLASS = 'STANDARD';

/** The return handling charge's code, as returns ask for it. */
export const RETURN_HANDLING_CHARGE = 'RETURN_HANDLING';

/** Spreadsheet formats of price rule import and export. */
export const SpreadsheetFormats = ['csv', 'xlsx'] as const;
export type SpreadsheetFormat = (typeof SpreadsheetFormats)[number];
export const SpreadsheetContentTypes = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const satisfies Record<SpreadsheetFormat, string>;

/**
 * Largest spreadsheet an import accepts, and an export produces: base64 of it plus its
 * envelope must fit one NATS message (8 MB here).
 */
export const MAX_SPREADSHEET_BYTES = 5 * 1024 * 1024;

/** A markup may at most multiply cost by 101; a discount is at most 100 %. */
export const MAX_MARKUP_PERCENT = 10_000;

/** Percentages have at most this many decimals (12.3456 %): stored exactly as parts per million. */
export const PERCENT_DECIMALS = 4;
