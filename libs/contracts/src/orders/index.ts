export * from './orders.subjects.js';
export * from './orders.status.js';
export * from './order-types.js';
export * from './orders.dto.js';
export * from './batches.dto.js';
export * from './returns.dto.js';
export * from './known-orders.dto.js';
export * from './orders.messages.js';
