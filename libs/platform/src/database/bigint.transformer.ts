import type { ValueTransformer } from 'typeorm';

/** Postgres bigint arrives as a string; money and counters are safe integers here. */
export const bigintNumber: ValueTransformer = {
  to: (value?: number | null) => value,
  from: (value?: string | null) => (value === null || value === undefined ? value : Number(value)),
};
