export * from './inventory.subjects.js';
export * from './inventory.dto.js';
