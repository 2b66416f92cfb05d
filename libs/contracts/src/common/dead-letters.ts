import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { Text } from './bounds.js';

/** The services with event consumers, and so with dead letters. */
export const DEAD_LETTER_SERVICES = ['orders', 'inventory', 'warehouse', 'billing'] as const;
export type DeadLetterService = (typeof DEAD_LETTER_SERVICES)[number];

/** One page of dead letters answers at most this many. */
export const DEAD_LETTERS_PAGE_MAX = 500;

/** The dead-letter subjects a service answers: `<service>.dead-letters.list|replay|discard`. */
export function deadLetterSubjects<S extends DeadLetterService>(service: S) {
  return {
    listDeadLetters: `${service}.dead-letters.list` as const,
    replayDeadLetter: `${service}.dead-letters.replay` as const,
    discardDeadLetter: `${service}.dead-letters.discard` as const,
  };
}

const DEAD_LETTER_ID = /^[1-9][0-9]{0,17}$/;

export class ListDeadLettersRequest {
  @ApiPropertyOptional({ description: 'The `next` of the previous page', example: '42' })
  @IsOptional()
  @Matches(DEAD_LETTER_ID, { message: 'after must be a dead letter id (a positive integer)' })
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: DEAD_LETTERS_PAGE_MAX, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(DEAD_LETTERS_PAGE_MAX)
  limit?: number;
}

export class DeadLetterIdRequest {
  @Matches(DEAD_LETTER_ID, { message: 'id must be a dead letter id (a positive integer)' })
  id: string;
}

export class DiscardDeadLetterBody {
  @ApiProperty({ description: 'Why the event is not to be applied', example: 'booked by hand in INV-000123' })
  @Text(500, { min: 1 })
  reason: string;
}

export class DiscardDeadLetterRequest extends DiscardDeadLetterBody {
  @Matches(DEAD_LETTER_ID, { message: 'id must be a dead letter id (a positive integer)' })
  id: string;
}

export class DeadLetterView {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty({ enum: DEAD_LETTER_SERVICES }) service: DeadLetterService;
  @ApiProperty({ nullable: true, type: String, description: 'The event envelope id' }) eventId: string | null;
  @ApiProperty({ example: 'events.warehouse.shipment.shipped' }) subject: string;
  @ApiProperty({ example: 'billing-events_warehouse_shipment_shipped' }) consumer: string;
  @ApiProperty() error: string;
  @ApiProperty() attempts: number;
  @ApiProperty() deadLetteredAt: string;
  @ApiProperty({ enum: ['OPEN', 'REPLAYED', 'DISCARDED'] }) status: 'OPEN' | 'REPLAYED' | 'DISCARDED';
  @ApiProperty({ nullable: true, type: String }) resolvedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) discardReason: string | null;
  @ApiProperty({ nullable: true, type: String }) replayedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) replayedAt: string | null;
  @ApiProperty({ nullable: true, enum: ['APPLIED', 'ALREADY_APPLIED', 'FAILED'] })
  replayOutcome: 'APPLIED' | 'ALREADY_APPLIED' | 'FAILED' | null;
  @ApiProperty({ nullable: true, type: String }) replayError: string | null;
}

export class DeadLetterPage {
  @ApiProperty({ type: [DeadLetterView] }) items: DeadLetterView[];
  @ApiPropertyOptional({ description: 'Pass as `after` for the next page; absent on the last' }) next?: string;
}

/** The dead-letter commands of one service, for its `*Commands` map. */
export type DeadLetterCommands<S extends DeadLetterService> = {
  [K in `${S}.dead-letters.list`]: { request: ListDeadLettersRequest; reply: DeadLetterPage };
} & { [K in `${S}.dead-letters.replay`]: { request: DeadLetterIdRequest; reply: DeadLetterView } } & {
  [K in `${S}.dead-letters.discard`]: { request: DiscardDeadLetterRequest; reply: DeadLetterView };
};

/** `GET /admin/dead-letters`: one service's dead letters, a page at a time. */
export class ListDeadLettersQuery extends ListDeadLettersRequest {
  @ApiProperty({ enum: DEAD_LETTER_SERVICES, description: 'The service whose dead letters to list' })
  @IsIn(DEAD_LETTER_SERVICES, { message: `service must be one of ${DEAD_LETTER_SERVICES.join(', ')}` })
  service: DeadLetterService;
}
