import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Every list answers this many items when the caller names no limit. */
export const PAGE_LIMIT_DEFAULT = 50;
/** No list answers more than this many items at once. */
export const PAGE_LIMIT_MAX = 500;

/** Paging for list queries: `limit` 1-500 (default 50), `offset` from 0. */
export class PageQuery {
  @ApiPropertyOptional({ default: PAGE_LIMIT_DEFAULT, minimum: 1, maximum: PAGE_LIMIT_MAX })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PAGE_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

/** One page of a list: the items, how many match in all, and the window that was applied. */
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
