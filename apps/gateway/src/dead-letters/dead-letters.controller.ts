import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  DEAD_LETTER_SERVICES,
  DeadLetterPage,
  type DeadLetterService,
  deadLetterSubjects,
  DeadLetterView,
  DiscardDeadLetterBody,
  ListDeadLettersQuery,
} from '#contracts';
import { ServiceClient, validationFailed } from '#platform';
import { ApiConflict, ApiNotFound, ApiStandardErrors } from '../openapi/api-docs.js';

/** A path's `:service`, answering 400 naming it unless it is a service with dead letters. */
function serviceOf(service: string): DeadLetterService {
  if ((DEAD_LETTER_SERVICES as readonly string[]).includes(service)) return service as DeadLetterService;
  throw validationFailed([
    { field: 'service', problems: [`service must be one of ${DEAD_LETTER_SERVICES.join(', ')}`] },
  ]);
}

/** Events a service's consumers could not apply: list them, replay one once after a fix, or discard one with a reason. */
@ApiTags('Administration')
@ApiStandardErrors()
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(private readonly services: ServiceClient) {}

  @Get()
  @ApiOperation({
    summary: "One service's dead letters, oldest first: event, consumer, error, attempts, what was done",
  })
  @ApiOkResponse({ type: DeadLetterPage })
  list(@Query() query: ListDeadLettersQuery) {
    const { service, ...page } = query;
    return this.services.request(deadLetterSubjects(service).listDeadLetters, page);
  }

  @Post(':service/:id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Run the consumer's handler once more (after a fix); once only, through the inbox, recorded on the dead letter",
  })
  @ApiParam({ name: 'service', enum: DEAD_LETTER_SERVICES })
  @ApiOkResponse({
    type: DeadLetterView,
    description: 'REPLAYED, or still OPEN with replayOutcome FAILED and the error',
  })
  @ApiNotFound('The dead letter')
  @ApiConflict('The dead letter was replayed or discarded already')
  replay(@Param('service') service: string, @Param('id') id: string) {
    return this.services.request(deadLetterSubjects(serviceOf(service)).replayDeadLetter, { id });
  }

  @Post(':service/:id/discard')
  @HttpCode(200)
  @ApiOperation({ summary: 'Discard a dead letter with a reason (kept, never deleted; no longer replayable)' })
  @ApiParam({ name: 'service', enum: DEAD_LETTER_SERVICES })
  @ApiOkResponse({ type: DeadLetterView })
  @ApiNotFound('The dead letter')
  @ApiConflict('The dead letter was replayed or discarded already')
  discard(@Param('service') service: string, @Param('id') id: string, @Body() body: DiscardDeadLetterBody) {
    return this.services.request(deadLetterSubjects(serviceOf(service)).discardDeadLetter, { id, reason: body.reason });
  }
}
