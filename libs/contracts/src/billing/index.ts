export * from './billing.subjects.js';
export * from './billing.dto.js';
export * from './billing.messages.js';
export * from './consistency.dto.js';
export * from './aging.dto.js';
export * from './customer-payments.dto.js';
