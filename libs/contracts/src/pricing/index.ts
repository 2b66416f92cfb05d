export * from './pricing.subjects.js';
export * from './pricing.values.js';
export * from './pricing.dto.js';
export * from './price-order.dto.js';
export * from './price-rules.dto.js';
export * from './rule-sheets.dto.js';
export * from './charges.dto.js';
export * from './attributes.dto.js';
