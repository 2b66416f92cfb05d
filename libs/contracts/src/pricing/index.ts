export * from './pricing.subjects.js';
export * from './pricing.dto.js';
