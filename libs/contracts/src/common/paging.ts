import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { QueryIntIn } from './bounds.js';

/** Every list answers this many items when the caller names no limit. */
export const PAGE_LIMIT_DEFAULT = 50;
/** No list answers more than this many items at once. */
export const PAGE_LIMIT_MAX = 500;
/** The furthest a list can be paged into; narrow the list with its filters to reach further. */
export const PAGE_OFFSET_MAX = 1_000_000_000;

/**
 * Paging for list queries: `limit` 1-500 (default 50), `offset` 0 to 10^9. Only plain digits
 * are read: `1e20`, `-1`, `abc`, `1.5` and `0x10` are refused.
 */
export class PageQuery {
  @ApiPropertyOptional({ default: PAGE_LIMIT_DEFAULT })
  @IsOptional()
  @QueryIntIn(1, PAGE_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @QueryIntIn(0, PAGE_OFFSET_MAX)
  offset?: number;
}

/** One page of a list: the items, how many match in all, and the window that was applied. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
