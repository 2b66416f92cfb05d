import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Text } from './bounds.js';

/** A page of facts answers this many rows when the caller names no limit, and never more. */
export const FACTS_PAGE_MAX = 1000;

/**
 * One page of what a service knows, for the system-wide consistency check: the rows after
 * `after` (the `next` of the previous page; the first page without it), in the service's own
 * key order. Paging keeps every answer bounded however many orders there are.
 */
export class FactsPageRequest {
  @IsOptional()
  @Text(100)
  after?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(FACTS_PAGE_MAX)
  limit?: number;
}

/** A page of facts; `next` is absent on the last page. */
export interface FactsPage<T> {
  items: T[];
  next?: string;
}

/** The rules the system-wide consistency check proves, in the order it reports them. */
export const ConsistencyRules = [
  'reservations-match-live-lines',
  'reserved-lines-have-pick-demand',
  'shipped-lines-have-shipments-and-invoices',
  'invoice-totals-match-priced-lines',
  'open-items-match-invoices',
  'posted-invoices-have-one-event',
] as const;
export type ConsistencyRule = (typeof ConsistencyRules)[number];

/** The longest the check may wait before it looks again at what disagreed (60 s). */
export const SETTLE_MS_MAX = 60_000;

export class SystemConsistencyRequest {
  @ApiPropertyOptional({
    description:
      'How long to wait before looking again at what disagreed (work in flight settles meanwhile); only what still disagrees is reported',
    default: 10_000,
    minimum: 0,
    maximum: SETTLE_MS_MAX,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(SETTLE_MS_MAX)
  settleMs?: number;
}

/** One thing two services (or a service and the event stream) disagree on, with the ids involved. */
export class Disagreement {
  @ApiProperty({ example: 'reserved quantity', description: 'What disagrees, in a few words' }) about: string;
  @ApiPropertyOptional() orderId?: string;
  @ApiPropertyOptional({ example: 'SO-000001' }) orderNumber?: string;
  @ApiPropertyOptional() orderLineId?: string;
  @ApiPropertyOptional({ example: 'WH1' }) locationCode?: string;
  @ApiPropertyOptional() invoiceId?: string;
  @ApiPropertyOptional({ example: 'INV-000001' }) invoiceNumber?: string;
  @ApiPropertyOptional({ type: [String], description: 'Envelope ids of the events involved' }) eventIds?: string[];
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }], nullable: true, description: 'What should be' })
  expected: number | string | null;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }], nullable: true, description: 'What was found' })
  found: number | string | null;
  @ApiPropertyOptional({ description: 'Context for a reader, e.g. the line status' }) note?: string;
}

export class ConsistencyRuleReport {
  @ApiProperty({ enum: ConsistencyRules }) rule: ConsistencyRule;
  @ApiProperty({ description: 'The rule, in words' }) description: string;
  @ApiProperty({ description: 'How many things (lines, reservations, invoices) the rule looked at' }) checked: number;
  @ApiProperty({ type: [Disagreement] }) disagreements: Disagreement[];
}

export class SystemConsistencyReport {
  @ApiProperty({ description: 'True when no rule found a disagreement' }) consistent: boolean;
  @ApiProperty({ description: 'When the facts reported were read' }) checkedAt: string;
  @ApiProperty({ description: 'How long the check waited before looking again at what disagreed' }) settleMs: number;
  @ApiProperty({ type: [ConsistencyRuleReport] }) rules: ConsistencyRuleReport[];
}
