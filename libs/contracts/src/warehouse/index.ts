export * from './warehouse.subjects.js';
export * from './warehouse.dto.js';
export * from './scanner.dto.js';
export * from './warehouse.messages.js';
export * from './consistency.dto.js';
