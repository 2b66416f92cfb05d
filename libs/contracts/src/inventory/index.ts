export * from './inventory.subjects.js';
export * from './inventory.patterns.js';
export * from './allocation.dto.js';
export * from './inventory.dto.js';
export * from './sources.dto.js';
export * from './stock.dto.js';
export * from './reservations.dto.js';
export * from './backorders.dto.js';
