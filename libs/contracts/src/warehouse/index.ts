export * from './warehouse.subjects.js';
export * from './warehouse.dto.js';
